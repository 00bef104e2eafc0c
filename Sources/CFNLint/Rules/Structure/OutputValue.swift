import CFNModel

/// E6101: an output's `Value` is a string (or something that gives one), not a list or a mapping.
struct OutputValue: Rule {
    static let info = RuleInfo(
        id: "E6101",
        title: "Output value is a string",
        description: """
            CloudFormation outputs are strings. A list or a plain mapping as Value fails; join a \
            list with Fn::Join first.
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            Outputs:
              Names:
                Value: !Join [",", [!Ref Bucket, other]]
            """
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            Outputs:
              Names:
                Value: [!Ref Bucket, other] # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let outputs = context.template.root["Outputs"]?.mapValue else { return }
        for o in outputs {
            guard let value = o.value[entry: "Value"] else { continue }
            switch value.value.value {
            case .list, .map:
                findings.append(
                    context.finding(
                        Self.self,
                        "the Value of '\(o.key)' must be a string, not \(value.value.kindDescription)",
                        at: value.keyRange,
                        path: ["Outputs", o.key, "Value"]
                    )
                )
            default:
                break
            }
        }
    }
}
