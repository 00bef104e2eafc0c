/// E1163: a literal that cannot be a Lambda function name.
struct LambdaFunctionNameFormat: SchemaRule {
    static let info = RuleInfo(
        id: "E1163",
        title: "Not a valid Lambda function name",
        description: """
            A Lambda function's name (format `AWS::Lambda::Function.Name`) is made of letters, \
            digits, hyphens and underscores only: no dots, spaces or slashes. Values from \
            intrinsic functions are not checked.
            """,
        passing: [
            """
            Resources:
              Handler:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders_api-handler
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
                  FunctionName: orders.api.handler # <-
                  Runtime: python3.12
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/handler
                  Code:
                    ZipFile: "def handler(event, context): return event"
            """
        ]
    )
}
