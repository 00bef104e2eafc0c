/// E3638: an on-demand DynamoDB table with ProvisionedThroughput.
struct DynamoDBOnDemandThroughput: ConstraintRule {
    static let info = RuleInfo(
        id: "E3638",
        title: "DynamoDB on-demand tables take no ProvisionedThroughput",
        description: """
            An `AWS::DynamoDB::Table` with `BillingMode: PAY_PER_REQUEST` is billed per request \
            and must not set `ProvisionedThroughput`; CloudFormation refuses the table. The \
            finding is at `ProvisionedThroughput`. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Orders:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
            """
        ],
        failing: [
            """
            Resources:
              Orders:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  ProvisionedThroughput: # <-
                    ReadCapacityUnits: 5
                    WriteCapacityUnits: 5
            """
        ]
    )

    static func reword(_ message: String) -> String {
        message.hasSuffix(" is not allowed here") ? message.dropLast(5) + " when BillingMode is PAY_PER_REQUEST" : message
    }
}
