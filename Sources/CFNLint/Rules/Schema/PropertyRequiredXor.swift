/// E3014: exactly one of a set of properties must be given.
struct PropertyRequiredXor: SchemaRule {
    static let info = RuleInfo(
        id: "E3014",
        title: "Exactly one of a set of properties",
        description: """
            Some objects take one property out of a set and only one: an ingress rule has a single \
            source (`CidrIp`, `CidrIpv6`, `SourcePrefixListId`, `SourceSecurityGroupId` or \
            `SourceSecurityGroupName`), a block device mapping is `Ebs`, `VirtualName` or \
            `NoDevice`. Giving none of them is reported on the key of the object (on the item, for \
            an object in a list); giving more than one, on the key of each of those given (as \
            cfn-lint reports it). `!Ref AWS::NoValue` counts as not given.
            """,
        passing: [
            """
            Resources:
              HttpsIngress:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-0123456789abcdef0
                  IpProtocol: tcp
                  FromPort: 443
                  ToPort: 443
                  CidrIp: 10.0.0.0/16
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  InstanceType: t3.micro
                  BlockDeviceMappings:
                    - DeviceName: /dev/xvdf
                      Ebs:
                        VolumeSize: 20
            """
        ],
        failing: [
            """
            Resources:
              HttpsIngress:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-0123456789abcdef0
                  IpProtocol: tcp
                  FromPort: 443
                  ToPort: 443
                  CidrIp: 10.0.0.0/16 # <-
                  SourceSecurityGroupId: sg-0fedcba9876543210 # <-
              SshIngress:
                Type: AWS::EC2::SecurityGroupIngress
                Properties: # <-
                  GroupId: sg-0123456789abcdef0
                  IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  InstanceType: t3.micro
                  BlockDeviceMappings:
                    - DeviceName: /dev/xvdf # <-
            """
        ]
    )
}
