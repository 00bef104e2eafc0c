import CFNModel

/// I1003: the template's `Description` is within 10% of its 1,024-byte limit.
struct DescriptionLengthApproaching: Rule {
    static let info = RuleInfo(
        id: "I1003",
        title: "Template description near the limit",
        description: """
            The template's Description is over 921 bytes, within 10% of the 1,024 bytes \
            CloudFormation accepts.
            """,
        passing: ["Description: a bucket\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"],
        failing: [
            "Description: " + String(repeating: "x", count: 1_000) + " # <-\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let e = context.template.root[entry: "Description"], let text = e.value.scalarText else { return }
        let limit = Quota.descriptionBytes.limit
        guard SectionQuota.applies(text.utf8.count, limit, over: false) else { return }
        findings.append(
            context.finding(
                Self.self,
                "Description is \(text.utf8.count) bytes, close to the \(limit) CloudFormation accepts",
                at: e.keyRange,
                path: ["Description"]
            )
        )
    }
}
