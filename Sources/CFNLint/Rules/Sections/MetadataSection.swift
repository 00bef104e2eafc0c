import CFNModel

/// E4002: the `Metadata` section is a mapping with no null values.
struct MetadataSection: Rule {
    static let info = RuleInfo(
        id: "E4002",
        title: "Metadata section shape",
        description: """
            The template's `Metadata` section is a mapping of keys to values (for the console, \
            cfn-lint and cfntool configuration, `AWS::CloudFormation::Interface`, ...). A list, a \
            plain value or a null value in it is an error.
            """,
        passing: [
            """
            Metadata:
              Owner: platform-team
            Resources:
              Q: {Type: AWS::SQS::Queue}
            """
        ],
        failing: [
            """
            Metadata: [owner] # <-
            Resources:
              Q: {Type: AWS::SQS::Queue}
            """,
            """
            Metadata:
              Owner: # <-
            Resources:
              Q: {Type: AWS::SQS::Queue}
            """,
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let section = context.template.root[entry: "Metadata"] else { return }
        guard let m = section.value.mapValue else {
            findings.append(context.finding(Self.self, "Metadata must be a mapping", at: section.keyRange, path: ["Metadata"]))
            return
        }
        for e in m {
            if case .null = e.value.value {
                findings.append(context.finding(Self.self, "Metadata '\(e.key)' has no value", at: e.keyRange, path: ["Metadata", e.key]))
            }
        }
    }
}
