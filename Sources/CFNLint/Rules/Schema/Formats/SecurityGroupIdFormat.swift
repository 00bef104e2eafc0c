/// E1150: a literal that is not a security group id where one is expected.
struct SecurityGroupIdFormat: SchemaRule {
    static let info = RuleInfo(
        id: "E1150",
        title: "Not a security group id",
        description: """
            The property takes a security group id (format `AWS::EC2::SecurityGroup.Id`): `sg-` \
            followed by 8 or 17 hexadecimal digits. A group's name is not its id: in a VPC, refer \
            to the group with `!Ref` or `!GetAtt Group.GroupId`. Values from intrinsic functions \
            are not checked.
            """,
        passing: [
            """
            Resources:
              WebSecurityGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: Web servers
                  VpcId: vpc-0a1b2c3d
              HttpsIngress:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: !GetAtt WebSecurityGroup.GroupId
                  IpProtocol: tcp
                  FromPort: 443
                  ToPort: 443
                  SourceSecurityGroupId: sg-0123456789abcdef0
            """
        ],
        failing: [
            """
            Resources:
              HttpsIngress:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: web-servers # <-
                  IpProtocol: tcp
                  FromPort: 443
                  ToPort: 443
                  SourceSecurityGroupId: sg-12345 # <-
            """
        ]
    )
}
