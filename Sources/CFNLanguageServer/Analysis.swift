import CFNModel

/// What a name in a template is.
enum SymbolKind: String, CaseIterable {
    case resource, parameter, condition, mapping, output

    var section: String {
        switch self {
        case .resource: return "Resources"
        case .parameter: return "Parameters"
        case .condition: return "Conditions"
        case .mapping: return "Mappings"
        case .output: return "Outputs"
        }
    }
}

/// A name as written somewhere in the document: where it is defined, or where it is used.
struct NameOccurrence {
    var kind: SymbolKind
    var name: String
    /// The bytes of the name itself (no quotes, no `${`, no `.Attribute`).
    var range: Range<Int>
    var isDefinition: Bool
}

/// One step down the template tree to an offset: the key of a mapping entry (and whether the
/// offset is on the key itself), or a list index.
struct PathStep {
    var key: String?
    var onKey: Bool
    var node: Node
}

/// A parsed document: the template, and every definition and use of its names with exact byte
/// ranges (what definition, references and rename need).
struct Analysis {
    let template: Template
    let bytes: [UInt8]
    private(set) var occurrences: [NameOccurrence] = []
    /// The start offsets of `occurrences`: a name is recorded once however many views reach it.
    private var starts: Set<Int> = []

    init(template: Template, bytes: [UInt8]) {
        self.template = template
        self.bytes = bytes
        collect()
    }

    /// Definitions of `kind` in source order.
    func definitions(_ kind: SymbolKind) -> [NameOccurrence] { occurrences.filter { $0.isDefinition && $0.kind == kind } }

    func definition(_ kind: SymbolKind, _ name: String) -> NameOccurrence? {
        occurrences.first { $0.isDefinition && $0.kind == kind && $0.name == name }
    }

    /// The occurrence whose name covers `offset` (its end included, where a cursor sits after typing).
    func occurrence(at offset: Int) -> NameOccurrence? {
        occurrences.first { $0.range.contains(offset) } ?? occurrences.first { $0.range.upperBound == offset }
    }

    /// Every occurrence of the same thing as `o`.
    func related(to o: NameOccurrence) -> [NameOccurrence] {
        occurrences.filter { $0.kind == o.kind && $0.name == o.name }
    }

    // MARK: collecting

    private mutating func collect() {
        let sections: [(SymbolKind, String)] = SymbolKind.allCases.map { ($0, $0.section) }
        for (kind, section) in sections {
            guard let map = template.root[section]?.mapValue else { continue }
            for e in map.entries {
                if let r = nameRange(e.key, in: e.keyRange), starts.insert(r.lowerBound).inserted {
                    occurrences.append(NameOccurrence(kind: kind, name: e.key, range: r, isDefinition: true))
                }
            }
        }
        let names = Set(template.resources.map(\.logicalId))
        let parameters = Set(template.parameters.map(\.name))
        for e in template.root.entries {
            let section = e.key
            guard section == "Resources" || section == "Outputs" || section == "Conditions" || section == "Metadata" || section == "Rules"
            else {
                continue
            }
            for entry in e.value.mapValue?.entries ?? [] {
                for ref in entry.value.references { add(ref, resources: names, parameters: parameters) }
                // A resource's or output's own `Condition` and `DependsOn` are attributes, not values.
                if section == "Resources" || section == "Outputs", let m = entry.value.mapValue {
                    if let c = m["Condition"], let s = c.stringValue { addName(.condition, s, c.range) }
                    if section == "Resources", let d = m["DependsOn"] {
                        for item in d.listValue ?? [d] {
                            if let s = item.stringValue { addName(.resource, s, item.range) }
                        }
                    }
                }
            }
        }
        occurrences.sort { $0.range.lowerBound < $1.range.lowerBound }
    }

    private mutating func add(_ ref: Reference, resources: Set<String>, parameters: Set<String>) {
        switch ref.kind {
        case .ref:
            let kind: SymbolKind = parameters.contains(ref.target) && !resources.contains(ref.target) ? .parameter : .resource
            addName(kind, ref.target, ref.range)
        case .getAtt, .dependsOn:
            addName(.resource, ref.target, ref.range)
        case .condition:
            addName(.condition, ref.target, ref.range)
        case .findInMap:
            addName(.mapping, ref.target, ref.range)
        case .sub:
            // Every `${Name}` / `${Name.Attribute}` in the string's source text.
            let kind: SymbolKind = parameters.contains(ref.target) && !resources.contains(ref.target) ? .parameter : .resource
            guard ref.range.isKnown else { return }
            let lo = ref.range.start.offset
            let hi = min(ref.range.end.offset, bytes.count)
            let needle = Array(("${" + ref.target).utf8)
            var i = lo
            while i + needle.count <= hi {
                if bytes[i] == 0x24, Array(bytes[i..<i + needle.count]) == needle {
                    let after = i + needle.count
                    if after < bytes.count, bytes[after] == UInt8(ascii: "}") || bytes[after] == UInt8(ascii: ".") {
                        let r = (i + 2)..<after
                        if starts.insert(r.lowerBound).inserted {
                            occurrences.append(NameOccurrence(kind: kind, name: ref.target, range: r, isDefinition: false))
                        }
                    }
                    i = after
                } else {
                    i += 1
                }
            }
        }
    }

    private mutating func addName(_ kind: SymbolKind, _ name: String, _ range: SourceRange) {
        guard let r = nameRange(name, in: range), starts.insert(r.lowerBound).inserted else { return }
        occurrences.append(NameOccurrence(kind: kind, name: name, range: r, isDefinition: false))
    }

    /// The bytes of `name` inside a node's or key's source range (after any quote).
    private func nameRange(_ name: String, in range: SourceRange) -> Range<Int>? {
        guard range.isKnown, !name.isEmpty else { return nil }
        let needle = Array(name.utf8)
        let lo = range.start.offset
        let hi = min(max(range.end.offset, lo + needle.count), bytes.count)
        var i = lo
        while i + needle.count <= hi {
            if bytes[i] == needle[0], Array(bytes[i..<i + needle.count]) == needle { return i..<(i + needle.count) }
            i += 1
        }
        return nil
    }

    // MARK: locating

    /// The path from the top of the template to the deepest node at `offset`.
    func path(at offset: Int) -> [PathStep] {
        var steps: [PathStep] = []
        var node = template.rootNode
        while true {
            switch node.value {
            case .map(let m):
                guard let e = m.entries.first(where: { contains($0.keyRange, offset) || contains($0.value.range, offset) }) else {
                    return steps
                }
                if contains(e.keyRange, offset) {
                    steps.append(PathStep(key: e.key, onKey: true, node: e.value))
                    return steps
                }
                steps.append(PathStep(key: e.key, onKey: false, node: e.value))
                node = e.value
            case .list(let items):
                guard let item = items.first(where: { contains($0.range, offset) }) else { return steps }
                steps.append(PathStep(key: nil, onKey: false, node: item))
                node = item
            case .function(let f):
                if contains(f.keyRange, offset) || onTag(f, node, offset) {
                    steps.append(PathStep(key: f.name.rawValue, onKey: true, node: node))
                    return steps
                }
                guard contains(f.argument.range, offset) else { return steps }
                steps.append(PathStep(key: f.name.rawValue, onKey: false, node: f.argument))
                node = f.argument
            default:
                return steps
            }
        }
    }

    /// Whether `offset` is on the `!Tag` of a short-form function (whose node starts at the tag).
    private func onTag(_ f: Intrinsic, _ node: Node, _ offset: Int) -> Bool {
        guard f.form == .short, node.range.isKnown else { return false }
        let tag = Array(("!" + f.name.tag).utf8)
        let lo = node.range.start.offset
        guard lo + tag.count <= bytes.count, Array(bytes[lo..<lo + tag.count]) == tag else { return false }
        return offset >= lo && offset <= lo + tag.count
    }

    private func contains(_ r: SourceRange, _ offset: Int) -> Bool {
        r.isKnown && r.start.offset <= offset && offset <= r.end.offset
    }
}
