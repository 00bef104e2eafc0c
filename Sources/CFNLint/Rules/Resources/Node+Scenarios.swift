import CFNModel
import CFNSchema

extension Node {
    /// The conditions of the `Fn::If`s anywhere in the value, in the order they are written
    /// (those inside a branch included), each once.
    func ifConditions() -> [String] {
        var names: [String] = []
        func visit(_ node: Node, depth: Int) {
            guard depth < 64 else { return }
            switch node.value {
            case .list(let items): for item in items { visit(item, depth: depth + 1) }
            case .map(let map): for e in map { visit(e.value, depth: depth + 1) }
            case .function(let f):
                if f.name == .if, let args = f.argument.listValue, let c = args.first?.stringValue, !names.contains(c) {
                    names.append(c)
                }
                visit(f.argument, depth: depth + 1)
            default: break
            }
        }
        visit(self, depth: 0)
        return names
    }

    /// The value as it is when the conditions come out as `truth`: each `Fn::If` whose
    /// condition `truth` names replaced by its chosen branch, and `!Ref AWS::NoValue` left out
    /// of mappings and lists (nil when the whole value is left out).
    func resolved(_ truth: [String: Bool]) -> Node? {
        switch value {
        case .function(let f):
            if isNoValue { return nil }
            guard f.name == .if, let args = f.argument.listValue, args.count == 3, let c = args[0].stringValue,
                let chosen = truth[c]
            else { return self }
            return (chosen ? args[1] : args[2]).resolved(truth)
        case .list(let items):
            return Node(.list(items.compactMap { $0.resolved(truth) }), range: range, style: style)
        case .map(let map):
            let kept = map.entries.compactMap { e -> Map.Entry? in
                guard let v = e.value.resolved(truth) else { return nil }
                var entry = e
                entry.value = v
                return entry
            }
            return Node(.map(Map(kept)), range: range, style: style)
        default:
            return self
        }
    }
}

extension LintContext {
    /// The ways the conditions of `names` can come out together, all true first; one empty
    /// scenario when none of them is a condition of the template (the value has one reading).
    func scenarios(of names: [String]) -> [[String: Bool]] {
        let all = shared.scenarios(template).truths(of: names)
        return all.isEmpty ? [[:]] : all
    }
}

extension LintContext {
    /// Whether the conditions can come out as `truth` together (names that are not conditions
    /// of the template are free).
    func possible(_ truth: [String: Bool]) -> Bool {
        let known = shared.scenarios(template).truths(of: truth.keys.sorted())
        guard !known.isEmpty else { return true }
        return known.contains { option in option.allSatisfy { truth[$0.key] == $0.value } }
    }

    /// The values at `path` under `node`, as cfn-lint's path walk reads them: each branch of a
    /// `Fn::If` on the way that `truth` and the conditions allow (with the branch's condition
    /// added), nil for what is missing or null, `!Ref AWS::NoValue`, or under a value that is
    /// not a mapping; a function other than `Fn::If` before the end of the path gives nothing.
    func reach(_ node: Node?, _ path: ArraySlice<String>, _ truth: [String: Bool]) -> [ReachedValue] {
        walk(node, path, truth, anchor: nil, through: nil, depth: 0)
    }

    /// `anchor` is where cfn-lint would place a finding on the path so far: the last mapping
    /// key or long-form function key (a short-form tag has no position of its own in its
    /// reading); `through` is set once the last step went through a function.
    private func walk(
        _ node: Node?,
        _ path: ArraySlice<String>,
        _ truth: [String: Bool],
        anchor: SourceRange?,
        through: SourceRange?,
        depth: Int
    ) -> [ReachedValue] {
        guard depth < 64 else { return [] }
        // A null is read as a missing value (Python's None).
        guard let node, !node.isNull else { return [ReachedValue(value: nil, truth: truth, at: through)] }
        if let f = node.functionValue {
            if f.name == .if {
                guard let args = f.argument.listValue, args.count == 3, let c = args[0].stringValue else { return [] }
                let ifAnchor = f.form == .long ? f.keyRange : anchor
                var out: [ReachedValue] = []
                for (branch, value) in [(args[1], true), (args[2], false)] {
                    if let set = truth[c], set != value { continue }
                    var chosen = truth
                    chosen[c] = value
                    guard possible(chosen) else { continue }
                    out += walk(branch, path, chosen, anchor: ifAnchor, through: branch.range, depth: depth + 1)
                }
                return out
            }
            if node.isNoValue {
                return [ReachedValue(value: nil, truth: truth, at: f.form == .long ? f.keyRange : anchor)]
            }
            return path.isEmpty ? [ReachedValue(value: node, truth: truth, at: through)] : []
        }
        guard let key = path.first else { return [ReachedValue(value: node, truth: truth, at: through)] }
        guard let entry = node.mapValue?[entry: key] else {
            return [ReachedValue(value: nil, truth: truth, at: node.mapValue == nil ? through : nil)]
        }
        return walk(entry.value, path.dropFirst(), truth, anchor: entry.keyRange, through: nil, depth: depth + 1)
    }
}

/// A value reached by `LintContext.reach`.
struct ReachedValue {
    /// The value; nil when it is missing, null or `!Ref AWS::NoValue`.
    var value: Node?
    /// The conditions the `Fn::If` branches on the way chose.
    var truth: [String: Bool]
    /// Where cfn-lint places a finding on the value when the last step went through a function
    /// (a `Fn::If` branch or `!Ref AWS::NoValue`); nil when it did not.
    var at: SourceRange?
}
