import CFNModel

/// W8001: every condition is used by a resource, an output, an `Fn::If` or another condition.
struct UnusedCondition: Rule {
    static let info = RuleInfo(
        id: "W8001",
        title: "Unused condition",
        description: """
            A condition that no resource or output Condition, no Fn::If and no other condition \
            refers to has no effect; remove it or use it.
            """,
        passing: [
            """
            Conditions:
              IsUsEast1: !Equals [!Ref AWS::Region, us-east-1]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Condition: IsUsEast1
            """
        ],
        failing: [
            """
            Conditions:
              IsUsEast1: !Equals [!Ref AWS::Region, us-east-1] # <-
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        guard let conditions = template.root["Conditions"]?.mapValue, !conditions.isEmpty else { return }
        var used = Set<String>()
        if let source = context.source {
            // After the SAM transform, cfn-lint counts the Fn::If of the source, not those the
            // transform wrote: a condition it made for its own Fn::If (a path's) is unused.
            for r in source.rootNode.references where r.kind == .condition { used.insert(r.target) }
            for r in (template.root["Conditions"] ?? Node(.null)).references where r.kind == .condition { used.insert(r.target) }
        } else {
            for r in template.rootNode.references where r.kind == .condition { used.insert(r.target) }
        }
        for section in ["Resources", "Outputs"] {
            for e in template.root[section]?.mapValue ?? Map() {
                if let c = e.value["Condition"]?.stringValue { used.insert(c) }
            }
        }
        for c in conditions where !used.contains(c.key) {
            findings.append(
                context.finding(
                    Self.self,
                    "condition '\(c.key)' is not used by any resource, output, Fn::If or condition",
                    at: c.keyRange,
                    path: ["Conditions", c.key]
                )
            )
        }
    }
}
