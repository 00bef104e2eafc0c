import CFNLint

struct Rules: Command {
    static let spec = CommandSpec(
        name: "rules",
        abstract: "List every lint rule id (id, severity, title), as text, JSON or Markdown documentation.",
        options: [
            .choice(
                "format",
                Format.self,
                default: .text,
                help: "text (one line an id), json (id, level, title, description) or markdown (the documentation, as in docs/rules.md)."
            )
        ]
    )

    enum Format: String, CaseIterable {
        case text, json, markdown
    }

    var format: Format

    init(_ arguments: ParsedArguments) { format = arguments.choice("format", as: Format.self) ?? .text }

    func run() throws {
        switch format {
        case .text: Console.out(bytes: Array(RuleDocs.text().utf8))
        case .json: Console.out(bytes: RuleDocs.json())
        case .markdown: Console.out(bytes: Array(RuleDocs.markdown().utf8))
        }
    }
}
