/// E3711: a listener rule that forwards to a GENEVE target group.
struct ListenerRuleGeneveTarget: ConstraintRule {
    static let info = RuleInfo(
        id: "E3711",
        title: "Listener rule forwarding to a GENEVE target group",
        description: """
            GENEVE target groups serve Gateway Load Balancers, which have no listener rules. An \
            `AWS::ElasticLoadBalancingV2::ListenerRule` whose `Actions` name (`Ref`, \
            `Fn::GetAtt`) an `AWS::ElasticLoadBalancingV2::TargetGroup` of the template with \
            `Protocol: GENEVE` is rejected. Reported on the target group's `Protocol`. One of \
            the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Web:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties:
                  Protocol: HTTP
                  Port: 80
                  VpcId: vpc-12345678
              Orders:
                Type: AWS::ElasticLoadBalancingV2::ListenerRule
                Properties:
                  ListenerArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2
                  Priority: 10
                  Conditions:
                    - Field: path-pattern
                      Values: [/orders/*]
                  Actions:
                    - Type: forward
                      TargetGroupArn: !Ref Web
            """
        ],
        failing: [
            """
            Resources:
              Appliances:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties:
                  Protocol: GENEVE # <-
                  Port: 6081
                  VpcId: vpc-12345678
              Orders:
                Type: AWS::ElasticLoadBalancingV2::ListenerRule
                Properties:
                  ListenerArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2
                  Priority: 10
                  Conditions:
                    - Field: path-pattern
                      Values: [/orders/*]
                  Actions:
                    - Type: forward
                      TargetGroupArn: !Ref Appliances
            """
        ]
    )
}
