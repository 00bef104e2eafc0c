import CFNModel

/// I6011: an output's name near the length limit.
struct OutputNameLengthApproaching: Rule {
    static let info = RuleInfo(
        id: "I6011",
        title: "Output name near the length limit",
        description: """
            An output's name is longer than 90% of the 255 characters CloudFormation allows \
            (230 to 255 characters); a longer one is an error. Reported on the name.
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            Outputs:
              \(NameLengthApproaching.name("BucketName", 229)):
                Value: !Ref Bucket
            """
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            Outputs:
              \(NameLengthApproaching.name("BucketName", 230)): # <-
                Value: !Ref Bucket
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let outputs = context.template.root["Outputs"]?.mapValue else { return }
        NameLengthApproaching.check(Self.self, outputs, kind: "Output", path: ["Outputs"], context, into: &findings)
    }
}
