/// W3091: a plain YAML 1.1 boolean or octal number where the schema expects text.
struct YAMLImplicitConversion: SchemaRule {
    static let info = RuleInfo(
        id: "W3091",
        title: "YAML turns the text into a boolean or a number",
        description: """
            YAML 1.1, which CloudFormation reads, turns some plain words and numbers into something \
            else: `yes`, `no`, `on` and `off` are booleans, and a number with a leading zero such as \
            `0755` is octal. Where the schema expects text, CloudFormation then receives `true`, \
            `false` or `493` instead of what was written. Quote the value to keep it as written. \
            Properties that also take a boolean or a number are not reported: nothing is lost there.
            """,
        passing: [
            """
            Resources:
              FeatureFlag:
                Type: AWS::SSM::Parameter
                Properties:
                  Type: String
                  Value: "yes"
              AccessPoint:
                Type: AWS::EFS::AccessPoint
                Properties:
                  FileSystemId: fs-0123456789abcdef0
                  RootDirectory:
                    Path: /app
                    CreationInfo:
                      OwnerUid: "1000"
                      OwnerGid: "1000"
                      Permissions: "0755"
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  FifoQueue: yes
                  QueueName: orders.fifo
            """
        ],
        failing: [
            """
            Resources:
              FeatureFlag:
                Type: AWS::SSM::Parameter
                Properties:
                  Type: String
                  Value: yes # <-
              AccessPoint:
                Type: AWS::EFS::AccessPoint
                Properties:
                  FileSystemId: fs-0123456789abcdef0
                  RootDirectory:
                    Path: /app
                    CreationInfo:
                      OwnerUid: "1000"
                      OwnerGid: "1000"
                      Permissions: 0755 # <-
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  Tags:
                    - Key: Backup
                      Value: off # <-
            """
        ],
        fixes: [
            FixExample(
                before: """
                    Resources:
                      FeatureFlag:
                        Type: AWS::SSM::Parameter
                        Properties:
                          Type: String
                          Value: yes # the feature is on
                      AccessPoint:
                        Type: AWS::EFS::AccessPoint
                        Properties:
                          FileSystemId: fs-0123456789abcdef0
                          RootDirectory:
                            Path: /app
                            CreationInfo:
                              OwnerUid: "1000"
                              OwnerGid: "1000"
                              Permissions: 0755
                    """,
                after: """
                    Resources:
                      FeatureFlag:
                        Type: AWS::SSM::Parameter
                        Properties:
                          Type: String
                          Value: "yes" # the feature is on
                      AccessPoint:
                        Type: AWS::EFS::AccessPoint
                        Properties:
                          FileSystemId: fs-0123456789abcdef0
                          RootDirectory:
                            Path: /app
                            CreationInfo:
                              OwnerUid: "1000"
                              OwnerGid: "1000"
                              Permissions: "0755"
                    """,
                safety: .safe
            )
        ]
    )
}
