/// E3670: amazon MQ broker instance type offered in the region.
struct AmazonMQInstanceType: ConstraintRule {
    static let info = RuleInfo(
        id: "E3670",
        title: "Amazon MQ broker instance type offered in the region",
        description: """
            An `AWS::AmazonMQ::Broker`'s `HostInstanceType` must be an `mq.*` instance type Amazon MQ \
            sells in the region. The list is the region's, from AWS's pricing data as cfn-lint 1.51.0 \
            ships it: each region of `--regions` (us-east-1 when none is given) is checked against its \
            own, and a finding names the region. A value a function gives (`!Ref InstanceType`) is not \
            judged here (W1030 judges a parameter's default); each branch of a `Fn::If` is. One of the \
            per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Broker:
                Type: AWS::AmazonMQ::Broker
                Properties:
                  BrokerName: orders
                  DeploymentMode: SINGLE_INSTANCE
                  EngineType: ACTIVEMQ
                  HostInstanceType: mq.t3.micro
                  PubliclyAccessible: false
                  Users: []
            """
        ],
        failing: [
            """
            Resources:
              Broker:
                Type: AWS::AmazonMQ::Broker
                Properties:
                  BrokerName: orders
                  DeploymentMode: SINGLE_INSTANCE
                  EngineType: ACTIVEMQ
                  HostInstanceType: mq.t9.micro # <-
                  PubliclyAccessible: false
                  Users: []
            """
        ]
    )
}
