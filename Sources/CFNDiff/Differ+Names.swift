import CFNModel
import CFNSchema

/// What keeps its value through the update: the custom names of resources, and the Ref and
/// GetAtt values built from them. It decides which replacements fail (a second resource
/// cannot take a name the first still holds) and which dependents of a replaced resource see
/// no change (a table's Ref is its name: when the name stays, so does the Ref).
///
/// Conservative by construction: a value is known to stay only when it is written the same in
/// both templates and everything it refers to stays too (parameters, mappings and conditions
/// that the diff leaves alone; resources that nothing replaces, creates or moves, directly or
/// through what they refer to).
struct Names {
    let differ: Differ
    let old: Differ.Side
    let new: Differ.Side
    /// Who refers to whom through Ref, GetAtt or Sub, in the new template (built only when
    /// something is replaced, created, renamed or moved).
    let dependents: [String: [Int]]
    /// Resources whose Ref or GetAtt values may change: those replaced, created, renamed or
    /// moved, and everything that refers to them, directly or not.
    let unsettled: Set<String>
    /// Parameters, mappings and conditions the diff changes.
    let changedSections: Set<String>
    private var memo: [String: Kept?] = [:]

    /// A custom name that stays, and what scopes it.
    struct Kept {
        var identity: Identity
        /// `TableName`
        var property: String
        /// The name as written.
        var value: Node
    }

    init(differ: Differ, old: Differ.Side, new: Differ.Side, sections: [SectionChange], changes: [ResourceChange]) {
        self.differ = differ
        self.old = old
        self.new = new
        var changed: Set<String> = []
        for s in sections where ["Parameters", "Mappings", "Conditions"].contains(s.section) {
            if let n = s.name { changed.insert(s.section + "." + n) }
        }
        changedSections = changed
        let moving: Set<Impact> = [.replaced, .mayReplace, .added, .renamed, .moved]
        var queue = changes.filter { moving.contains($0.impact) && !$0.logicalId.isEmpty }.map(\.logicalId)
        guard !queue.isEmpty else {
            dependents = [:]
            unsettled = []
            return
        }
        var deps: [String: [Int]] = [:]
        for (i, e) in new.resources.enumerated() {
            var seen: Set<String> = []
            for r in e.node.references where r.kind == .ref || r.kind == .getAtt || r.kind == .sub {
                if seen.insert(r.target).inserted { deps[r.target, default: []].append(i) }
            }
        }
        var reached = Set(queue)
        var head = 0
        while head < queue.count {
            let id = queue[head]
            head += 1
            for di in deps[id] ?? [] {
                let d = new.resources[di].id
                if reached.insert(d).inserted { queue.append(d) }
            }
        }
        dependents = deps
        unsettled = reached
    }

    // MARK: names

    /// The identity of a resource type, from its schema.
    func identity(of type: String?) -> Identity? {
        guard let type, let schema = differ.schemas?.schema(for: type, region: differ.region) else { return nil }
        return Identity.of(type: type, schema: schema)
    }

    /// The custom name of resource `id` (new side) when it is set and written the same as the
    /// old side's `oldId` has it, with the same scope, and nothing it refers to changes; nil
    /// when it is not set, differs, or may differ.
    mutating func keptName(_ id: String, oldId: String) -> Kept? {
        let key = oldId + "\u{0}" + id
        if let hit = memo[key] { return hit }
        let result = computeKept(id, oldId: oldId)
        memo[key] = .some(result)
        return result
    }

    private func computeKept(_ id: String, oldId: String) -> Kept? {
        guard let n = new.resources[id: id], let o = old.resources[id: oldId], n.type == o.type,
            let identity = identity(of: n.type),
            let value = n.properties?[identity.name], o.properties?[identity.name] != nil
        else { return nil }
        for p in [identity.name] + identity.scope where !same(o.properties?[p], n.properties?[p], key: p) { return nil }
        return Kept(identity: identity, property: identity.name, value: value)
    }

    /// The custom name of a new resource, when it is set and certain (nothing it refers to
    /// changes): the values of its name and scope properties.
    func certainName(_ id: String) -> (Identity, [Node?])? {
        guard let n = new.resources[id: id], let identity = identity(of: n.type), let value = n.properties?[identity.name],
            settled(value)
        else { return nil }
        var values: [Node?] = [value]
        for p in identity.scope {
            let v = n.properties?[p]
            if let v, !settled(v) { return nil }
            values.append(v)
        }
        return (identity, values)
    }

    /// Whether two values are the same and stay the same.
    func same(_ a: Node?, _ b: Node?, key: String) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let a?, let b?): return Semantics.equal(a, b, key: key) && settled(b)
        default: return false
        }
    }

    /// Whether a value is known before deployment to be what it was: no `AWS::NoValue` (the
    /// property may be left out), no reference to something the diff changes.
    func settled(_ value: Node) -> Bool {
        for r in value.references {
            switch r.kind {
            case .ref, .sub:
                if r.target == "AWS::NoValue" { return false }
                if r.target.hasPrefix("AWS::") { continue }
                if new.resources.index(r.target) != nil {
                    if unsettled.contains(r.target) { return false }
                } else if changedSections.contains("Parameters." + r.target) || !isParameter(r.target) {
                    return false
                }
            case .getAtt:
                if new.resources.index(r.target) == nil || unsettled.contains(r.target) { return false }
            case .findInMap:
                if changedSections.contains("Mappings." + r.target) { return false }
            case .condition:
                if changedSections.contains("Conditions." + r.target) { return false }
            case .dependsOn:
                continue
            }
        }
        return true
    }

    private func isParameter(_ name: String) -> Bool {
        new.template.root["Parameters"]?[name] != nil
    }

    // MARK: Ref and GetAtt

    /// Whether `Ref target` (attribute nil) or `GetAtt target.attribute` keeps its value when
    /// `target` (of `type`) is replaced while keeping its name (`kept`).
    func stays(_ target: String, type: String, attribute: String?, kept: Kept?) -> Bool {
        guard let kept, let inputs = kept.identity.inputs(of: attribute, type: type) else { return false }
        guard let n = new.resources[id: target], let o = old.resources[id: target] else { return false }
        for p in inputs where !same(o.properties?[p], n.properties?[p], key: p) { return false }
        return true
    }
}

extension Differ {
    /// Marks the changes that will fail: a resource that keeps its custom name while
    /// CloudFormation must create a second one before it deletes the first.
    func markFailures(_ changes: inout [ResourceChange], names: inout Names) {
        // The names that removed resources hold until the update's clean-up deletes them.
        var held: [String: String] = [:]
        for c in changes where (c.impact == .removed || c.impact == .orphaned) && !c.logicalId.isEmpty {
            guard let e = names.old.resources[id: c.logicalId], let identity = names.identity(of: e.type),
                let value = e.properties?[identity.name]
            else { continue }
            let key = Self.nameKey(e.type ?? "", [value] + identity.scope.map { e.properties?[$0] })
            if held[key] == nil { held[key] = c.logicalId }
        }
        for i in changes.indices where !changes[i].logicalId.isEmpty {
            let c = changes[i]
            let reason: String
            switch c.impact {
            case .replaced where c.oldType == nil:
                guard let kept = names.keptName(c.logicalId, oldId: c.logicalId) else { continue }
                reason =
                    "the custom name \(Self.describe(kept)) stays: CloudFormation creates the replacement before it deletes the old resource, and the name is taken (give it a new name to replace it)"
            case .mayReplace:
                guard let kept = names.keptName(c.logicalId, oldId: c.logicalId) else { continue }
                changes[i].reasons.append(
                    "if it is replaced, the update fails: the custom name \(Self.describe(kept)) stays, and the old resource holds it"
                )
                continue
            case .renamed:
                guard let from = c.renamedFrom, let kept = names.keptName(c.logicalId, oldId: from) else { continue }
                reason =
                    "the custom name \(Self.describe(kept)) goes with it: CloudFormation creates \(c.logicalId) before it deletes \(from), and the name is taken (refactor the stack to rename it, or give it a new name)"
            case .moved:
                guard let kept = names.keptName(c.logicalId, oldId: c.logicalId) else { continue }
                reason =
                    "the custom name \(Self.describe(kept)) goes with it: CloudFormation creates it in \(c.stack.map { "nested stack \($0)" } ?? "the parent") before it deletes it from \(c.oldStack.map { "nested stack \($0)" } ?? "the parent"), and the name is taken (refactor the stacks to move it, or give it a new name)"
            case .added:
                guard !held.isEmpty, let (identity, values) = names.certainName(c.logicalId),
                    let holder = held[Self.nameKey(c.type ?? "", values)]
                else { continue }
                let kept = Names.Kept(identity: identity, property: identity.name, value: values[0]!)
                reason =
                    "the custom name \(Self.describe(kept)) is held by \(holder), which this update deletes only after it creates \(c.logicalId), and the name is taken (give it a new name, or keep the old logical id)"
            default:
                continue
            }
            // A resource under a condition may not be deployed at all: then nothing fails.
            if let condition = names.new.resources[id: c.logicalId]?.node["Condition"]?.scalarText {
                changes[i].reasons.append("if Condition \(condition) holds, the update fails: \(reason)")
            } else {
                changes[i].willFail = true
                changes[i].failReason = reason
            }
        }
    }

    /// `Properties.TableName ("orders")`.
    static func describe(_ kept: Names.Kept) -> String {
        "Properties.\(kept.property) (\(Inline.text(kept.value, maxLength: 60)))"
    }

    private static func nameKey(_ type: String, _ values: [Node?]) -> String {
        type + "|" + values.map { $0.map { Semantics.canonical($0) } ?? "-" }.joined(separator: "|")
    }
}
