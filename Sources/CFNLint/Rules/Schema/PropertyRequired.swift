/// E3003: a property the resource type's schema requires is missing.
struct PropertyRequired: SchemaRule {
    static let info = RuleInfo(
        id: "E3003",
        title: "Required property missing",
        description: """
            A resource, or an object inside one, lacks a property its schema requires. The finding \
            sits on the key of the object that lacks it (the resource's name when it has no \
            `Properties` at all). `!Ref AWS::NoValue` counts as missing.
            """,
        passing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Subscription
                Properties:
                  Protocol: email
                  TopicArn: arn:aws:sns:us-east-1:123456789012:alerts
            """
        ],
        failing: [
            """
            Resources:
              Subscription:
                Type: AWS::SNS::Subscription
                Properties: # <-
                  Protocol: email
              Role: # <-
                Type: AWS::IAM::Role
            """
        ]
    )
}
