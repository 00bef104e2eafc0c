import CFNModel

/// W1100: a mapping uses a YAML merge key (`<<: *anchor`), which CloudFormation does not take.
struct YAMLMergeKey: Rule {
    static let info = RuleInfo(
        id: "W1100",
        title: "YAML merge key",
        description: """
            CloudFormation reads YAML without anchors, aliases or merge keys: a template that \
            uses `<<: *defaults` deploys only after `aws cloudformation package` (or another \
            tool) has expanded it. cfntool reads the merge as YAML defines it and checks the \
            result; this finding says the template cannot be given to CloudFormation as written.
            """,
        passing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: alerts
            """
        ],
        failing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties: &defaults
                  DisplayName: alerts
              Other:
                Type: AWS::SNS::Topic
                Properties: # <-
                  <<: *defaults
                  TopicName: other
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let merged = Set(context.template.mergedMappings)
        if merged.isEmpty { return }
        var path: [String] = []
        visit(context.template.rootNode, at: context.template.range, merged, &path, context, &findings)
    }

    /// Reports each merged mapping where it is written: at its key, or itself in a list.
    private func visit(
        _ node: Node,
        at range: SourceRange,
        _ merged: Set<SourcePosition>,
        _ path: inout [String],
        _ context: LintContext,
        _ findings: inout [Finding]
    ) {
        switch node.value {
        case .map(let m):
            if merged.contains(node.range.start) {
                findings.append(
                    context.finding(
                        Self.self,
                        "this mapping uses a YAML merge key (<<), which CloudFormation does not read: expand it before deploying",
                        at: range,
                        path: path
                    )
                )
            }
            for e in m {
                path.append(e.key)
                visit(e.value, at: e.keyRange, merged, &path, context, &findings)
                path.removeLast()
            }
        case .list(let items):
            for (i, item) in items.enumerated() {
                path.append(String(i))
                visit(item, at: item.range, merged, &path, context, &findings)
                path.removeLast()
            }
        case .function(let f):
            path.append(f.name.rawValue)
            visit(f.argument, at: range, merged, &path, context, &findings)
            path.removeLast()
        default:
            break
        }
    }
}
