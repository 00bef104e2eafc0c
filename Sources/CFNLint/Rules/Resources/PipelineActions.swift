import CFNModel
import CFNSchema

/// One action of an `AWS::CodePipeline::Pipeline`, as the pipeline rules (E3700-E3703) read it.
struct PipelineAction {
    var resource: Resource
    /// The stage's place in `Stages` as written (0: the first stage).
    var stage: Int
    var node: Map
    /// Where the action's mapping starts (where a problem with the whole action is placed).
    var range: SourceRange
    /// The conditions the `Fn::If`s on the way to the action chose.
    var truth: [String: Bool]

    /// The action as a value, where the rules' walks (`pipelineValues`) start.
    var value: PipelineValue { PipelineValue(node: Node(.map(node), range: range), at: range, truth: truth) }
}

/// A value inside a pipeline, with where a finding on it goes and the conditions it needs.
struct PipelineValue {
    var node: Node
    var at: SourceRange
    var truth: [String: Bool]
}

extension LintContext {
    /// Every action of every pipeline in document order: stages in order, the actions of each in
    /// order, each `Fn::If` on the way followed into the branches the conditions allow.
    func pipelineActions() -> [PipelineAction] {
        var out: [PipelineAction] = []
        for r in template.resources where r.type == "AWS::CodePipeline::Pipeline" {
            guard let properties = r.node.mapValue?[entry: "Properties"] else { continue }
            for props in pipelineBranches(properties.value, at: properties.keyRange, [:]) {
                for stages in pipelineValues(props, "Stages") {
                    for (index, item) in (stages.node.listValue ?? []).enumerated() {
                        for stage in pipelineBranches(item, at: item.range, stages.truth) {
                            for actions in pipelineValues(stage, "Actions") {
                                for entry in actions.node.listValue ?? [] {
                                    for action in pipelineBranches(entry, at: entry.range, actions.truth) {
                                        guard let map = action.node.mapValue else { continue }
                                        out.append(
                                            PipelineAction(
                                                resource: r,
                                                stage: index,
                                                node: map,
                                                range: action.node.range,
                                                truth: action.truth
                                            )
                                        )
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The value of `key` in a mapping `value`, each branch of a `Fn::If` a value of its own;
    /// nothing when the key is missing or `!Ref AWS::NoValue`.
    func pipelineValues(_ value: PipelineValue, _ key: String) -> [PipelineValue] {
        guard let entry = value.node.mapValue?[entry: key] else { return [] }
        return pipelineBranches(entry.value, at: entry.keyRange, value.truth)
    }

    /// The values at a path of keys under `value` (`*`: each list item).
    func pipelineValues(_ value: PipelineValue, path: [String]) -> [PipelineValue] {
        var current = [value]
        for key in path {
            current = current.flatMap { v -> [PipelineValue] in
                if key == "*" {
                    return (v.node.listValue ?? []).flatMap { pipelineBranches($0, at: $0.range, v.truth) }
                }
                return pipelineValues(v, key)
            }
        }
        return current
    }

    /// `node` itself, or for a `Fn::If` each branch the conditions allow together with `truth`
    /// (reported at the branch); nothing for `!Ref AWS::NoValue`.
    func pipelineBranches(_ node: Node, at: SourceRange, _ truth: [String: Bool], depth: Int = 0) -> [PipelineValue] {
        guard depth < 32 else { return [] }
        if node.isNoValue { return [] }
        guard let f = node.functionValue, f.name == .if else { return [PipelineValue(node: node, at: at, truth: truth)] }
        guard let args = f.argument.listValue, args.count == 3, let c = args[0].stringValue else { return [] }
        var out: [PipelineValue] = []
        for (branch, holds) in [(args[1], true), (args[2], false)] {
            if let set = truth[c], set != holds { continue }
            var chosen = truth
            chosen[c] = holds
            guard possible(chosen) else { continue }
            out += pipelineBranches(branch, at: branch.range, chosen, depth: depth + 1)
        }
        return out
    }

    /// Whether two sets of chosen conditions can hold together.
    func compatible(_ a: [String: Bool], _ b: [String: Bool]) -> Bool {
        var merged = a
        for (k, v) in b {
            if let set = merged[k], set != v { return false }
            merged[k] = v
        }
        return possible(merged)
    }
}
