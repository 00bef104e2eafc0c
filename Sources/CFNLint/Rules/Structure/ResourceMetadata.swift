import CFNModel

/// E3028: a resource's `Metadata` that is not a mapping (or list) of values.
struct ResourceMetadata: Rule {
    static let info = RuleInfo(
        id: "E3028",
        title: "Resource Metadata malformed",
        description: """
            A resource's `Metadata` is free-form, but it is a mapping (or a list), each entry a \
            value (not null), and its `AWS::CloudFormation::Init` is a mapping (what is inside is \
            E3009's).
            """,
        passing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Metadata:
                  Owner: platform
                  Checks: {retries: 3}
            """
        ],
        failing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Metadata:
                  Owner: # <-
                  AWS::CloudFormation::Init: [config] # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources {
            guard let entry = r.node.mapValue?[entry: "Metadata"] else { continue }
            ResourceAttributeSchema.check(
                Self.self,
                entry.value,
                "metadata",
                at: entry.keyRange,
                path: ["Resources", r.logicalId, "Metadata"],
                context,
                into: &findings
            )
        }
    }
}
