/// E3033: a text value that is too short or too long.
struct PropertyLength: SchemaRule {
    static let info = RuleInfo(
        id: "E3033",
        title: "Text too short or too long",
        description: """
            The property's schema bounds the length of its text (`minLength`, `maxLength`), \
            counted in characters: a Lambda function name has 1 to 64, a bucket name at most 63. \
            An empty string is too short wherever a minimum of 1 is given.
            """,
        passing: [
            """
            Resources:
              Handler:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-api-handler
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
              Handler:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-api-production-eu-west-1-request-handler-with-retries-and-dlq # <-
                  Runtime: python3.12
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/handler
                  Code:
                    ZipFile: "def handler(event, context): return event"
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: orders-api-production-eu-west-1-access-logs-and-audit-trail-archive # <-
            """
        ]
    )
}
