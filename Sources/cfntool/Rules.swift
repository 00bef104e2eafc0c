import ArgumentParser
import CFNLint

struct Rules: Command {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every lint rule id (id, severity, title), as text, JSON or Markdown documentation."
    )

    enum Format: String, ExpressibleByArgument {
        case text, json, markdown
    }

    @Option(help: "text (one line an id), json (id, level, title, description) or markdown (the documentation, as in docs/rules.md).")
    var format: Format = .text

    func run() throws {
        switch format {
        case .text: Console.out(bytes: Array(RuleDocs.text().utf8))
        case .json: Console.out(bytes: RuleDocs.json())
        case .markdown: Console.out(bytes: Array(RuleDocs.markdown().utf8))
        }
    }
}
