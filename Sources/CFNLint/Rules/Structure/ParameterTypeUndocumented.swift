import CFNModel

/// W2002: a `List<...>` or SSM value parameter type CloudFormation takes but does not check.
struct ParameterTypeUndocumented: Rule {
    static let info = RuleInfo(
        id: "W2002",
        title: "Parameter type not documented",
        description: """
            CloudFormation accepts any `List<...>` and `AWS::SSM::Parameter::Value<...>` type, \
            but checks the value only for the documented inner types (the AWS-specific types, \
            `String`, `Number`, `CommaDelimitedList`, ...). With another inner type \
            (`List<Foo>`, a misspelt `AWS::EC2::Subnet::ID`) the parameter is taken as it is, \
            unchecked.
            """,
        passing: [
            """
            Parameters:
              Subnets:
                Type: List<AWS::EC2::Subnet::Id>
              Ami:
                Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
                Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
            Resources:
              Queue:
                Type: AWS::SQS::Queue
            Outputs:
              Subnets:
                Value: !Join [",", !Ref Subnets]
              Ami:
                Value: !Ref Ami
            """
        ],
        failing: [
            """
            Parameters:
              Subnets:
                Type: List<AWS::EC2::Subnet::ID> # <-
            Resources:
              Queue:
                Type: AWS::SQS::Queue
            Outputs:
              Subnets:
                Value: !Join [",", !Ref Subnets]
            """
        ]
    )

    /// The parameter types CloudFormation documents (cfn-lint 1.51.0's list), those of the two
    /// open forms only.
    static let documented: Set<String> = {
        let single = [
            "AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id", "AWS::EC2::Instance::Id", "AWS::EC2::KeyPair::KeyName",
            "AWS::EC2::SecurityGroup::GroupName", "AWS::EC2::SecurityGroup::Id", "AWS::EC2::Subnet::Id", "AWS::EC2::VPC::Id",
            "AWS::EC2::Volume::Id", "AWS::Route53::HostedZone::Id",
        ]
        var out: Set<String> = ["List<Number>", "List<String>"]
        for t in single where t != "AWS::EC2::KeyPair::KeyName" { out.insert("List<\(t)>") }
        for t in single + ["AWS::SSM::Parameter::Name", "CommaDelimitedList", "Number", "String", "List<Number>", "List<String>"] {
            out.insert("AWS::SSM::Parameter::Value<\(t)>")
        }
        for t in single where t != "AWS::EC2::KeyPair::KeyName" { out.insert("AWS::SSM::Parameter::Value<List<\(t)>>") }
        return out
    }()

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for p in context.template.parameters {
            guard let entry = p.node.mapValue?[entry: "Type"], let type = entry.value.stringValue,
                type.hasPrefix("List<") || type.hasPrefix("AWS::SSM::Parameter::Value<"), !Self.documented.contains(type)
            else { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "Parameter \(p.name) has the type \(type), which CloudFormation accepts but does not check the value of",
                    at: entry.keyRange,
                    path: ["Parameters", p.name, "Type"]
                )
            )
        }
    }
}
