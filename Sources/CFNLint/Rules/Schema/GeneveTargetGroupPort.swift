/// E3683: gENEVE target group on a port other than 6081.
struct GeneveTargetGroupPort: ConstraintRule {
    static let info = RuleInfo(
        id: "E3683",
        title: "GENEVE target group on a port other than 6081",
        description: """
            Gateway Load Balancers talk to their appliances with GENEVE on port 6081 only: an \
            `AWS::ElasticLoadBalancingV2::TargetGroup` with `Protocol: GENEVE` and another \
            `Port` is rejected. Reported on `Port`. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Appliances:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties:
                  Protocol: GENEVE
                  Port: 6081
                  VpcId: vpc-12345678
            """
        ],
        failing: [
            """
            Resources:
              Appliances:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties:
                  Protocol: GENEVE
                  Port: 80 # <-
                  VpcId: vpc-12345678
            """
        ]
    )
}
