import CFNModel

/// W1002: the template body is over 51,200 bytes, the most `--template-body` can send.
struct TemplateInlineSize: Rule {
    static let info = RuleInfo(
        id: "W1002",
        title: "Template too large to send inline",
        description: """
            A template body passed inline (`aws cloudformation deploy` without `--s3-bucket`, \
            `--template-body`) is limited to 51,200 bytes. A larger template must be uploaded \
            to S3 and deployed with `--template-url` (or `--s3-bucket`). This is a warning: \
            through S3 the limit is 1,000,000 bytes (E1002). A nested stack's template is always \
            read from S3, so the rule is silent on one: a template that a parent linted in the \
            same run names in its `TemplateURL`, or that the split manifest beside it lists.
            """,
        passing: ["Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"],
        failing: [
            "Description: big # <-\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n      Blob: \""
                + String(repeating: "x", count: 51_200) + "\"\n"
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let inline = Quota.inlineTemplateBytes.limit
        guard context.bodyBytes > inline, context.bodyBytes <= Quota.templateBytes.limit, !context.isNestedStack else { return }
        findings.append(
            context.finding(
                Self.self,
                "the template is \(context.bodyBytes) bytes, over the \(inline) that --template-body accepts: deploy it through S3 (--s3-bucket / --template-url)",
                at: SectionQuota.fileStart,
                path: []
            )
        )
    }
}
