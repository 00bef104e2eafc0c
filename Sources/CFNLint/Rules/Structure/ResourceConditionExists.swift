import CFNModel

/// E3015: a resource's `Condition` names a condition of the template.
struct ResourceConditionExists: Rule {
    static let info = RuleInfo(
        id: "E3015",
        title: "Resource condition exists",
        description: """
            A resource's Condition must name a condition under Conditions; CloudFormation \
            refuses a template whose resource waits on a condition that does not exist.
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
              IsUsEast1: !Equals [!Ref AWS::Region, us-east-1]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Condition: IsUsWest2 # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let conditions = context.template.root["Conditions"]?.mapValue
        for r in context.template.root["Resources"]?.mapValue ?? Map() {
            guard let e = r.value[entry: "Condition"], let name = e.value.stringValue, conditions?[name] == nil else { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "resource '\(r.key)' has Condition '\(name)', which is not under Conditions",
                    at: e.keyRange,
                    path: ["Resources", r.key, "Condition"]
                )
            )
        }
    }
}
