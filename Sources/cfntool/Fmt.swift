import CFNModel

struct Fmt: Command {
    static let spec = CommandSpec(
        name: "fmt",
        abstract: "Print templates in canonical form, or rewrite them (-w), or check them (--check).",
        discussion: """
            YAML stays YAML and JSON stays JSON. Sections and resource attributes go in canonical \
            order, comments are kept, and every value keeps its meaning: the output is parsed \
            again and must equal the input, or nothing is written.

            With --check or -w, FILEs may also be folders (searched recursively for *.yaml, *.yml, \
            *.json and *.template files that are templates) and quoted patterns. A named file that \
            is no CloudFormation template exits 2 with "not a CloudFormation template" \
            (--only-templates skips it), as does a folder or pattern that gives no template.

            Exit codes: 0 done (with --check: every file in canonical form); 1 with --check, files \
            that would change (listed); 2 a file could not be read, parsed or written, or is no \
            template, or a folder or pattern gave none; 64 usage error.
            """,
        options: [
            .flag("write", short: "w", help: "Rewrite the files in place (atomically)."),
            .flag("check", help: "Print the files that are not in canonical form and exit 1 if there are any."),
            .number("indent", default: 2, help: "Spaces per indentation level for JSON output."),
        ] + TemplateSelection.options,
        arguments: [
            ArgumentSpec(
                name: "FILE",
                required: true,
                repeats: true,
                help: "Template files (- for standard input); with --check or -w also folders and quoted patterns."
            )
        ]
    )

    var write: Bool
    var check: Bool
    var indent: Int
    var files: [String]
    var selection: TemplateSelection

    init(_ arguments: ParsedArguments) {
        write = arguments.flag("write")
        check = arguments.flag("check")
        indent = arguments.number("indent") ?? 2
        files = arguments.words("FILE")
        selection = TemplateSelection(arguments)
    }

    func validate() throws(UsageError) {
        if write && check { throw UsageError("--write and --check cannot be used together") }
        if write && files.contains("-") { throw UsageError("--write cannot rewrite standard input") }
        if !(1...8).contains(indent) { throw UsageError("--indent takes 1 to 8") }
    }

    func run() throws {
        var status = ExitStatus()
        var unformatted: [String] = []
        // Printing the canonical form of a whole folder would be one stream of many templates.
        TemplateFiles(files, searchFolders: check || write).forEachTemplate(
            onlyTemplates: selection.onlyTemplates,
            options: DecodeOptions(keepComments: true),
            status: &status
        ) { file, template, source, status in
            let out = try Formatter.format(template, indent: indent)
            let changed = out != source
            if check {
                if changed {
                    Console.out(file.path)
                    unformatted.append(file.path)
                    status.found()
                }
            } else if write {
                if changed { try AtomicFile.write(out, to: file.path) }
            } else {
                Console.out(bytes: out)
            }
        }
        if !unformatted.isEmpty {
            // The files go to stdout (for scripts); what to do about them to stderr, for the person
            // whose commit a pre-commit hook just stopped.
            let quoted = unformatted.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
            let count = unformatted.count == 1 ? "1 file is" : "\(unformatted.count) files are"
            Console.err("\(count) not in canonical form: run `cfntool fmt -w \(quoted)` to rewrite, then commit again")
        }
        try status.exit()
    }
}
