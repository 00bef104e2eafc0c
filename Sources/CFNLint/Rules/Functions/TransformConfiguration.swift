import CFNModel

/// E1005: `Transform` is a macro name, a `{Name, Parameters}` mapping, or a list of those.
struct TransformConfiguration: Rule {
    static let info = RuleInfo(
        id: "E1005",
        title: "Transform section is malformed",
        description: """
            The `Transform` section names the macros that process the template: one name \
            (`AWS::Serverless-2016-10-31`), a mapping with a `Name` and optional `Parameters` \
            (a mapping), or a list of names and such mappings. Anything else, or other keys in the \
            mapping, is rejected.
            """,
        passing: [
            """
            Transform:
              - AWS::LanguageExtensions
              - Name: AWS::Include
                Parameters: {Location: 's3://bucket/snippet.yaml'}
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """
        ],
        failing: [
            """
            Transform: # <-
              Location: s3://bucket/snippet.yaml # <-
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let e = context.template.root[entry: "Transform"] else { return }
        check(e.value, keyRange: e.keyRange, path: ["Transform"], context, &findings, allowList: true)
    }

    private func check(
        _ node: Node,
        keyRange: SourceRange,
        path: [String],
        _ context: LintContext,
        _ findings: inout [Finding],
        allowList: Bool
    ) {
        switch node.value {
        case .string:
            return
        case .list(let items) where allowList:
            for (i, item) in items.enumerated() {
                check(item, keyRange: item.range, path: path + [String(i)], context, &findings, allowList: false)
            }
        case .map(let m):
            if m[entry: "Name"] == nil {
                findings.append(
                    context.finding(TransformConfiguration.self, "A transform given as a mapping needs a Name", at: keyRange, path: path)
                )
            }
            for entry in m.entries {
                switch entry.key {
                case "Name":
                    if entry.value.stringValue == nil {
                        findings.append(
                            context.finding(
                                TransformConfiguration.self,
                                "The Name of a transform must be a string",
                                at: entry.keyRange,
                                path: path + ["Name"]
                            )
                        )
                    }
                case "Parameters":
                    if entry.value.mapValue == nil {
                        findings.append(
                            context.finding(
                                TransformConfiguration.self,
                                "The Parameters of a transform must be a mapping",
                                at: entry.keyRange,
                                path: path + ["Parameters"]
                            )
                        )
                    }
                default:
                    findings.append(
                        context.finding(
                            TransformConfiguration.self,
                            "A transform mapping holds only Name and Parameters, not '\(entry.key)'",
                            at: entry.keyRange,
                            path: path + [entry.key]
                        )
                    )
                }
            }
        default:
            findings.append(
                context.finding(
                    TransformConfiguration.self,
                    "Transform must be a macro name, a mapping with a Name, or a list of them",
                    at: keyRange,
                    path: path
                )
            )
        }
    }
}
