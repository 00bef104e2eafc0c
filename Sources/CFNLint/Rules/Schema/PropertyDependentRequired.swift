/// E3021: a property that needs another one alongside it.
struct PropertyDependentRequired: SchemaRule {
    static let info = RuleInfo(
        id: "E3021",
        title: "Property needs another property",
        description: """
            Some properties only make sense with another one: a security group with \
            `SecurityGroupEgress` rules must name its `VpcId`, a DynamoDB table's \
            `SSESpecification` with a `KMSMasterKeyId` must say `SSEType: KMS`. Reported on the \
            key of the object that lacks the companion (schema keywords `dependentRequired` and \
            `dependencies`).
            """,
        passing: [
            """
            Resources:
              AppSecurityGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: App servers
                  VpcId: vpc-0a1b2c3d
                  SecurityGroupEgress:
                    - IpProtocol: tcp
                      FromPort: 443
                      ToPort: 443
                      CidrIp: 0.0.0.0/0
            """
        ],
        failing: [
            """
            Resources:
              AppSecurityGroup:
                Type: AWS::EC2::SecurityGroup
                Properties: # <-
                  GroupDescription: App servers
                  SecurityGroupEgress:
                    - IpProtocol: tcp
                      FromPort: 443
                      ToPort: 443
                      CidrIp: 0.0.0.0/0
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
                  SSESpecification: # <-
                    SSEEnabled: true
                    KMSMasterKeyId: alias/orders
            """
        ]
    )
}
