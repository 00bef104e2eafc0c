import CFNModel

/// I1002: the template body is within 10% of the 1,000,000-byte limit.
struct TemplateSizeApproaching: Rule {
    static let info = RuleInfo(
        id: "I1002",
        title: "Template size near the limit",
        description: """
            The template body is over 900,000 bytes, within 10% of the 1,000,000 bytes \
            CloudFormation accepts. Plan a split into nested stacks (`cfntool split`) before \
            it stops a deploy.
            """,
        passing: ["Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"],
        failing: [
            "Description: big # <-\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n      Blob: \""
                + String(repeating: "x", count: 900_001) + "\"\n"
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let limit = Quota.templateBytes.limit
        guard SectionQuota.applies(context.bodyBytes, limit, over: false) else { return }
        findings.append(
            context.finding(
                Self.self,
                "the template is \(context.bodyBytes) bytes, close to CloudFormation's limit of \(limit)",
                at: SectionQuota.fileStart,
                path: []
            )
        )
    }
}
