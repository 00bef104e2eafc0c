/// E3002: a property the resource type's schema does not define.
struct PropertyUnknown: SchemaRule {
    static let info = RuleInfo(
        id: "E3002",
        title: "Unknown property",
        description: """
            Every property of a resource, and every key of an object inside one, must be one the \
            resource type's schema defines (AWS's resource provider schema). A misspelt name is \
            reported with the closest valid one.
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: logs
            """
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketNme: logs # <-
                  VersioningConfiguration:
                    Status: Enabled
                    MFADelete: Disabled # <-
            """
        ]
    )
}
