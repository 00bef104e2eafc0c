import ArgumentParser
import CFNModel

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a template between YAML and JSON.",
        discussion: """
            JSON output carries the values as YAML 1.1 reads them (0755 becomes 493, yes becomes \
            true), functions in long form. YAML output uses short-form tags.
            """
    )

    @Option(help: "The format to write: json or yaml.")
    var to: Template.Format

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @Option(help: "Spaces per indentation level for JSON output.")
    var indent = 2

    @Argument(help: "The template file (- for standard input).")
    var file: String

    func run() throws {
        var status = ExitStatus()
        do {
            let template = try Template(contentsOf: file, options: DecodeOptions(keepComments: to == .yaml))
            let out = try Formatter.format(template, as: to, indent: indent)
            if let output {
                try AtomicFile.write(out, to: output)
            } else {
                Console.out(bytes: out)
            }
        } catch {
            status.failed(error)
        }
        try status.exit()
    }
}

extension Template.Format: ExpressibleByArgument {}
