import CFNModel

struct Convert: Command {
    static let spec = CommandSpec(
        name: "convert",
        abstract: "Convert a template between YAML and JSON.",
        discussion: """
            JSON output carries the values as YAML 1.1 reads them (0755 becomes 493, yes becomes \
            true), functions in long form. YAML output uses short-form tags.

            A file that is no CloudFormation template (no Resources, AWSTemplateFormatVersion or \
            SAM Transform at the top level) exits 2 with "not a CloudFormation template"; \
            --only-templates exits 0 without output instead.
            """,
        options: [
            .choice("to", Template.Format.self, required: true, help: "The format to write: json or yaml."),
            .text("output", short: "o", help: "Write to this file (atomically) instead of standard output."),
            .number("indent", default: 2, help: "Spaces per indentation level for JSON output."),
        ] + TemplateSelection.options,
        arguments: [ArgumentSpec(name: "FILE", required: true, help: "The template file (- for standard input).")]
    )

    var to: Template.Format
    var output: String?
    var indent: Int
    var file: String
    var selection: TemplateSelection

    init(_ arguments: ParsedArguments) {
        to = arguments.choice("to", as: Template.Format.self)!
        output = arguments.value("output")
        indent = arguments.number("indent") ?? 2
        file = arguments.argument("FILE")!
        selection = TemplateSelection(arguments)
    }

    func run() throws {
        var status = ExitStatus()
        do {
            let template = try Template.read(file, options: DecodeOptions(keepComments: to == .yaml)).template
            let out = try Formatter.format(template, as: to, indent: indent)
            if let output {
                try AtomicFile.write(out, to: output)
            } else {
                Console.out(bytes: out)
            }
        } catch  where error.kind == .notTemplate && selection.onlyTemplates {
            return
        } catch {
            status.failed(error)
        }
        try status.exit()
    }
}
