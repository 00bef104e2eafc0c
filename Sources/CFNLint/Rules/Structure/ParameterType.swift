import CFNModel

/// E2002: a parameter's `Type` is one CloudFormation knows.
struct ParameterType: Rule {
    static let info = RuleInfo(
        id: "E2002",
        title: "Parameter type",
        description: """
            A parameter's Type is String, Number, CommaDelimitedList, List<Number>, one of the \
            AWS-specific types (AWS::EC2::VPC::Id, AWS::EC2::Subnet::Id, ..., and their List<> \
            forms) or an SSM parameter type (AWS::SSM::Parameter::Name, \
            AWS::SSM::Parameter::Value<...>). Anything else (Boolean, Integer, a typo) makes the \
            stack fail to create.
            """,
        passing: [
            """
            Parameters:
              Vpc:
                Type: AWS::EC2::VPC::Id
              Ami:
                Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
            Resources:
              Group:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: !Ref Ami
                  VpcId: !Ref Vpc
            """
        ],
        failing: [
            """
            Parameters:
              Enabled:
                Type: Boolean # <-
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Ref Enabled
            """
        ]
    )

    static let single: Set<String> = [
        "AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id", "AWS::EC2::Instance::Id", "AWS::EC2::KeyPair::KeyName",
        "AWS::EC2::SecurityGroup::GroupName", "AWS::EC2::SecurityGroup::Id", "AWS::EC2::Subnet::Id", "AWS::EC2::VPC::Id",
        "AWS::EC2::Volume::Id", "AWS::Route53::HostedZone::Id", "AWS::SSM::Parameter::Name", "Number", "String",
        "CommaDelimitedList",
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let parameters = context.template.root["Parameters"]?.mapValue else { return }
        for p in parameters {
            guard let e = p.value[entry: "Type"], let type = e.value.stringValue else { continue }
            // List<...> and SSM value types are accepted by CloudFormation for any inner type.
            if Self.single.contains(type) || type.hasPrefix("List<") || type.hasPrefix("AWS::SSM::Parameter::Value<") { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "'\(type)' is not a parameter type: use String, Number, CommaDelimitedList, an AWS-specific or an SSM type",
                    at: e.keyRange,
                    path: ["Parameters", p.key, "Type"]
                )
            )
        }
    }
}
