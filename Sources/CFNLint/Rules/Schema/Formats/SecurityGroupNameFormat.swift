/// E1153: a literal that cannot be a security group name where one is expected.
struct SecurityGroupNameFormat: SchemaRule {
    static let info = RuleInfo(
        id: "E1153",
        title: "Not a valid security group name",
        description: """
            The property takes a security group name (format `AWS::EC2::SecurityGroup.Name`): \
            letters, digits, spaces and `._-:/()#,@[]+=&;{}!$*` only. Values from intrinsic \
            functions are not checked.
            """,
        passing: [
            """
            Resources:
              WebSecurityGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupName: web servers (prod)
                  GroupDescription: Web servers
                  VpcId: vpc-0a1b2c3d
            """
        ],
        failing: [
            """
            Resources:
              WebSecurityGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupName: web|prod # <-
                  GroupDescription: Web servers
                  VpcId: vpc-0a1b2c3d
              LegacyIngress:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupName: legacy
                  IpProtocol: tcp
                  FromPort: 80
                  ToPort: 80
                  SourceSecurityGroupName: "load-balancer?" # <-
            """
        ]
    )
}
