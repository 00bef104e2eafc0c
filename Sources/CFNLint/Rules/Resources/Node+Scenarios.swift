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
        let all = shared.conditionScenarios(template).truths(of: names)
        return all.isEmpty ? [[:]] : all
    }
}
