import CFNModel

/// E1004: the template's `Description` is a string.
struct DescriptionType: Rule {
    static let info = RuleInfo(
        id: "E1004",
        title: "Template description is a string",
        description: """
            The template's Description is text: a list, a mapping or a function is refused.
            """,
        passing: ["Description: a bucket\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"],
        failing: ["Description: [a, b] # <-\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let e = context.template.root[entry: "Description"], !CloudFormationType.string.accepts(e.value) else { return }
        findings.append(
            context.finding(
                Self.self,
                "Description must be a string, not \(e.value.kindDescription)",
                at: e.keyRange,
                path: ["Description"]
            )
        )
    }
}
