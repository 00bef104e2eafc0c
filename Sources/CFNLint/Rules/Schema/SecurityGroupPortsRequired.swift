/// E3687: a TCP, UDP or ICMP security group rule without `FromPort` and `ToPort`.
struct SecurityGroupPortsRequired: ConstraintRule {
    static let info = RuleInfo(
        id: "E3687",
        title: "TCP, UDP or ICMP rule without its ports",
        description: """
            A security group rule whose `IpProtocol` is TCP, UDP or ICMP (`tcp`, `udp`, `icmp`, \
            or their numbers 6, 17 and 1) must give the range it opens: `FromPort` and `ToPort` \
            (for ICMP, the type and the code; -1 for all). EC2 rejects the rule without them. \
            Checked in the `SecurityGroupIngress` and `SecurityGroupEgress` lists of an \
            `AWS::EC2::SecurityGroup` (reported on the rule) and in \
            `AWS::EC2::SecurityGroupIngress` and `AWS::EC2::SecurityGroupEgress` resources \
            (reported on `Properties`). A protocol given by a function is not judged; a `Fn::If` \
            is read in each combination of conditions that can hold together. One of the \
            per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: web servers
                  VpcId: vpc-12345678
                  SecurityGroupIngress:
                    - IpProtocol: tcp
                      FromPort: 443
                      ToPort: 443
                      CidrIp: 0.0.0.0/0
                    - IpProtocol: "-1"
                      CidrIp: 10.0.0.0/8
            """
        ],
        failing: [
            """
            Resources:
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: web servers
                  VpcId: vpc-12345678
                  SecurityGroupIngress:
                    - IpProtocol: tcp # <-
                      CidrIp: 0.0.0.0/0
              Dns:
                Type: AWS::EC2::SecurityGroupIngress
                Properties: # <-
                  GroupId: sg-12345678
                  IpProtocol: udp
                  FromPort: 53
                  CidrIp: 10.0.0.0/8
            """
        ]
    )
}
