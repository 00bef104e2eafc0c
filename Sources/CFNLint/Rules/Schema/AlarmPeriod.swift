/// E3615: a CloudWatch alarm period CloudWatch does not take.
struct AlarmPeriod: ConstraintRule {
    static let info = RuleInfo(
        id: "E3615",
        title: "CloudWatch alarm Period is a value CloudWatch accepts",
        description: """
            An `AWS::CloudWatch::Alarm`'s `Period` (seconds) must be 10, 30 or 60 (10 and 30 are \
            the high-resolution periods), or a multiple of 60 above that: 45 and 90 are refused. \
            A number written as text (`"120"`) is read as the number. A `Period` a function gives \
            is not judged; each branch of a `Fn::If` is. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Errors:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  ComparisonOperator: GreaterThanThreshold
                  EvaluationPeriods: 1
                  MetricName: Errors
                  Namespace: AWS/Lambda
                  Statistic: Sum
                  Threshold: 1
                  Period: 300
              Fast:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  ComparisonOperator: GreaterThanThreshold
                  EvaluationPeriods: 1
                  MetricName: Errors
                  Namespace: AWS/Lambda
                  Statistic: Sum
                  Threshold: 1
                  Period: 10
            """
        ],
        failing: [
            """
            Resources:
              Errors:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  ComparisonOperator: GreaterThanThreshold
                  EvaluationPeriods: 1
                  MetricName: Errors
                  Namespace: AWS/Lambda
                  Statistic: Sum
                  Threshold: 1
                  Period: 90 # <-
              Odd:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  ComparisonOperator: GreaterThanThreshold
                  EvaluationPeriods: 1
                  MetricName: Errors
                  Namespace: AWS/Lambda
                  Statistic: Sum
                  Threshold: 1
                  Period: "45" # <-
            """
        ]
    )

    static func reword(_ message: String) -> String {
        guard let cut = message.firstRange(of: " is not ") else { return message }
        return "Period " + message[..<cut.lowerBound] + " is not 10, 30, 60 or a multiple of 60 seconds"
    }
}
