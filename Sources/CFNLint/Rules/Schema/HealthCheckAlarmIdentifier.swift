/// E3661: a CloudWatch-metric health check without AlarmIdentifier.
struct HealthCheckAlarmIdentifier: ConstraintRule {
    static let info = RuleInfo(
        id: "E3661",
        title: "Route 53 CloudWatch health check needs AlarmIdentifier",
        description: """
            An `AWS::Route53::HealthCheck` whose `HealthCheckConfig.Type` is \
            `CLOUDWATCH_METRIC` follows a CloudWatch alarm, and must name it \
            (`AlarmIdentifier`: its name and region). The finding is at `HealthCheckConfig`. \
            One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Check:
                Type: AWS::Route53::HealthCheck
                Properties:
                  HealthCheckConfig:
                    Type: CLOUDWATCH_METRIC
                    AlarmIdentifier:
                      Name: api-errors
                      Region: us-east-1
            """
        ],
        failing: [
            """
            Resources:
              Check:
                Type: AWS::Route53::HealthCheck
                Properties:
                  HealthCheckConfig: # <-
                    Type: CLOUDWATCH_METRIC
            """
        ]
    )

    static func reword(_ message: String) -> String {
        message.hasSuffix(" is a required property") ? message.dropLast(23) + " is required when Type is CLOUDWATCH_METRIC" : message
    }
}
