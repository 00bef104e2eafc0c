import CFNModel

/// E3035: `DeletionPolicy` is one of the values CloudFormation knows for the resource's type.
struct DeletionPolicyValue: Rule {
    static let info = RuleInfo(
        id: "E3035",
        title: "DeletionPolicy value",
        description: """
            DeletionPolicy says what happens to a resource when it leaves the stack: Delete, \
            Retain or RetainExceptOnCreate, and Snapshot for the types that can take one (EBS \
            volumes, RDS, DocumentDB and Neptune clusters, ElastiCache, Redshift). The value is a \
            string, or Ref, Fn::Sub, Fn::Select, Fn::FindInMap or Fn::If giving one.
            """,
        passing: [
            """
            Resources:
              Volume:
                Type: AWS::EC2::Volume
                DeletionPolicy: Snapshot
                Properties:
                  AvailabilityZone: us-east-1a
                  Size: 10
            """
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                DeletionPolicy: Snapshot # <-
              Topic:
                Type: AWS::SNS::Topic
                DeletionPolicy: [Retain] # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        RetentionPolicyValue.check(Self.self, "DeletionPolicy", ["Delete", "Retain", "RetainExceptOnCreate"], context, &findings)
    }
}
