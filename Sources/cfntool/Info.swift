import CFNModel

struct Info: Command {
    static let spec = CommandSpec(
        name: "info",
        abstract: "Summarise templates: format, size, sections, resources by type.",
        discussion: """
            FILEs may be templates, folders (searched recursively for *.yaml, *.yml, *.json and \
            *.template files that are templates), quoted patterns or - for standard input. A named \
            file that is no CloudFormation template exits 2 with "not a CloudFormation template" \
            (--only-templates skips it), as does a folder or pattern that gives no template.

            Exit codes: 0 done; 2 a file could not be read or parsed, or is no template, or a \
            folder or pattern gave none (the other files are still summarised); 64 usage error.
            """,
        options: TemplateSelection.options,
        arguments: [
            ArgumentSpec(
                name: "FILE",
                required: true,
                repeats: true,
                help: "Templates, folders or quoted patterns (- for standard input)."
            )
        ]
    )

    var files: [String]
    var selection: TemplateSelection

    init(_ arguments: ParsedArguments) {
        files = arguments.words("FILE")
        selection = TemplateSelection(arguments)
    }

    func run() throws {
        var status = ExitStatus()
        TemplateFiles(files).forEachTemplate(onlyTemplates: selection.onlyTemplates, status: &status) { _, t, bytes, _ in
            Console.out(summary(t, bytes: bytes.count))
        }
        try status.exit()
    }

    func summary(_ t: Template, bytes: Int) -> String {
        var lines = ["\(t.path): \(t.format.rawValue), \(bytes) bytes"]
        if let d = t.description { lines.append("  description: \(d.split(separator: "\n").first.map(String.init) ?? "")") }
        if !t.transforms.isEmpty { lines.append("  transform: \(t.transforms.joined(separator: ", "))") }
        lines.append(
            "  parameters \(t.parameters.count), mappings \(t.mappings.count), conditions \(t.conditions.count), resources \(t.resources.count), outputs \(t.outputs.count)"
        )
        var byType: [String: Int] = [:]
        for r in t.resources { byType[r.type ?? "(no Type)", default: 0] += 1 }
        for (type, n) in byType.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            lines.append("    \(String(n).leftPad(4)) \(type)")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPad(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
