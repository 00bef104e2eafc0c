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
                unresolved(value.value, site: value.keyRange, ["Outputs", o.key, "Value"], context, &findings)
            }
        }
    }

    /// Reports references to names the template does not define, at the place cfn-lint puts them:
    /// the key holding the function (its `Fn::` key in long form) or the list item.
    private func unresolved(
        _ node: Node,
        site: SourceRange,
        _ path: [String],
        _ context: LintContext,
        _ findings: inout [Finding]
    ) {
        switch node.value {
        case .list(let items):
            for (i, item) in items.enumerated() { unresolved(item, site: item.range, path + [String(i)], context, &findings) }
        case .map(let m):
            for e in m { unresolved(e.value, site: e.keyRange, path + [e.key], context, &findings) }
        case .function(let f):
            let at = f.form == .long && f.keyRange.isKnown ? f.keyRange : site
            let kind: Reference.Kind? =
                switch f.name {
                case .ref: .ref
                case .getAtt: .getAtt
                case .sub: .sub
                default: nil
                }
            if let kind, !context.template.hasForEach {
                for r in node.references where r.kind == kind && context.graph.resolve(r) == nil {
                    findings.append(
                        context.finding(
                            Self.self,
                            "the Value refers to '\(r.target)', which is not a parameter or resource of this template",
                            at: at,
                            path: path + [f.name.rawValue]
                        )
                    )
                }
            }
            if f.name != .ref { unresolved(f.argument, site: at, path + [f.name.rawValue], context, &findings) }
        default:
            break
        }
    }
}
