/// E3679: classic HTTPS or SSL listener without SSLCertificateId.
struct ClassicListenerCertificate: ConstraintRule {
    static let info = RuleInfo(
        id: "E3679",
        title: "Classic HTTPS or SSL listener without SSLCertificateId",
        description: """
            A listener of an `AWS::ElasticLoadBalancing::LoadBalancer` (Classic Load Balancer) \
            with `Protocol: HTTPS` or `SSL` needs the certificate it serves: `SSLCertificateId` \
            is required. Reported on the listener. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Classic:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  AvailabilityZones: [us-east-1a]
                  Listeners:
                    - LoadBalancerPort: "443"
                      InstancePort: "80"
                      Protocol: HTTPS
                      SSLCertificateId: arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012
            """
        ],
        failing: [
            """
            Resources:
              Classic:
                Type: AWS::ElasticLoadBalancing::LoadBalancer
                Properties:
                  AvailabilityZones: [us-east-1a]
                  Listeners:
                    - LoadBalancerPort: "443" # <-
                      InstancePort: "80"
                      Protocol: HTTPS
            """
        ]
    )
}
