/// E1040: a `Fn::GetAtt` gives an attribute of another kind than the property takes.
struct GetAttFormat: SchemaRule {
    static let info = RuleInfo(
        id: "E1040",
        title: "Fn::GetAtt gives another kind of value than expected",
        description: """
            The schemas say what kind of identifier a property takes (a security group id, a \
            role ARN, a KMS key ARN, ...) and what kind each attribute of a resource is. When \
            both are known and differ, `Fn::GetAtt` reads the wrong attribute: a role's \
            a security group's `GroupName` where its id is wanted, a log group's `Arn` where its \
            name is (also in the constraints of the bundle, such as a container's `awslogs-group`). Attributes \
            of nested stacks, custom resources and SSM parameter values are not judged.
            """,
        passing: [
            """
            Resources:
              Key:
                Type: AWS::KMS::Key
                Properties:
                  KeyPolicy:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal:
                          AWS: arn:aws:iam::123456789012:root
                        Action: kms:*
                        Resource: "*"
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/worker
                  Handler: index.handler
                  Runtime: python3.13
                  KmsKeyArn: !GetAtt Key.Arn
                  Code:
                    ZipFile: "def handler(event, context): pass"
            """
        ],
        failing: [
            """
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: 10.0.0.0/16
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: !Ref Vpc
                  CidrBlock: 10.0.0.0/24
              AppGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: app servers
                  VpcId: !Ref Vpc
              App:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  NetworkInterfaces:
                    - DeviceIndex: "0"
                      SubnetId: !Ref Subnet
                      GroupSet:
                        - !GetAtt AppGroup.GroupName # <-
              Logs:
                Type: AWS::Logs::LogGroup
              Web:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: web
                      Image: nginx
                      LogConfiguration:
                        LogDriver: awslogs
                        Options:
                          awslogs-group: !GetAtt Logs.Arn # <-
            """
        ]
    )
}
