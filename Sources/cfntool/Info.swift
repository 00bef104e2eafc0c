import ArgumentParser
import CFNModel

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarise templates: format, size, sections, resources by type."
    )

    @Argument(help: "Template files (- for standard input).")
    var files: [String]

    func run() throws {
        var status = ExitStatus()
        for path in files {
            do {
                let bytes = try SourceFile.read(path)
                let t = try Template(bytes: bytes, path: path)
                Console.out(summary(t, bytes: bytes.count))
            } catch {
                status.failed(error)
            }
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
