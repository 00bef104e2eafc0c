/// E3696: a Lambda function with a system log level and text logs.
struct FunctionSystemLogLevel: ConstraintRule {
    static let info = RuleInfo(
        id: "E3696",
        title: "SystemLogLevel with LogFormat Text",
        description: """
            Lambda filters its own log lines by level (`LoggingConfig.SystemLogLevel`) only when \
            the function logs as JSON. With `LogFormat: Text` the setting is rejected: remove it \
            or log as `JSON`. Reported on `SystemLogLevel`. One of the per-resource constraints \
            (E3000).
            """,
        passing: [
            """
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/worker
                  Runtime: python3.13
                  Handler: index.handler
                  Code:
                    ZipFile: "def handler(event, context): pass"
                  LoggingConfig:
                    LogFormat: JSON
                    SystemLogLevel: WARN
            """
        ],
        failing: [
            """
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/worker
                  Runtime: python3.13
                  Handler: index.handler
                  Code:
                    ZipFile: "def handler(event, context): pass"
                  LoggingConfig:
                    LogFormat: Text
                    SystemLogLevel: WARN # <-
            """
        ]
    )
}
