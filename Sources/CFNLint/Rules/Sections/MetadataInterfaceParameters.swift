import CFNModel

/// W4001: `AWS::CloudFormation::Interface` names a parameter the template does not have.
struct MetadataInterfaceParameters: Rule {
    static let info = RuleInfo(
        id: "W4001",
        title: "Metadata interface names a missing parameter",
        description: """
            The parameter groups and labels of `AWS::CloudFormation::Interface` arrange the \
            template's parameters in the console. A name there that is not a parameter of the \
            template (a parameter renamed or removed) is ignored by the console, so the group or \
            label it was written for is silently lost.
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
              VpcId: {Type: String}
            Resources:
              Q: {Type: AWS::SQS::Queue, Properties: {QueueName: !Ref VpcId}}
            """
        ],
        failing: [
            """
            Metadata:
              AWS::CloudFormation::Interface:
                ParameterGroups:
                  - Label: {default: Network}
                    Parameters: [VpcId, Subnet] # <-
                ParameterLabels:
                  Vpc: {default: Which VPC?} # <-
            Parameters:
              VpcId: {Type: String}
            Resources:
              Q: {Type: AWS::SQS::Queue, Properties: {QueueName: !Ref VpcId}}
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let interface = context.template.root["Metadata"]?["AWS::CloudFormation::Interface"]?.mapValue else { return }
        let parameters = Set(context.template.parameters.map(\.name))
        let base = ["Metadata", "AWS::CloudFormation::Interface"]
        for (n, group) in (interface["ParameterGroups"]?.listValue ?? []).enumerated() {
            guard let entry = group.mapValue?[entry: "Parameters"], let names = entry.value.listValue else { continue }
            for name in names {
                if let s = name.stringValue, parameters.contains(s) { continue }
                // A number or a boolean has no position of its own in cfn-lint's reading, so it
                // is placed at the key above it; a string, a list or a map at itself.
                let range: SourceRange
                switch name.value {
                case .string, .list, .map: range = name.range
                default: range = entry.keyRange
                }
                findings.append(
                    context.finding(
                        Self.self,
                        "'\(name.scalarText ?? "?")' in a parameter group is not a parameter of the template",
                        at: range,
                        path: base + ["ParameterGroups", String(n), "Parameters"]
                    )
                )
            }
        }
        for label in interface["ParameterLabels"]?.mapValue ?? Map() where !parameters.contains(label.key) {
            findings.append(
                context.finding(
                    Self.self,
                    "the label '\(label.key)' is not for a parameter of the template",
                    at: label.keyRange,
                    path: base + ["ParameterLabels", label.key]
                )
            )
        }
    }
}
