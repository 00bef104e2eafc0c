import ArgumentParser
import CFNModel

struct Fmt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print templates in canonical form, or rewrite them (-w), or check them (--check).",
        discussion: """
            YAML stays YAML and JSON stays JSON. Sections and resource attributes go in canonical \
            order, comments are kept, and every value keeps its meaning: the output is parsed \
            again and must equal the input, or nothing is written.
            """
    )

    @Flag(name: [.customShort("w"), .customLong("write")], help: "Rewrite the files in place (atomically).")
    var write = false

    @Flag(help: "Print the files that are not in canonical form and exit 1 if there are any.")
    var check = false

    @Option(help: "Spaces per indentation level for JSON output.")
    var indent = 2

    @Argument(help: "Template files (- for standard input).")
    var files: [String]

    func validate() throws {
        if write && check { throw ValidationError("--write and --check cannot be used together") }
        if write && files.contains("-") { throw ValidationError("--write cannot rewrite standard input") }
        if !(1...8).contains(indent) { throw ValidationError("--indent takes 1 to 8") }
    }

    func run() throws {
        var status = ExitStatus()
        for path in files {
            do {
                let source = try SourceFile.read(path)
                let template = try Template(bytes: source, path: path, options: DecodeOptions(keepComments: true))
                let out = try Formatter.format(template, indent: indent)
                let changed = out != source
                if check {
                    if changed {
                        Console.out(path)
                        status.found()
                    }
                } else if write {
                    if changed { try AtomicFile.write(out, to: path) }
                } else {
                    Console.out(bytes: out)
                }
            } catch {
                status.failed(error)
            }
        }
        try status.exit()
    }
}
