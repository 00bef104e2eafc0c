import CFNModel

/// E3010: a template declares at most 500 resources.
struct ResourceQuota: Rule {
    static let info = RuleInfo(
        id: "E3010",
        title: "Too many resources",
        description: """
            CloudFormation refuses a template with more than 500 resources. Move groups of \
            resources into nested stacks (`cfntool split` does it for you). Resources a transform \
            adds (SAM) are not counted here.
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """
        ],
        failing: [
            "Resources: # <-\n"
                + (1...501).map { "  Topic\($0):\n    Type: AWS::SNS::Topic\n" }.joined()
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let section = context.template.root[entry: "Resources"], let resources = section.value.mapValue else { return }
        let limit = Quota.resources.limit
        guard resources.count > limit else { return }
        findings.append(
            context.finding(
                Self.self,
                "\(resources.count) resources, over CloudFormation's quota of \(limit): split the template into nested stacks (`cfntool split`)",
                at: section.keyRange,
                path: ["Resources"]
            )
        )
    }
}
