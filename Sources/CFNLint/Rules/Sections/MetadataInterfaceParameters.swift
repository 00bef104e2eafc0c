import CFNModel

/// W4001: the console interface metadata names a parameter the template does not have.
struct MetadataInterfaceParameters: Rule {
    static let info = RuleInfo(
        id: "W4001",
        title: "Metadata interface names a missing parameter",
        description: """
            Each name in a `ParameterGroups` entry's `Parameters` and each key of \
            `ParameterLabels` (in `Metadata: AWS::CloudFormation::Interface`) should be a \
            parameter of the template: the console ignores the others, so a renamed parameter \
            silently loses its group and label.
            """,
        passing: [
            """
            Metadata:
              AWS::CloudFormation::Interface:
                ParameterGroups:
                  - Label: {default: Network}
                    Parameters: [VpcId]
                ParameterLabels:
                  VpcId: {default: Which VPC?}
            Parameters:
              VpcId: {Type: AWS::EC2::VPC::Id}
            Resources:
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: Web servers
                  VpcId: !Ref VpcId
            """
        ],
        failing: [
            """
            Metadata:
              AWS::CloudFormation::Interface:
                ParameterGroups:
                  - Label: {default: Network}
                    Parameters: [VpcId, SubnetId] # <-
                ParameterLabels:
                  Vpc: {default: Which VPC?} # <-
            Parameters:
              VpcId: {Type: AWS::EC2::VPC::Id}
            Resources:
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: Web servers
                  VpcId: !Ref VpcId
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let interface = context.template.root["Metadata"]?["AWS::CloudFormation::Interface"]?.mapValue else { return }
        let base = ["Metadata", "AWS::CloudFormation::Interface"]
        let parameters = Set(context.template.parameters.map(\.name))
        func report(_ name: String, at range: SourceRange, _ path: [String]) {
            findings.append(context.finding(Self.self, "'\(name)' is not a parameter of the template", at: range, path: path))
        }
        for (n, group) in (interface["ParameterGroups"]?.listValue ?? []).enumerated() {
            for name in group["Parameters"]?.listValue ?? [] where !(name.stringValue.map(parameters.contains) ?? false) {
                report(name.scalarText ?? name.kindDescription, at: name.range, base + ["ParameterGroups", String(n), "Parameters"])
            }
        }
        for label in interface["ParameterLabels"]?.mapValue ?? Map() where !parameters.contains(label.key) {
            report(label.key, at: label.keyRange, base + ["ParameterLabels", label.key])
        }
    }
}
