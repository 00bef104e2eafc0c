import CFNModel

/// E3036: `UpdateReplacePolicy` is one of the values CloudFormation knows for the resource's type.
struct UpdateReplacePolicyValue: Rule {
    static let info = RuleInfo(
        id: "E3036",
        title: "UpdateReplacePolicy value",
        description: """
            UpdateReplacePolicy says what happens to the old resource when an update replaces \
            it: Delete or Retain, and Snapshot for the types that can take one (EBS volumes, RDS, \
            DocumentDB and Neptune clusters, ElastiCache, Redshift). RetainExceptOnCreate exists \
            only for DeletionPolicy. The value is a string, or Ref, Fn::Sub, Fn::Select, \
            Fn::FindInMap or Fn::If giving one.
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                UpdateReplacePolicy: Retain
            """
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                UpdateReplacePolicy: RetainExceptOnCreate # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        RetentionPolicyValue.check(Self.self, "UpdateReplacePolicy", ["Delete", "Retain"], context, &findings)
    }
}
