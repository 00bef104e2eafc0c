import CFNModel

/// E6101: an output's `Value` is a string (or something that gives one), not a list or a
/// mapping, and what it refers to exists.
struct OutputValue: Rule {
    static let info = RuleInfo(
        id: "E6101",
        title: "Output value is a string",
        description: """
            CloudFormation outputs are strings. A list or a plain mapping as Value fails; join a \
            list (Fn::Split, Fn::GetAZs, Fn::Cidr give lists) with Fn::Join first. A Ref, Fn::GetAtt or Fn::Sub variable in the Value must \
            name a parameter, pseudo-parameter or resource of the template.
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            Outputs:
              Names:
                Value: !Join [",", [!Ref Bucket, other]]
            """
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            Outputs:
              Names:
                Value: [!Ref Bucket, other] # <-
              Arn:
                Value: !Sub "arn:aws:s3:::${Bukcet}" # <-
              Zones:
                Value: !GetAZs "" # <-
            """
        ]
    )

    /// Functions that give a list.
    static let listFunctions: Set<FunctionName> = [.split, .getAZs, .cidr]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        // Names that do not exist: one shared check puts them where cfn-lint does.
        BrokenReference.report(OutputValue.self, context, into: &findings)
        guard let outputs = context.template.root["Outputs"]?.mapValue else { return }
        for o in outputs {
            guard let value = o.value[entry: "Value"] else { continue }
            switch value.value.value {
            case .function(let f) where Self.listFunctions.contains(f.name):
                findings.append(
                    context.finding(
                        Self.self,
                        "the Value of '\(o.key)' must be a string, not the list \(f.name) gives",
                        at: value.keyRange,
                        path: ["Outputs", o.key, "Value"]
                    )
                )
            case .function(let f) where f.name == .getStackOutput:
                findings.append(
                    context.finding(
                        Self.self,
                        "the Value of '\(o.key)' cannot be a Fn::GetStackOutput, which outputs do not take",
                        at: value.keyRange,
                        path: ["Outputs", o.key, "Value"]
                    )
                )
            case .list, .map:
                findings.append(
                    context.finding(
                        Self.self,
                        "the Value of '\(o.key)' must be a string, not \(value.value.kindDescription)",
                        at: value.keyRange,
                        path: ["Outputs", o.key, "Value"]
                    )
                )
            default:
                break
            }
        }
    }
}
