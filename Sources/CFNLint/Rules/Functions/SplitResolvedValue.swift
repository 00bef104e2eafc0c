/// W1033: a list a `Fn::Split` can make before deployment does not fit the property.
struct SplitResolvedValue: SchemaRule {
    static let info = RuleInfo(
        id: "W1033",
        title: "Fn::Split makes a list the property does not take",
        description: """
            A `Fn::Split` of a text that can be worked out before deployment (a literal, a \
            parameter's values, a pseudo-parameter, a `Fn::Sub`, `Fn::Join`, `Fn::Select` or \
            `Fn::FindInMap` of such values) gives a list, which is checked against what the \
            property's schema asks of the list and its items (item count, pattern, format, \
            ...). As in cfn-lint, one list that fits and takes no parameter's value is enough; \
            the problem is reported where the function is written.
            """,
        passing: [
            """
            Parameters:
              Subnets:
                Type: String
                Default: subnet-0a1b2c3d,subnet-4e5f6a7b
            Resources:
              Balancer:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Subnets: !Split [",", !Ref Subnets]
            """
        ],
        failing: [
            """
            Parameters:
              Subnets:
                Type: String
                Default: subnet-0a1b2c3d,private-b
            Resources:
              Balancer:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Subnets: !Split [",", !Ref Subnets] # <-
            """
        ]
    )
}
