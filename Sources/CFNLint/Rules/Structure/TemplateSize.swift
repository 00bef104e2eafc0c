import CFNModel

/// E1002: the template body is at most 1,000,000 bytes.
struct TemplateSize: Rule {
    static let info = RuleInfo(
        id: "E1002",
        title: "Template too large",
        description: """
            CloudFormation accepts a template body of at most 1,000,000 bytes, even through S3. \
            Shorten it (fewer Metadata, shorter inline code) or move resources into nested \
            stacks (`cfntool split`).
            """,
        passing: ["Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"],
        failing: [
            "Description: big # <-\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n      Blob: \""
                + String(repeating: "x", count: 1_000_001) + "\"\n"
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let limit = Quota.templateBytes.limit
        guard context.bodyBytes > limit else { return }
        findings.append(
            context.finding(
                Self.self,
                "the template is \(context.bodyBytes) bytes, over CloudFormation's limit of \(limit)",
                at: SectionQuota.fileStart,
                path: []
            )
        )
    }
}
