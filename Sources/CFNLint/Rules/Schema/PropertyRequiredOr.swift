/// E3058: at least one of a set of properties must be given.
struct PropertyRequiredOr: SchemaRule {
    static let info = RuleInfo(
        id: "E3058",
        title: "At least one of a set of properties",
        description: """
            Some objects need at least one property out of a set: an EventBridge rule fires on an \
            `EventPattern`, a `ScheduleExpression`, or both; a subnet gets its addresses from a \
            `CidrBlock`, an `Ipv6CidrBlock` or an IPAM pool. Giving none is reported on the key of \
            the object. `!Ref AWS::NoValue` counts as not given.
            """,
        passing: [
            """
            Resources:
              Nightly:
                Type: AWS::Events::Rule
                Properties:
                  ScheduleExpression: cron(0 3 * * ? *)
                  State: ENABLED
              AppSubnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-0a1b2c3d
                  CidrBlock: 10.0.1.0/24
            """
        ],
        failing: [
            """
            Resources:
              Nightly:
                Type: AWS::Events::Rule
                Properties: # <-
                  State: ENABLED
              AppSubnet:
                Type: AWS::EC2::Subnet
                Properties: # <-
                  VpcId: vpc-0a1b2c3d
                  AvailabilityZone: us-east-1a
            """
        ]
    )
}
