/// E3681: target group properties of its target type.
struct TargetGroupTargetType: ConstraintRule {
    static let info = RuleInfo(
        id: "E3681",
        title: "Target group properties of its target type",
        description: """
            What an `AWS::ElasticLoadBalancingV2::TargetGroup` needs depends on its `TargetType`. \
            A `lambda` target group has no port, protocol or VPC: `Port`, `Protocol`, \
            `ProtocolVersion`, `HealthCheckPort`, `HealthCheckProtocol` and `VpcId` are rejected \
            (each reported on itself). Any other written target type (`instance`, `ip`, `alb`) \
            needs `Port`, `Protocol` and `VpcId` (each missing one reported on `Properties`). \
            One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Handler:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties:
                  TargetType: lambda
              Servers:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties:
                  TargetType: instance
                  Protocol: HTTP
                  Port: 80
                  VpcId: vpc-12345678
            """
        ],
        failing: [
            """
            Resources:
              Handler:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties:
                  TargetType: lambda
                  Port: 80 # <-
              Servers:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties: # <-
                  TargetType: instance
                  Protocol: HTTP
            """
        ]
    )
}
