import CFNModel

/// E6005: an output's `Condition` names a condition of the template.
struct OutputConditionExists: Rule {
    static let info = RuleInfo(
        id: "E6005",
        title: "Output condition exists",
        description: """
            An output's Condition must name a condition under Conditions.
            """,
        passing: [
            """
            Conditions:
              IsUsEast1: !Equals [!Ref AWS::Region, us-east-1]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            Outputs:
              Name:
                Condition: IsUsEast1
                Value: !Ref Bucket
            """
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            Outputs:
              Name:
                Condition: IsUsEast1 # <-
                Value: !Ref Bucket
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let conditions = context.template.root["Conditions"]?.mapValue
        for o in context.template.root["Outputs"]?.mapValue ?? Map() {
            guard let e = o.value[entry: "Condition"], let name = e.value.stringValue, conditions?[name] == nil else { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "output '\(o.key)' has Condition '\(name)', which is not under Conditions",
                    at: e.keyRange,
                    path: ["Outputs", o.key, "Condition"]
                )
            )
        }
    }
}
