/// E3663: a Lambda environment variable with a name Lambda keeps for itself.
struct LambdaReservedEnvironment: ConstraintRule {
    static let info = RuleInfo(
        id: "E3663",
        title: "Lambda environment variable names Lambda reserves",
        description: """
            Lambda sets some environment variables itself (`AWS_REGION`, `AWS_LAMBDA_FUNCTION_NAME`, \
            `_HANDLER`, `LAMBDA_TASK_ROOT`, ...) and refuses a function whose \
            `Environment.Variables` names one of them. Each reserved name is reported at its key. \
            The list is Lambda's documented one, as cfn-lint 1.51.0 ships it. One of the \
            per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/worker
                  Runtime: python3.12
                  Handler: index.handler
                  Code:
                    ZipFile: "def handler(event, context): return 1"
                  Environment:
                    Variables:
                      TABLE_NAME: orders
                      REGION_NAME: !Ref AWS::Region
            """
        ],
        failing: [
            """
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/worker
                  Runtime: python3.12
                  Handler: index.handler
                  Code:
                    ZipFile: "def handler(event, context): return 1"
                  Environment:
                    Variables:
                      TABLE_NAME: orders
                      AWS_REGION: us-east-1 # <-
                      _HANDLER: index.main # <-
            """
        ]
    )

    static func reword(_ message: String) -> String {
        guard message.hasSuffix(" is not allowed here") else { return message }
        return message.dropLast(20) + " is an environment variable name Lambda reserves for itself"
    }
}
