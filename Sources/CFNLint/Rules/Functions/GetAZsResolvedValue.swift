/// W1036: the zones `Fn::GetAZs` gives do not fit the property.
struct GetAZsResolvedValue: SchemaRule {
    static let info = RuleInfo(
        id: "W1036",
        title: "Fn::GetAZs gives a value the property does not take",
        description: """
            `Fn::GetAZs` gives the list of a region's Availability Zones (`us-east-1a`, \
            `us-east-1b`, ...): the region written, or, for `""` and `!Ref AWS::Region`, the \
            first `--regions` region. The list is checked against what the property's schema \
            asks of its value, so that zone names given where, say, a list of rules is expected \
            are reported, one finding per zone, where the function is written.
            """,
        passing: [
            """
            Resources:
              Workers:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "1"
                  MaxSize: "3"
                  AvailabilityZones: !GetAZs ""
                  LaunchTemplate:
                    LaunchTemplateId: lt-0123456789abcdef0
                    Version: "1"
            """
        ],
        failing: [
            """
            Resources:
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: Web servers
                  SecurityGroupIngress: !GetAZs "" # <-
            """
        ]
    )
}
