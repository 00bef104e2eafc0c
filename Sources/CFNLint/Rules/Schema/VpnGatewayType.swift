/// W3703: VPN gateway Type other than ipsec.1.
struct VpnGatewayType: ConstraintRule {
    static let info = RuleInfo(
        id: "W3703",
        title: "VPN gateway Type other than ipsec.1",
        description: """
            `ipsec.1` is the one type of `AWS::EC2::VPNGateway` there is; another `Type` is \
            rejected. Reported on `Type`. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Gateway:
                Type: AWS::EC2::VPNGateway
                Properties:
                  Type: ipsec.1
            """
        ],
        failing: [
            """
            Resources:
              Gateway:
                Type: AWS::EC2::VPNGateway
                Properties:
                  Type: ipsec.2 # <-
            """
        ]
    )
}
