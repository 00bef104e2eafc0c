import CFNModel

/// E4001: `Metadata: AWS::CloudFormation::Interface` has `ParameterGroups` and
/// `ParameterLabels` of the right shape, naming parameters that exist.
struct MetadataInterface: Rule {
    static let info = RuleInfo(
        id: "E4001",
        title: "Metadata interface shape",
        description: """
            `AWS::CloudFormation::Interface` arranges parameters in the console: `ParameterGroups` \
            is a list of `{Label: {default: text}, Parameters: [names]}` and `ParameterLabels` maps \
            parameter names to `{default: text}`. Other keys and wrong kinds are errors (names \
            that are not parameters of the template are W4001's).
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
              Q: {Type: AWS::SQS::Queue}
            """
        ],
        failing: [
            """
            Metadata:
              AWS::CloudFormation::Interface:
                ParameterGroups:
                  - Label: {text: Network} # <-
                    Parameters: VpcId # <-
                ParameterLabels:
                  VpcId: {text: Which VPC?} # <-
                Extra: 1 # <-
            Parameters:
              VpcId: {Type: String}
            Resources:
              Q: {Type: AWS::SQS::Queue}
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let i = context.template.root["Metadata"]?.mapValue?[entry: "AWS::CloudFormation::Interface"] else { return }
        let base = ["Metadata", "AWS::CloudFormation::Interface"]
        guard let m = i.value.mapValue else {
            findings.append(context.finding(Self.self, "AWS::CloudFormation::Interface must be a mapping", at: i.keyRange, path: base))
            return
        }
        for e in m {
            switch e.key {
            case "ParameterGroups":
                guard let groups = e.value.listValue else {
                    findings.append(context.finding(Self.self, "ParameterGroups must be a list", at: e.keyRange, path: base + [e.key]))
                    continue
                }
                for (n, g) in groups.enumerated() {
                    let path = base + [e.key, String(n)]
                    guard let gm = g.mapValue else {
                        findings.append(context.finding(Self.self, "a parameter group must be a mapping", at: g.range, path: path))
                        continue
                    }
                    for ge in gm {
                        switch ge.key {
                        case "Label":
                            // The console also takes a plain text label; a mapping must be {default: text}.
                            if let label = ge.value.mapValue, label["default"]?.stringValue == nil || label.count != 1 {
                                findings.append(
                                    context.finding(Self.self, "Label must be {default: text}", at: ge.keyRange, path: path + ["Label"])
                                )
                            }
                        case "Parameters":
                            // Names that are not parameters of the template are W4001's.
                            guard ge.value.listValue != nil else {
                                findings.append(
                                    context.finding(
                                        Self.self,
                                        "Parameters must be a list of parameter names",
                                        at: ge.keyRange,
                                        path: path + ["Parameters"]
                                    )
                                )
                                continue
                            }
                        default:
                            findings.append(
                                context.finding(
                                    Self.self,
                                    "a parameter group has only Label and Parameters, not '\(ge.key)'",
                                    at: ge.keyRange,
                                    path: path + [ge.key]
                                )
                            )
                        }
                    }
                }
            case "ParameterLabels":
                guard let labels = e.value.mapValue else {
                    findings.append(
                        context.finding(
                            Self.self,
                            "ParameterLabels must be a mapping of parameter names",
                            at: e.keyRange,
                            path: base + [e.key]
                        )
                    )
                    continue
                }
                for l in labels {
                    // A label for a name that is not a parameter is W4001's; its shape is checked here.
                    if l.value["default"]?.stringValue == nil {
                        findings.append(
                            context.finding(
                                Self.self,
                                "the label of '\(l.key)' must be {default: text}",
                                at: l.keyRange,
                                path: base + [e.key, l.key]
                            )
                        )
                    }
                }
            default:
                findings.append(
                    context.finding(
                        Self.self,
                        "AWS::CloudFormation::Interface has ParameterGroups and ParameterLabels, not '\(e.key)'",
                        at: e.keyRange,
                        path: base + [e.key]
                    )
                )
            }
        }
    }
}
