/// E3684: `Matcher` or `ProtocolVersion` with a non-HTTP health check.
struct HealthCheckMatcher: ConstraintRule {
    static let info = RuleInfo(
        id: "E3684",
        title: "Matcher or ProtocolVersion with a non-HTTP health check",
        description: """
            A target group's `Matcher` (the HTTP codes a healthy target answers) and \
            `ProtocolVersion` belong to HTTP and HTTPS health checks: with `HealthCheckProtocol` \
            `TCP` (or another non-HTTP protocol) they are rejected. Reported on the property. \
            One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Servers:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties:
                  Protocol: HTTP
                  Port: 80
                  VpcId: vpc-12345678
                  HealthCheckProtocol: HTTP
                  Matcher:
                    HttpCode: "200"
            """
        ],
        failing: [
            """
            Resources:
              Servers:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties:
                  Protocol: TCP
                  Port: 80
                  VpcId: vpc-12345678
                  HealthCheckProtocol: TCP
                  Matcher: # <-
                    HttpCode: "200"
            """
        ]
    )
}
