/// W3694: SNS subscription endpoint not of its protocol.
struct SubscriptionEndpointFormat: ConstraintRule {
    static let info = RuleInfo(
        id: "W3694",
        title: "SNS subscription endpoint not of its protocol",
        description: """
            An `AWS::SNS::Subscription` with `Protocol: lambda` delivers to a Lambda function, so \
            its `Endpoint` is a function ARN (`arn:aws:lambda:us-east-1:123456789012:function:\
            name`); with `Protocol: sqs` it is a queue ARN. A literal endpoint that is not a \
            function ARN, for `lambda`, is reported on `Endpoint`. An endpoint given by a \
            function is not judged (cfn-lint also compares what a `Fn::GetAtt` gives with the \
            protocol; that check is not made here). One of the per-resource constraints \
            (E3000).
            """,
        passing: [
            """
            Resources:
              ToWorker:
                Type: AWS::SNS::Subscription
                Properties:
                  TopicArn: arn:aws:sns:us-east-1:123456789012:orders
                  Protocol: lambda
                  Endpoint: arn:aws:lambda:us-east-1:123456789012:function:worker
            """
        ],
        failing: [
            """
            Resources:
              ToWorker:
                Type: AWS::SNS::Subscription
                Properties:
                  TopicArn: arn:aws:sns:us-east-1:123456789012:orders
                  Protocol: lambda
                  Endpoint: https://example.com/hooks/orders # <-
            """
        ]
    )
}
