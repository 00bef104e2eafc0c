import ArgumentParser
import CFNModel

struct Convert: Command {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a template between YAML and JSON.",
        discussion: """
            JSON output carries the values as YAML 1.1 reads them (0755 becomes 493, yes becomes \
            true), functions in long form. YAML output uses short-form tags.

            A file that is no CloudFormation template (no Resources, AWSTemplateFormatVersion or \
            SAM Transform at the top level) exits 2 with "not a CloudFormation template"; \
            --only-templates exits 0 without output instead.
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

    @OptionGroup var selection: TemplateSelection

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

extension Template.Format: ExpressibleByArgument {}
