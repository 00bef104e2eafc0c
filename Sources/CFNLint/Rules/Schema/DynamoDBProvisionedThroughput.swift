/// E3639: a provisioned DynamoDB table without ProvisionedThroughput.
struct DynamoDBProvisionedThroughput: ConstraintRule {
    static let info = RuleInfo(
        id: "E3639",
        title: "DynamoDB provisioned tables need ProvisionedThroughput",
        description: """
            An `AWS::DynamoDB::Table` that says `BillingMode: PROVISIONED` must give its read \
            and write capacity (`ProvisionedThroughput`). A table without `BillingMode` is not \
            checked here. The finding is at `Properties`. One of the per-resource constraints \
            (E3000).
            """,
        passing: [
            """
            Resources:
              Orders:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PROVISIONED
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  ProvisionedThroughput:
                    ReadCapacityUnits: 5
                    WriteCapacityUnits: 5
            """
        ],
        failing: [
            """
            Resources:
              Orders:
                Type: AWS::DynamoDB::Table
                Properties: # <-
                  BillingMode: PROVISIONED
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
            """
        ]
    )

    static func reword(_ message: String) -> String {
        message.hasSuffix(" is a required property") ? message.dropLast(23) + " is required when BillingMode is PROVISIONED" : message
    }
}
