import CFNModel

/// E6002: every output has a `Value`, and every `Export` a `Name`.
struct OutputRequired: Rule {
    static let info = RuleInfo(
        id: "E6002",
        title: "Output Value and Export Name",
        description: """
            An output must have a Value, and an Export must have a Name: other stacks import \
            the value by that name with Fn::ImportValue.
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            Outputs:
              BucketName:
                Value: !Ref Bucket
                Export:
                  Name: bucket-name
            """
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            Outputs:
              BucketName: # <-
                Description: no value
              BucketArn:
                Value: !GetAtt Bucket.Arn
                Export: # <-
                  Value: arn
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let outputs = context.template.root["Outputs"]?.mapValue else { return }
        for o in outputs {
            guard isAlphanumeric(o.key), let output = o.value.mapValue else { continue }
            let path = ["Outputs", o.key]
            if output["Value"] == nil {
                findings.append(context.finding(Self.self, "output '\(o.key)' has no Value", at: o.keyRange, path: path))
            }
            if let export = output[entry: "Export"], let m = export.value.mapValue, m["Name"] == nil {
                findings.append(
                    context.finding(Self.self, "the Export of '\(o.key)' has no Name", at: export.keyRange, path: path + ["Export"])
                )
            }
        }
    }
}
