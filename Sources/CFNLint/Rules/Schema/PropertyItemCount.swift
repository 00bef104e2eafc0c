/// E3032: a list with too few or too many items.
struct PropertyItemCount: SchemaRule {
    static let info = RuleInfo(
        id: "E3032",
        title: "Too few or too many items in a list",
        description: """
            The property's schema bounds how many items its list may have (`minItems`, \
            `maxItems`): a Lambda function runs on exactly one architecture, a function has at \
            most five layers. Reported on the key of the list.
            """,
        passing: [
            """
            Resources:
              Handler:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/handler
                  Architectures: [arm64]
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
                  Runtime: python3.12
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/handler
                  Architectures: [x86_64, arm64] # <-
                  Code:
                    ZipFile: "def handler(event, context): return event"
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/handler
                  Architectures: [] # <-
                  Code:
                    ZipFile: "def handler(event, context): return event"
            """
        ]
    )
}
