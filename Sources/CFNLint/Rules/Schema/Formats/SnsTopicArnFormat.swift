/// E1158: a literal that is not an SNS topic ARN where one is expected.
struct SnsTopicArnFormat: SchemaRule {
    static let info = RuleInfo(
        id: "E1158",
        title: "Not an SNS topic ARN",
        description: """
            The property takes the ARN of an SNS topic (format `AWS::SNS::Topic.Arn`): \
            `arn:aws:sns:<region>:<account>:<name>`. A topic's name is not enough: `!Ref Topic` \
            gives the ARN of a topic of the same template. Values from intrinsic functions are not \
            checked.
            """,
        passing: [
            """
            Resources:
              Alerts:
                Type: AWS::SNS::Topic
              DbEvents:
                Type: AWS::RDS::EventSubscription
                Properties:
                  SnsTopicArn: !Ref Alerts
                  SourceType: db-instance
              ClusterEvents:
                Type: AWS::RDS::EventSubscription
                Properties:
                  SnsTopicArn: arn:aws:sns:us-east-1:123456789012:db-alerts
                  SourceType: db-cluster
            """
        ],
        failing: [
            """
            Resources:
              DbEvents:
                Type: AWS::RDS::EventSubscription
                Properties:
                  SnsTopicArn: db-alerts # <-
                  SourceType: db-instance
              ConfigDelivery:
                Type: AWS::Config::DeliveryChannel
                Properties:
                  S3BucketName: config-history
                  SnsTopicARN: arn:aws:sqs:us-east-1:123456789012:config-events # <-
            """
        ]
    )
}
