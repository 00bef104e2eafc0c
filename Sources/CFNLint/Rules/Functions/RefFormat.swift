/// E1041: a `Ref` to a resource gives an identifier of another kind than the property takes.
struct RefFormat: SchemaRule {
    static let info = RuleInfo(
        id: "E1041",
        title: "Ref gives another kind of identifier than expected",
        description: """
            A `Ref` to a resource gives the resource's primary identifier, and the schemas say \
            what kind of identifier a property takes (a security group id, a role ARN, a subnet \
            id, ...). When both are known and differ, the value cannot be right. A security \
            group's `Ref` gives its id when the group has a `VpcId`, its name when it has none, \
            so a group without `VpcId` cannot stand in `SecurityGroupIds`, nor one with it in \
            `SecurityGroups` of an instance. Refs to parameters and custom resources are not \
            judged.
            """,
        passing: [
            """
            Parameters:
              Vpc:
                Type: AWS::EC2::VPC::Id
            Resources:
              AppGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: app servers
                  VpcId: !Ref Vpc
              App:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  SecurityGroupIds: [!Ref AppGroup]
            """
        ],
        failing: [
            """
            Parameters:
              Vpc:
                Type: AWS::EC2::VPC::Id
            Resources:
              AppGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: app servers
                  VpcId: !Ref Vpc
              LegacyGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: classic servers
              App:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  SecurityGroups: [!Ref AppGroup] # <-
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/worker
                  Handler: index.handler
                  Runtime: python3.13
                  Code:
                    ZipFile: "def handler(event, context): pass"
                  VpcConfig:
                    SubnetIds: [subnet-0abc1234]
                    SecurityGroupIds:
                      - !Ref LegacyGroup # <-
            """
        ]
    )
}
