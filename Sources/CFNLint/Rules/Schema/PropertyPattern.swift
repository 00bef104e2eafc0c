/// E3031: a text value that does not match the pattern its schema gives.
struct PropertyPattern: SchemaRule {
    static let info = RuleInfo(
        id: "E3031",
        title: "Value does not match the required pattern",
        description: """
            The property's schema gives a regular expression its text must match: S3 bucket names \
            are lowercase letters, digits, dots and hyphens; a Lambda function's `Role` is a role \
            ARN, not a role name. Values from intrinsic functions and dynamic references \
            (`{{resolve:...}}`) are not checked.
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: app-logs-2024
              Handler:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/handler
                  Code:
                    ZipFile: "def handler(event, context): return event"
            """
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: App_Logs_2024 # <-
              Handler:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Role: handler-role # <-
                  Code:
                    ZipFile: "def handler(event, context): return event"
            """
        ]
    )
}
