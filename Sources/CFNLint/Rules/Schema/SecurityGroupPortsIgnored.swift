/// W3687: ports on a security group rule whose protocol has none.
struct SecurityGroupPortsIgnored: ConstraintRule {
    static let info = RuleInfo(
        id: "W3687",
        title: "Ports on a rule whose protocol has none",
        description: """
            Only TCP, UDP and ICMP rules (`tcp`, `udp`, `icmp`, also in capitals, or 6, 17, 1) \
            have a \
            port range. A security group rule of another protocol (`-1` for all traffic, `50` \
            for ESP, ...) with `FromPort` or `ToPort` opens what its protocol says, whatever \
            the ports: a rule for `-1` with ports 80 to 80 lets in all traffic, not just HTTP. \
            Checked where E3687 is, and reported once per rule, on the first port written. One \
            of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Internal:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-12345678
                  IpProtocol: "-1"
                  SourceSecurityGroupId: sg-87654321
            """
        ],
        failing: [
            """
            Resources:
              Internal:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-12345678
                  IpProtocol: "-1"
                  FromPort: 80 # <-
                  ToPort: 80
                  SourceSecurityGroupId: sg-87654321
            """
        ]
    )
}
