/// E3680: application Load Balancer in fewer than two subnets.
struct ApplicationLoadBalancerSubnets: ConstraintRule {
    static let info = RuleInfo(
        id: "E3680",
        title: "Application Load Balancer in fewer than two subnets",
        description: """
            An Application Load Balancer (an `AWS::ElasticLoadBalancingV2::LoadBalancer` with \
            `Type: application`, or no `Type`) spans at least two Availability Zones: its \
            `Subnets` or `SubnetMappings` must list at least two. Reported on the list. One of \
            the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Web:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Subnets: [subnet-12345678, subnet-87654321]
            """
        ],
        failing: [
            """
            Resources:
              Web:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Subnets: [subnet-12345678] # <-
            """
        ]
    )
}
