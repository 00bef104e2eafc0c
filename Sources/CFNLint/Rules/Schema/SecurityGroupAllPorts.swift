/// E3688: a security group rule with one port -1 (all) and the other not.
struct SecurityGroupAllPorts: ConstraintRule {
    static let info = RuleInfo(
        id: "E3688",
        title: "Port -1 on one end of a range only",
        description: """
            -1 as a port of a security group rule means all of them, and EC2 takes it only as \
            both ends: when `FromPort` is -1, `ToPort` must be -1 too, and the other way round. \
            For an ICMP rule (`icmp` or 1) the two are the ICMP type and code, and only a type \
            of -1 (all types) asks for a code of -1; a type with code -1 (all its codes) is \
            fine. Reported on the port that should be -1. Checked where E3687 is; a port given \
            by a function is not judged. One of the \
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
                    - IpProtocol: icmp
                      FromPort: 8
                      ToPort: -1
                      CidrIp: 10.0.0.0/8
                    - IpProtocol: tcp
                      FromPort: -1
                      ToPort: -1
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
                    - IpProtocol: icmp
                      FromPort: -1
                      ToPort: 8 # <-
                      CidrIp: 10.0.0.0/8
                    - IpProtocol: tcp
                      FromPort: 80 # <-
                      ToPort: -1
                      CidrIp: 10.0.0.0/8
            """
        ]
    )
}
