import CFNModel
import CFNSchema
import CFNSplit

/// Compares two templates and predicts what deploying the new one over the old one does.
///
/// Linear in the size of the templates: resources are matched by logical id through
/// dictionaries, renames by a hash of each unmatched resource's canonical type and properties,
/// and replacement is read from the resource schemas' create-only properties (each type's schema
/// is read once).
public struct Differ: Sendable {
    /// The resource schemas (nil: no replacement prediction from properties, only from a Type change).
    public var schemas: SchemaStore?
    /// The region whose schemas are read.
    public var region: String

    /// Creates a differ over the bundled schemas.
    public init(schemas: SchemaStore? = SchemaStore.bundled, region: String = "us-east-1") {
        self.schemas = schemas
        self.region = region
    }

    /// Sections whose entries are compared one by one, by name.
    static let namedSections = ["Parameters", "Rules", "Mappings", "Conditions", "Outputs"]

    /// The differences from `old` to `new`.
    public func diff(_ old: Template, _ new: Template) -> TemplateDiff {
        diff(Side(old), Side(new))
    }

    /// The differences between two split hierarchies, each merged back into the whole it
    /// deploys (`MergedHierarchy`): each resource change names its nested stack (`stack`,
    /// `oldStack`) and file, and a resource that changes stack is `moved`. The paths are the
    /// parents'; a caller comparing manifests sets `oldPath` and `newPath` to theirs.
    public func diff(_ old: MergedHierarchy, _ new: MergedHierarchy) -> TemplateDiff {
        diff(Side(old), Side(new))
    }

    private func diff(_ old: Side, _ new: Side) -> TemplateDiff {
        let sections = sectionChanges(old.template, new.template)
        return TemplateDiff(
            oldPath: old.template.path,
            newPath: new.template.path,
            resources: resourceChanges(old, new, sections: sections),
            sections: sections
        )
    }

    // MARK: sections

    private func sectionChanges(_ old: Template, _ new: Template) -> [SectionChange] {
        var keys = Formatter.sectionOrder.filter { $0 != "Resources" }
        for k in old.root.keys + new.root.keys where k != "Resources" && !keys.contains(k) { keys.append(k) }
        var out: [SectionChange] = []
        for section in keys {
            let a = old.root[entry: section]
            let b = new.root[entry: section]
            if a == nil && b == nil { continue }
            if Self.namedSections.contains(section), a?.value.mapValue != nil || b?.value.mapValue != nil,
                a.map({ $0.value.mapValue != nil }) ?? true, b.map({ $0.value.mapValue != nil }) ?? true
            {
                let x = a?.value.mapValue ?? Map()
                let y = b?.value.mapValue ?? Map()
                for e in x.entries {
                    if let f = y[entry: e.key] {
                        var d = ValueDiff()
                        d.diff(e.value, f.value, path: [], key: nil, .plain)
                        if !d.changes.isEmpty {
                            out.append(
                                SectionChange(
                                    section: section,
                                    name: e.key,
                                    kind: .modified,
                                    changes: d.changes,
                                    oldRange: e.keyRange,
                                    newRange: f.keyRange,
                                    old: e.value,
                                    new: f.value
                                )
                            )
                        }
                    } else {
                        out.append(
                            SectionChange(
                                section: section,
                                name: e.key,
                                kind: .removed,
                                changes: [],
                                oldRange: e.keyRange,
                                newRange: .unknown,
                                old: e.value
                            )
                        )
                    }
                }
                for f in y.entries where x[f.key] == nil {
                    out.append(
                        SectionChange(
                            section: section,
                            name: f.key,
                            kind: .added,
                            changes: [],
                            oldRange: .unknown,
                            newRange: f.keyRange,
                            new: f.value
                        )
                    )
                }
                continue
            }
            var x = a?.value
            var y = b?.value
            if section == "Transform" {
                // One name or a list of one: the same transform.
                x = x.map(Self.asList)
                y = y.map(Self.asList)
            }
            var d = ValueDiff()
            d.diff(x, y, path: [], key: section, .plain)
            guard !d.changes.isEmpty else { continue }
            let kind: SectionChange.Kind = a == nil ? .added : b == nil ? .removed : .modified
            out.append(
                SectionChange(
                    section: section,
                    name: nil,
                    kind: kind,
                    changes: kind == .modified ? d.changes : [],
                    oldRange: a?.keyRange ?? .unknown,
                    newRange: b?.keyRange ?? .unknown,
                    old: a?.value,
                    new: b?.value
                )
            )
        }
        return out
    }

    private static func asList(_ n: Node) -> Node {
        if n.listValue != nil { return n }
        var l = n
        l.value = .list([n])
        return l
    }

    // MARK: resources

    struct Entry {
        var id: String
        var node: Node
        var range: SourceRange
        var type: String? { node["Type"]?.stringValue }
        var properties: Node? { node["Properties"] }
    }

    /// A template's resources by position and by logical id (the section's own index: no copy).
    struct Resources: RandomAccessCollection {
        let map: Map
        init(_ t: Template) { map = t.root["Resources"]?.mapValue ?? Map() }
        var startIndex: Int { 0 }
        var endIndex: Int { map.count }
        subscript(i: Int) -> Entry {
            let e = map.entries[i]
            return Entry(id: e.key, node: e.value, range: e.keyRange)
        }
        func index(_ id: String) -> Int? { map.indexOf(id) }
        subscript(id id: String) -> Entry? { index(id).map { self[$0] } }
    }

    /// One side of a diff: a template, or a split hierarchy merged back, with the nested stack
    /// and file of each resource.
    struct Side {
        let template: Template
        let resources: Resources
        let stacks: [String: [String]]
        let files: [String: String]

        init(_ t: Template) {
            template = t
            resources = Resources(t)
            stacks = [:]
            files = [:]
        }

        init(_ h: MergedHierarchy) {
            template = h.template
            resources = Resources(h.template)
            stacks = h.stacks
            files = h.files
        }

        /// `Api`, `Group1/Api`; nil for the parent.
        func stack(_ id: String) -> String? {
            guard let chain = stacks[id], !chain.isEmpty else { return nil }
            return chain.joined(separator: "/")
        }

        /// The file of a resource of a hierarchy (nil for a single template: its own path).
        func file(_ id: String) -> String? { stacks.isEmpty ? nil : files[id] }
    }

    private func resourceChanges(_ old: Side, _ new: Side, sections: [SectionChange]) -> [ResourceChange] {
        let oldEntries = old.resources
        let newEntries = new.resources
        func placed(_ c: ResourceChange, old oldId: String?, new newId: String?) -> ResourceChange {
            var c = c
            if let oldId {
                c.oldStack = old.stack(oldId)
                c.oldFile = old.file(oldId)
            }
            if let newId {
                c.stack = new.stack(newId)
                c.newFile = new.file(newId)
            }
            return c
        }

        var changes: [ResourceChange] = []
        var indexById: [String: Int] = [:]
        var added: [Int] = []  // indices into `changes`
        for e in newEntries {
            guard let oi = oldEntries.index(e.id) else {
                indexById[e.id] = changes.count
                added.append(changes.count)
                changes.append(
                    placed(
                        ResourceChange(
                            logicalId: e.id,
                            type: e.type,
                            impact: .added,
                            security: Security.changes(old: nil, new: e.node, type: e.type),
                            newRange: e.range
                        ),
                        old: nil,
                        new: e.id
                    )
                )
                continue
            }
            let o = oldEntries[oi]
            let from = old.stack(e.id)
            let to = new.stack(e.id)
            if from == to && Semantics.equal(o.node, e.node) { continue }
            indexById[e.id] = changes.count
            var change = placed(modified(o, e), old: e.id, new: e.id)
            if from != to {
                // Created in the new stack, deleted from the old one: what would replace it in
                // place does not matter.
                change.impact = .moved
                change.reasons = [
                    "moves from \(from.map { "nested stack \($0)" } ?? "the parent") to \(to.map { "nested stack \($0)" } ?? "the parent"): created there before it is deleted here, unless the stacks are refactored"
                ]
                for k in change.changes.indices { change.changes[k].replacement = .never }
            }
            changes.append(change)
        }
        var removed: [Int] = []
        for o in oldEntries where newEntries.index(o.id) == nil {
            removed.append(changes.count)
            let retained =
                o.node["DeletionPolicy"]?.scalarText == "Retain" || o.node["DeletionPolicy"]?.scalarText == "RetainExceptOnCreate"
            changes.append(
                placed(
                    ResourceChange(
                        logicalId: o.id,
                        type: o.type,
                        impact: retained ? .orphaned : .removed,
                        reasons: retained ? ["DeletionPolicy: \(o.node["DeletionPolicy"]?.scalarText ?? "Retain") keeps it"] : [],
                        security: Security.changes(old: o.node, new: nil, type: o.type),
                        oldRange: o.range
                    ),
                    old: o.id,
                    new: nil
                )
            )
        }
        detectRenames(&changes, added: added, removed: removed, old: old, new: new)
        let before = changes.count
        var names = Names(differ: self, old: old, new: new, sections: sections, changes: changes)
        propagateReplacement(&changes, indexById: &indexById, new: newEntries, names: &names)
        for i in before..<changes.count {
            changes[i] = placed(changes[i], old: changes[i].logicalId, new: changes[i].logicalId)
        }
        markFailures(&changes, names: &names)
        // New template order; what left the template after, in the old order.
        let kept = changes.filter { !$0.logicalId.isEmpty }
        var present = kept.filter { $0.impact != .removed && $0.impact != .orphaned }
        if changes.count > before {
            present.sort { (newEntries.index($0.logicalId) ?? 0) < (newEntries.index($1.logicalId) ?? 0) }
        }
        return present + kept.filter { $0.impact == .removed || $0.impact == .orphaned }
    }

    private func modified(_ o: Entry, _ e: Entry) -> ResourceChange {
        var d = ValueDiff()
        diffResource(o.node, e.node, into: &d)
        var change = ResourceChange(
            logicalId: e.id,
            type: e.type,
            impact: .updated,
            changes: d.changes,
            security: Security.changes(old: o.node, new: e.node, type: e.type),
            oldRange: o.range,
            newRange: e.range
        )
        if o.type != e.type {
            change.oldType = o.type
            change.impact = .replaced
            change.reasons.append("Type changes from \(o.type ?? "(none)") to \(e.type ?? "(none)")")
            return change
        }
        guard let type = e.type, let schema = schemas?.schema(for: type, region: region) else { return change }
        let (createOnly, conditionalCreateOnly) = ReplacementOverrides.paths(schema, type: type)
        var changedAlways: [[String]] = []
        var changedConditional: [[String]] = []
        for path in createOnly where !Self.sameValues(o.properties, e.properties, at: path) { changedAlways.append(path) }
        for path in conditionalCreateOnly where !Self.sameValues(o.properties, e.properties, at: path) {
            changedConditional.append(path)
        }
        if !changedAlways.isEmpty {
            change.impact = .replaced
            for p in changedAlways {
                change.reasons.append(ReplacementOverrides.reason(type: type, path: p) ?? "Properties.\(Self.display(p)) is create-only")
            }
            if let policy = e.node["UpdateReplacePolicy"]?.scalarText, policy == "Retain" || policy == "Snapshot" {
                change.reasons.append(
                    "UpdateReplacePolicy: \(policy): the old resource is \(policy == "Retain" ? "kept" : "snapshotted") when replaced"
                )
            }
        } else if !changedConditional.isEmpty {
            change.impact = .mayReplace
            for p in changedConditional { change.reasons.append("Properties.\(Self.display(p)) may require replacement") }
        }
        for k in change.changes.indices {
            let path = change.changes[k].path
            guard path.first == .key("Properties") else { continue }
            let schemaPath = path.dropFirst().map { c -> String in
                if case .key(let s) = c { return s }
                return "*"
            }
            if changedAlways.contains(where: { Self.overlaps($0, Array(schemaPath)) }) {
                change.changes[k].replacement = .always
            } else if changedConditional.contains(where: { Self.overlaps($0, Array(schemaPath)) }) {
                change.changes[k].replacement = .conditional
            }
        }
        return change
    }

    /// A resource's attributes compared, with DependsOn as a set and one name equal to a list of it.
    private func diffResource(_ a: Node, _ b: Node, into d: inout ValueDiff) {
        guard let x = a.mapValue, let y = b.mapValue else {
            d.diff(a, b, path: [], key: nil, .plain)
            return
        }
        for e in x.entries {
            d.diff(e.value, y[e.key], path: [.key(e.key)], key: e.key, .plain)
        }
        for e in y.entries where x[e.key] == nil {
            d.diff(nil, e.value, path: [.key(e.key)], key: e.key, .plain)
        }
    }

    /// `Tags.*.Key` for a schema path.
    static func display(_ path: [String]) -> String {
        path.joined(separator: ".")
    }

    /// Whether one schema path (list items as `*`) lies on the other: equal, or one under the other.
    static func overlaps(_ a: [String], _ b: [String]) -> Bool {
        for (x, y) in zip(a, b) where x != y && x != "*" && y != "*" { return false }
        return true
    }

    /// Whether the values at a create-only path (list items as `*`) are the same in both.
    static func sameValues(_ a: Node?, _ b: Node?, at path: [String]) -> Bool {
        var x: [Node?] = []
        var y: [Node?] = []
        collect(a, path[...], into: &x)
        collect(b, path[...], into: &y)
        guard x.count == y.count else { return false }
        for i in x.indices {
            switch (x[i], y[i]) {
            case (nil, nil): continue
            case (let p?, let q?): if !Semantics.equal(p, q, key: path.last) { return false }
            default: return false
            }
        }
        return true
    }

    /// The values at `path` under `node`: every list item for `*`; a function met on the way
    /// stands for everything under it (its result is not known before deployment).
    static func collect(_ node: Node?, _ path: ArraySlice<String>, into out: inout [Node?]) {
        guard let node else {
            out.append(nil)
            return
        }
        guard let first = path.first else {
            out.append(node)
            return
        }
        switch node.value {
        case .map(let m):
            if first == "*" {
                out.append(node)
            } else {
                collect(m[first], path.dropFirst(), into: &out)
            }
        case .list(let items):
            if first == "*" {
                for item in items { collect(item, path.dropFirst(), into: &out) }
                if items.isEmpty { out.append(nil) }
            } else {
                // A list where an object was expected: each item's value.
                for item in items { collect(item, path, into: &out) }
            }
        default:
            out.append(node)
        }
    }

    // MARK: renames

    private func detectRenames(
        _ changes: inout [ResourceChange],
        added: [Int],
        removed: [Int],
        old: Side,
        new: Side
    ) {
        guard !added.isEmpty, !removed.isEmpty else { return }
        let oldEntries = old.resources
        let newEntries = new.resources
        var byHash: [String: [Int]] = [:]
        for ci in removed {
            guard let oi = oldEntries.index(changes[ci].logicalId) else { continue }
            byHash[Self.identity(oldEntries[oi].node), default: []].append(ci)
        }
        var dropped: Set<Int> = []
        for ci in added {
            guard let ni = newEntries.index(changes[ci].logicalId) else { continue }
            let node = newEntries[ni].node
            let h = Self.identity(node)
            guard var list = byHash[h], !list.isEmpty else { continue }
            let ri = list.removeFirst()
            byHash[h] = list
            changes[ci].impact = .renamed
            changes[ci].renamedFrom = changes[ri].logicalId
            changes[ci].oldRange = changes[ri].oldRange
            changes[ci].oldStack = changes[ri].oldStack
            changes[ci].oldFile = changes[ri].oldFile
            changes[ci].security = []
            changes[ci].reasons = ["renamed from \(changes[ri].logicalId): delete + create unless refactored"]
            dropped.insert(ri)
        }
        for ri in dropped { changes[ri].logicalId = "" }
    }

    /// The canonical text of a resource's type and properties.
    static func identity(_ node: Node) -> String {
        let type = node["Type"].map { Semantics.canonical($0) } ?? ""
        let props = node["Properties"].map { Semantics.canonical($0) } ?? ""
        return type + "|" + props
    }

    // MARK: replacement carried to dependents

    private func propagateReplacement(
        _ changes: inout [ResourceChange],
        indexById: inout [String: Int],
        new: Resources,
        names: inout Names
    ) {
        var queue = changes.filter { $0.impact == .replaced || $0.impact == .mayReplace || $0.impact == .moved }.map(\.logicalId)
        guard !queue.isEmpty else { return }
        var head = 0
        while head < queue.count {
            let target = queue[head]
            head += 1
            guard let ti = indexById[target] else { continue }
            let targetImpact = changes[ti].impact
            let type = changes[ti].type ?? ""
            // A custom name that stays keeps the Ref (and the ARNs built from it): only the
            // references whose value changes carry the replacement.
            let kept = targetImpact == .moved ? nil : names.keptName(target, oldId: target)
            let settled = names
            let changing: (Reference) -> Bool = { r in
                guard r.target == target, r.kind == .ref || r.kind == .getAtt || r.kind == .sub else { return false }
                let attribute = r.kind == .ref ? nil : r.kind == .getAtt ? (r.attribute ?? "") : r.attribute
                return !settled.stays(target, type: type, attribute: attribute, kept: kept)
            }
            let when = targetImpact == .moved ? "moves to another stack" : "is replaced"
            let cause =
                targetImpact == .moved
                ? "\(target) moves to another stack" : "\(target) \(targetImpact == .mayReplace ? "may be" : "is") replaced"
            for di in settled.dependents[target] ?? [] {
                let dep = new[di]
                if dep.id == target { continue }
                if let ci = indexById[dep.id], [.added, .renamed, .moved].contains(changes[ci].impact) { continue }
                guard dep.node.references.contains(where: changing) else { continue }
                var impact = Impact.updated
                var reason = "takes \(target)'s Ref or GetAtt, which changes when \(target) \(when)"
                if let type = dep.type, let schema = schemas?.schema(for: type, region: region) {
                    let (createOnly, conditional) = ReplacementOverrides.paths(schema, type: type)
                    if let p = createOnly.first(where: { Self.refers(dep.properties, at: $0, where: changing) }) {
                        impact = targetImpact == .mayReplace ? .mayReplace : .replaced
                        reason = "create-only Properties.\(Self.display(p)) takes \(target)'s Ref or GetAtt, and \(cause)"
                    } else if let p = conditional.first(where: { Self.refers(dep.properties, at: $0, where: changing) }) {
                        impact = .mayReplace
                        reason = "Properties.\(Self.display(p)) (may require replacement) takes \(target)'s Ref or GetAtt, and \(cause)"
                    }
                }
                if let ci = indexById[dep.id] {
                    if impact > changes[ci].impact {
                        changes[ci].impact = impact
                        queue.append(dep.id)
                    }
                    if !changes[ci].reasons.contains(reason) { changes[ci].reasons.append(reason) }
                } else {
                    indexById[dep.id] = changes.count
                    changes.append(
                        ResourceChange(
                            logicalId: dep.id,
                            type: dep.type,
                            impact: impact,
                            reasons: [reason],
                            oldRange: settled.old.resources[id: dep.id]?.range ?? dep.range,
                            newRange: dep.range
                        )
                    )
                    if impact != .updated { queue.append(dep.id) }
                }
            }
        }
    }

    /// Whether a value at `path` holds a reference that `matches`.
    static func refers(_ properties: Node?, at path: [String], where matches: (Reference) -> Bool) -> Bool {
        var values: [Node?] = []
        collect(properties, path[...], into: &values)
        for v in values {
            if let v, v.references.contains(where: matches) { return true }
        }
        return false
    }
}
