/// E1161: a literal that cannot be an S3 bucket name.
struct BucketNameFormat: SchemaRule {
    static let info = RuleInfo(
        id: "E1161",
        title: "Not a valid S3 bucket name",
        description: """
            An S3 bucket name (format `AWS::S3::Bucket.Name`) is 3 to 63 lower-case letters, \
            digits, dots and hyphens; it starts and ends with a letter or a digit and has no \
            `..`, `.-` or `-.`. The empty name passes (CloudFormation then chooses one). Values \
            from intrinsic functions are checked where a parameter's value is known (W1030).
            """,
        passing: [
            """
            Resources:
              Logs:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: acme-app-logs.eu-west-1
            """
        ],
        failing: [
            """
            Resources:
              Logs:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: Acme_App_Logs # <-
              Archive:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: acme..archive # <-
            """
        ]
    )
}
