import ArgumentParser
import CFNLint

struct Rules: Command {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the lint rules (id, severity, title), or write their documentation as Markdown."
    )

    enum Format: String, ExpressibleByArgument {
        case text, markdown
    }

    @Option(help: "text (one line a rule) or markdown (the documentation, as in docs/rules.md).")
    var format: Format = .text

    func run() throws {
        Console.out(bytes: Array((format == .text ? RuleDocs.text() : RuleDocs.markdown()).utf8))
    }
}
