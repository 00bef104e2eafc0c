/// W1030: a value a `Ref` can take before deployment does not fit the property.
struct RefResolvedValue: SchemaRule {
    static let info = RuleInfo(
        id: "W1030",
        title: "Ref resolves to a value the property does not take",
        description: """
            A `Ref` to a parameter is checked with each value the parameter can have: each of \
            its `AllowedValues`, or, without them, its `Default`, `MinValue` and `MaxValue` (a \
            list parameter's text is split at its commas). A `Ref` to a pseudo-parameter is \
            checked with its value in the first `--regions` region. Each value must pass what the \
            property's schema asks (pattern, length, format, enum, range, ...); SSM parameters \
            are not resolved, and a property that only asks for a type is not checked. A \
            problem is reported where the `Ref` is, or, for an enum, a pattern or a range, on \
            the parameter's value that breaks it, as cfn-lint places them. The same values \
            feed the functions built on them (W1031-W1035, W1040); with `--deployment-files` \
            or `--parameter-files`, a parameter takes each file's value instead.
            """,
        passing: [
            """
            Parameters:
              Vpc:
                Type: AWS::EC2::VPC::Id
                Default: vpc-0a1b2c3d
              Acl:
                Type: String
                AllowedValues: [Private, LogDeliveryWrite]
            Resources:
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: Web servers
                  VpcId: !Ref Vpc
              Logs:
                Type: AWS::S3::Bucket
                Properties:
                  AccessControl: !Ref Acl
                  OwnershipControls:
                    Rules:
                      - ObjectOwnership: ObjectWriter
            """
        ],
        failing: [
            """
            Parameters:
              Vpc:
                Type: String
                Default: main
              SshFrom:
                Type: String
                Default: 192.168.1.0/0
              Acl:
                Type: String
                AllowedValues: [Private, Hidden] # <-
            Resources:
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: Web servers
                  VpcId: !Ref Vpc # <-
                  SecurityGroupIngress:
                    - IpProtocol: tcp
                      FromPort: 22
                      ToPort: 22
                      CidrIp: !Ref SshFrom # <-
              Logs:
                Type: AWS::S3::Bucket
                Properties:
                  AccessControl: !Ref Acl
                  OwnershipControls:
                    Rules:
                      - ObjectOwnership: ObjectWriter
            """
        ]
    )
}
