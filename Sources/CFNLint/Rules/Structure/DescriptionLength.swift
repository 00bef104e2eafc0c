import CFNModel

/// E1003: the template's `Description` is at most 1,024 bytes.
struct DescriptionLength: Rule {
    static let info = RuleInfo(
        id: "E1003",
        title: "Template description",
        description: """
            The template's Description is at most 1,024 bytes; CloudFormation \
            refuses a longer one.
            """,
        passing: ["Description: a bucket\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"],
        failing: [
            "Description: " + String(repeating: "x", count: 1_025) + " # <-\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let e = context.template.root[entry: "Description"] else { return }
        guard let text = e.value.scalarText else { return }
        let limit = Quota.descriptionBytes.limit
        if text.utf8.count > limit {
            findings.append(
                context.finding(
                    Self.self,
                    "Description is \(text.utf8.count) bytes, over the \(limit) CloudFormation accepts",
                    at: e.keyRange,
                    path: ["Description"]
                )
            )
        }
    }
}
