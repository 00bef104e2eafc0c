import CFNModel

/// I3010: Resources near the quota.
struct ResourceQuotaApproaching: Rule {
    static let info = RuleInfo(
        id: "I3010",
        title: "Resources near the quota",
        description: """
            The template has more than 90% of the 500 resources CloudFormation allows. Plan the split into nested stacks before the quota stops a deploy: `cfntool split` does it.
            """,
        passing: [SectionQuota.example("Resources", 450, marked: false, { "  T\($0):\n    Type: AWS::SNS::Topic\n" })],
        failing: [SectionQuota.example("Resources", 451, { "  T\($0):\n    Type: AWS::SNS::Topic\n" })]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        SectionQuota.check(
            Self.self,
            section: .resources,
            quota: .resources,
            over: false,
            advice: "plan a split into nested stacks (`cfntool split`)",
            context,
            into: &findings
        )
    }
}
