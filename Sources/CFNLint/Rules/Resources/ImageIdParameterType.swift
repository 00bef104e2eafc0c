import CFNModel

/// W2506: an AMI id property that takes a parameter typed as plain text.
struct ImageIdParameterType: Rule {
    static let info = RuleInfo(
        id: "W2506",
        title: "ImageId parameter type",
        description: """
            A parameter given to an `ImageId` (an instance's, a launch template's, a launch \
            configuration's, ...) is best typed `AWS::EC2::Image::Id`, so that CloudFormation \
            checks the AMI exists before it starts, or \
            `AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>`, to read the latest AMI from SSM. \
            Reported on the parameter's `Type`, for a `Ref` written directly as the property.
            """,
        passing: [
            """
            Parameters:
              Ami:
                Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
                Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
            Resources:
              Web:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: !Ref Ami
                  InstanceType: t3.micro
            """
        ],
        failing: [
            """
            Parameters:
              Ami:
                Type: String # <-
                Default: ami-0abcdef1234567890
            Resources:
              Web:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: !Ref Ami
                  InstanceType: t3.micro
            """
        ]
    )

    static let allowed = ["AWS::EC2::Image::Id", "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"]

    /// Resource type -> where its AMI id is written (`*`: each item of a list).
    static let paths: [String: [String]] = [
        "AWS::AutoScaling::LaunchConfiguration": ["ImageId"],
        "AWS::Batch::ComputeEnvironment": ["ComputeResources", "ImageId"],
        "AWS::Cloud9::EnvironmentEC2": ["ImageId"],
        "AWS::EC2::Instance": ["ImageId"],
        "AWS::EC2::LaunchTemplate": ["LaunchTemplateData", "ImageId"],
        "AWS::EC2::SpotFleet": ["SpotFleetRequestConfigData", "LaunchSpecifications", "*", "ImageId"],
        "AWS::ImageBuilder::Image": ["ImageId"],
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let parameters = context.template.root["Parameters"]?.mapValue ?? Map()
        var reported: Set<String> = []
        for r in context.template.resources {
            guard let type = r.type, let path = Self.paths[type], let properties = r.node["Properties"] else { continue }
            for value in Self.values(properties, path[...]) {
                // A Ref inside another function (a Fn::If branch) is not looked at.
                guard let name = value.functionValue?.refTarget, let parameter = parameters[name],
                    let typeEntry = parameter[entry: "Type"], let given = typeEntry.value.stringValue,
                    !Self.allowed.contains(given), reported.insert(name).inserted
                else { continue }
                findings.append(
                    context.finding(
                        Self.self,
                        "Parameter \(name) gives an ImageId but is typed \(given): type it AWS::EC2::Image::Id or AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
                        at: typeEntry.keyRange,
                        path: ["Parameters", name, "Type"]
                    )
                )
            }
        }
    }

    /// The values written at `path`, through mappings and lists only.
    static func values(_ node: Node, _ path: ArraySlice<String>) -> [Node] {
        guard let first = path.first else { return [node] }
        if first == "*" { return (node.listValue ?? []).flatMap { values($0, path.dropFirst()) } }
        guard let next = node.mapValue?[first] else { return [] }
        return values(next, path.dropFirst())
    }
}
