/// E3017: a value that fits none of the forms its schema allows.
struct PropertyAnyOf: SchemaRule {
    static let info = RuleInfo(
        id: "E3017",
        title: "Value fits none of the allowed forms",
        description: """
            The schema lists several forms for a value (`anyOf`) and the value fits none of them. \
            Most often this is a set of properties of which at least one is needed: an \
            `AWS::IAM::Policy` must be attached to some `Users`, `Groups` or `Roles`, a DynamoDB \
            `WarmThroughput` needs a read or a write rate. Reported on the key of the value.
            """,
        passing: [
            """
            Resources:
              ReadLogs:
                Type: AWS::IAM::Policy
                Properties:
                  PolicyName: read-logs
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: logs:GetLogEvents
                        Resource: "*"
                  Roles:
                    - app-role
            """
        ],
        failing: [
            """
            Resources:
              ReadLogs:
                Type: AWS::IAM::Policy
                Properties: # <-
                  PolicyName: read-logs
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: logs:GetLogEvents
                        Resource: "*"
              Orders:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - AttributeName: id
                      AttributeType: S
                  KeySchema:
                    - AttributeName: id
                      KeyType: HASH
                  WarmThroughput: {} # <-
            """
        ]
    )
}
