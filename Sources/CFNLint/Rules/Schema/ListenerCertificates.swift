/// E3676: hTTPS or TLS listener without Certificates.
struct ListenerCertificates: ConstraintRule {
    static let info = RuleInfo(
        id: "E3676",
        title: "HTTPS or TLS listener without Certificates",
        description: """
            An `AWS::ElasticLoadBalancingV2::Listener` with `Protocol: HTTPS` or `TLS` ends the \
            encrypted connection and needs the server certificate to do it: `Certificates` is \
            required. Reported on `Properties`. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Https:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188
                  Protocol: HTTPS
                  Port: 443
                  Certificates:
                    - CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012
                  DefaultActions:
                    - Type: fixed-response
                      FixedResponseConfig: {StatusCode: "200"}
            """
        ],
        failing: [
            """
            Resources:
              Https:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties: # <-
                  LoadBalancerArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188
                  Protocol: HTTPS
                  Port: 443
                  DefaultActions:
                    - Type: fixed-response
                      FixedResponseConfig: {StatusCode: "200"}
            """
        ]
    )
}
