/// E1155: a literal that cannot be a log group name where one is expected.
struct LogGroupNameFormat: SchemaRule {
    static let info = RuleInfo(
        id: "E1155",
        title: "Not a valid log group name",
        description: """
            The property takes a CloudWatch Logs log group name (format `AWS::Logs::LogGroup.Name`): \
            1 to 512 letters, digits and `._-/#`, so no spaces and no ARN. Values from intrinsic \
            functions are not checked.
            """,
        passing: [
            """
            Resources:
              AppLogs:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: /app/orders-api
                  RetentionInDays: 30
              Errors:
                Type: AWS::Logs::MetricFilter
                Properties:
                  LogGroupName: !Ref AppLogs
                  FilterPattern: ERROR
                  MetricTransformations:
                    - MetricName: Errors
                      MetricNamespace: OrdersApi
                      MetricValue: "1"
            """
        ],
        failing: [
            """
            Resources:
              AppLogs:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: /app/orders api # <-
              Errors:
                Type: AWS::Logs::MetricFilter
                Properties:
                  LogGroupName: arn:aws:logs:us-east-1:123456789012:log-group:/app/orders-api # <-
                  FilterPattern: ERROR
                  MetricTransformations:
                    - MetricName: Errors
                      MetricNamespace: OrdersApi
                      MetricValue: "1"
            """
        ]
    )
}
