import CFNModel

/// E6001: every output has a valid name and only the keys an output takes.
struct OutputConfiguration: Rule {
    static let info = RuleInfo(
        id: "E6001",
        title: "Output shape",
        description: """
            Outputs is a mapping of names (ASCII letters and digits) to outputs; an output takes \
            only Value, Description, Export and Condition. Fn::ForEach:: keys are allowed with \
            the AWS::LanguageExtensions transform.
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
              Bucket_Name: # <-
                Value: !Ref Bucket
              BucketArn:
                Value: !GetAtt Bucket.Arn
                Exported: true # <-
            """
        ]
    )

    static let keys: Set<String> = ["Value", "Description", "Export", "Condition"]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let outputs = context.template.root["Outputs"]?.mapValue else { return }
        let forEach = context.template.hasLanguageExtensions
        for o in outputs {
            let path = ["Outputs", o.key]
            if forEach && o.key.hasPrefix("Fn::ForEach::") { continue }
            if !isAlphanumeric(o.key) {
                findings.append(
                    context.finding(Self.self, "output name '\(o.key)' may only have letters and digits", at: o.keyRange, path: path)
                )
                continue
            }
            for e in o.value.mapValue ?? Map() where !Self.keys.contains(e.key) {
                findings.append(
                    context.finding(Self.self, "'\(e.key)' is not an output attribute", at: e.keyRange, path: path + [e.key])
                )
            }
        }
    }
}
