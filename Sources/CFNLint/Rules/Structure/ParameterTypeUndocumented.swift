import CFNModel

/// W2002: a parameter's `Type` is a `List<...>` or `AWS::SSM::Parameter::Value<...>` form that
/// CloudFormation accepts but does not document, so it does not validate the value given.
struct ParameterTypeUndocumented: Rule {
    static let info = RuleInfo(
        id: "W2002",
        title: "Parameter type not documented",
        description: """
            CloudFormation takes any type written as List<...> or \
            AWS::SSM::Parameter::Value<...>, but it checks the value given only for the types it \
            documents (List<AWS::EC2::Subnet::Id>, AWS::SSM::Parameter::Value<String>, ...). With \
            any other inner type (AWS::SSM::Parameter::Value<Test>, List<AWS::EC2::Bogus::Id>) \
            the stack is created with whatever value the caller passes: use a documented type, or \
            String.
            """,
        passing: [
            """
            Parameters:
              Ami:
                Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
              Subnets:
                Type: List<AWS::EC2::Subnet::Id>
            Resources:
              Group:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: !Ref Ami
                  Tags:
                    - Key: subnets
                      Value: !Join [",", !Ref Subnets]
            """
        ],
        failing: [
            """
            Parameters:
              Setting:
                Type: AWS::SSM::Parameter::Value<Test> # <-
              Buckets:
                Type: List<AWS::S3::Bucket::Name> # <-
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref Setting
                  Tags:
                    - Key: buckets
                      Value: !Join [",", !Ref Buckets]
            """
        ]
    )

    /// The AWS-specific types CloudFormation documents, which it validates.
    static let awsTypes = [
        "AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id", "AWS::EC2::Instance::Id",
        "AWS::EC2::KeyPair::KeyName", "AWS::EC2::SecurityGroup::GroupName", "AWS::EC2::SecurityGroup::Id",
        "AWS::EC2::Subnet::Id", "AWS::EC2::VPC::Id", "AWS::EC2::Volume::Id", "AWS::Route53::HostedZone::Id",
    ]

    /// Every documented `List<...>` and `AWS::SSM::Parameter::Value<...>` type.
    static let documented: Set<String> = {
        // A key pair has no documented list form.
        let lists = (awsTypes.filter { $0 != "AWS::EC2::KeyPair::KeyName" } + ["Number", "String"]).map { "List<\($0)>" }
        let ssmInner = awsTypes + lists + ["String", "Number", "CommaDelimitedList", "AWS::SSM::Parameter::Name"]
        return Set(lists + ssmInner.map { "AWS::SSM::Parameter::Value<\($0)>" })
    }()

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let parameters = context.template.root["Parameters"]?.mapValue else { return }
        for p in parameters {
            guard let e = p.value[entry: "Type"], let type = e.value.stringValue else { continue }
            guard type.hasPrefix("List<") || type.hasPrefix("AWS::SSM::Parameter::Value<") else { continue }
            if Self.documented.contains(type) { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "'\(type)' is not a documented parameter type: CloudFormation accepts it but does not check the value passed",
                    at: e.keyRange,
                    path: ["Parameters", p.key, "Type"]
                )
            )
        }
    }
}
