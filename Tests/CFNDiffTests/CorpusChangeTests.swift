import CFNDiff
import CFNModel
import CFNSchema
import Testing

/// Every corpus template changed programmatically, each change with the impact it must have.
@Suite("corpus templates changed programmatically")
struct CorpusChangeTests {
    /// The corpus templates that decode, with their resources (decoded once, on all cores).
    static let templates: [Template] = {
        Parallel.map(Corpus.paths) { rel in try? Template(contentsOf: Corpus.file(rel)) }.compactMap { $0 }.filter {
            !($0.root["Resources"]?.mapValue?.isEmpty ?? true)
        }
    }()

    /// A value with every number written as its string (`80` -> `"80"`) and every boolean as
    /// `"true"`/`"false"`, as CloudFormation reads them the same.
    static func stringified(_ n: Node) -> Node {
        var out = n
        switch n.value {
        case .number(let x) where x.canonical != "Infinity" && x.canonical != "-Infinity" && x.canonical != "NaN":
            out.value = .string(x.canonical)
        case .bool(let b): out.value = .string(b ? "true" : "false")
        case .list(let items): out.value = .list(items.map(stringified))
        case .map(let m): out.value = .map(m.mapValues(stringified))
        case .function(var f):
            f.argument = stringified(f.argument)
            out.value = .function(f)
        default: break
        }
        return out
    }

    /// Every list under DependsOn and Statement reversed.
    static func reversedSets(_ n: Node, key: String? = nil) -> Node {
        var out = n
        switch n.value {
        case .list(let items):
            let mapped = items.map { reversedSets($0) }
            out.value = .list(key == "DependsOn" || key == "Statement" ? mapped.reversed() : mapped)
        case .map(let m):
            var copy = m
            for e in m.entries { copy[e.key] = reversedSets(e.value, key: e.key) }
            out.value = .map(copy)
        case .function(var f):
            f.argument = reversedSets(f.argument)
            out.value = .function(f)
        default: break
        }
        return out
    }

    @Test("numbers and booleans written as strings, DependsOn and IAM statements reversed: no differences")
    func equivalentRewrites() throws {
        let templates = Self.templates
        try #require(templates.count > 700)
        let failures = Parallel.map(templates) { t -> String? in
            var u = t
            u.root["Resources"] = Self.reversedSets(Self.stringified(t.root["Resources"]!))
            let d = Differ().diff(t, u)
            return d.isEmpty ? nil : "\(t.path):\n\(d.render(as: .text))"
        }.compactMap { $0 }
        #expect(failures.isEmpty, "\(failures.count) differ; first: \(failures.first ?? "")")
    }

    /// A resource whose schema is known, with a top-level string property of the kind asked.
    static func candidates(_ t: Template, createOnly: Bool) -> [(id: String, property: String)] {
        guard let store = SchemaStore.bundled else { return [] }
        var out: [(String, String)] = []
        for r in t.resources {
            guard let type = r.type, let schema = store.schema(for: type), let props = r.properties else { continue }
            for e in props.entries where e.value.stringValue != nil {
                let path = [e.key]
                let isCreateOnly = schema.createOnly.contains(path)
                let touchesConditional = schema.conditionalCreateOnly.contains { $0.first == e.key }
                let touchesCreateOnly = schema.createOnly.contains { $0.first == e.key }
                if createOnly ? isCreateOnly : (!touchesCreateOnly && !touchesConditional) {
                    out.append((r.logicalId, e.key))
                    break
                }
            }
        }
        return out
    }

    @Test("a create-only property changed: replace; a mutable one: update (every corpus template)")
    func propertyChanges() throws {
        let results = Parallel.map(Self.templates) { t -> (checked: Int, failures: [String]) in
            var checked = 0
            var failures: [String] = []
            let differ = Differ()
            for createOnly in [true, false] {
                for c in Self.candidates(t, createOnly: createOnly).prefix(3) {
                    let path = "Resources/\(c.id)/Properties/\(c.property)"
                    let u = t.updating(path) { Node.string(($0.stringValue ?? "") + "-changed") }
                    let d = differ.diff(t, u)
                    guard let r = d.resource(c.id) else {
                        failures.append("\(t.path): \(c.id).\(c.property): no change found")
                        continue
                    }
                    let expected: Impact = createOnly ? .replaced : .updated
                    // A mutable property of a resource is an update of that resource, whatever its dependents do.
                    if r.impact != expected {
                        failures.append("\(t.path): \(c.id).\(c.property): \(r.impact), expected \(expected)")
                    }
                    if r.changes.map(\.path.dotted) != ["Properties.\(c.property)"] {
                        failures.append("\(t.path): \(c.id).\(c.property): changes \(r.changes.map(\.path.dotted))")
                    }
                    checked += 1
                }
            }
            return (checked, failures)
        }
        let failures = results.flatMap(\.failures)
        #expect(failures.isEmpty, "\(failures.count) wrong; first: \(failures.prefix(5).joined(separator: "\n"))")
        #expect(results.reduce(0) { $0 + $1.checked } > 300)
    }

    @Test("a Type changed: replace; a logical id renamed: renamed (every corpus template)")
    func typeAndRename() throws {
        let failures = Parallel.map(Self.templates) { t -> [String] in
            var failures: [String] = []
            let differ = Differ()
            guard let first = t.resources.first, let type = first.type else { return [] }
            let retyped = t.setting("Resources/\(first.logicalId)/Type", Node.string(type + "Other"))
            let r = differ.diff(t, retyped).resource(first.logicalId)
            if r?.impact != .replaced || r?.oldType != type {
                failures.append("\(t.path): Type change gave \(String(describing: r?.impact))")
            }

            // Rename a resource whose type and properties no other resource shares.
            var seen: [String: Int] = [:]
            for res in t.resources { seen[Self.identityText(res.node), default: 0] += 1 }
            guard let unique = t.resources.first(where: { seen[Self.identityText($0.node)] == 1 }) else { return failures }
            let renamedId = unique.logicalId + "Renamed"
            guard t.resource(renamedId) == nil else { return failures }
            let d = differ.diff(t, t.renamingResource(unique.logicalId, to: renamedId))
            let renamed = d.resource(renamedId)
            if renamed?.impact != .renamed || renamed?.renamedFrom != unique.logicalId || d.resource(unique.logicalId) != nil {
                failures.append("\(t.path): rename of \(unique.logicalId) gave \(d.resources.map { "\($0.logicalId) \($0.impact)" })")
            }
            return failures
        }.flatMap { $0 }
        #expect(failures.isEmpty, "\(failures.count) wrong; first: \(failures.prefix(5).joined(separator: "\n"))")
    }

    static func identityText(_ n: Node) -> String {
        String(decoding: Formatter.json(Node(.list([n["Type"] ?? Node(.null), n["Properties"] ?? Node(.null)]))), as: UTF8.self)
    }
}
