import CFNModel

/// I3012: a resource's logical id near the length limit.
struct ResourceNameLengthApproaching: Rule {
    static let info = RuleInfo(
        id: "I3012",
        title: "Resource name near the length limit",
        description: """
            A resource's logical id is longer than 90% of the 255 characters CloudFormation \
            allows (230 to 255 characters); a longer one is an error. Reported on the logical id.
            """,
        passing: [
            """
            Resources:
              \(NameLengthApproaching.name("Bucket", 229)):
                Type: AWS::S3::Bucket
            """
        ],
        failing: [
            """
            Resources:
              \(NameLengthApproaching.name("Bucket", 230)): # <-
                Type: AWS::S3::Bucket
              \(NameLengthApproaching.name("Topic", 255)): # <-
                Type: AWS::SNS::Topic
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let resources = context.template.root["Resources"]?.mapValue else { return }
        NameLengthApproaching.check(Self.self, resources, kind: "Resource", path: ["Resources"], context, into: &findings)
    }
}
