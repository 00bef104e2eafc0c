import CFNModel

/// I2010: Parameters near the quota.
struct ParameterQuotaApproaching: Rule {
    static let info = RuleInfo(
        id: "I2010",
        title: "Parameters near the quota",
        description: """
            The template has more than 90% of the 200 parameters CloudFormation allows.
            """,
        passing: [SectionQuota.example("Parameters", 180, marked: false, { "  P\($0):\n    Type: String\n" })],
        failing: [SectionQuota.example("Parameters", 181, { "  P\($0):\n    Type: String\n" })]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        SectionQuota.check(Self.self, section: .parameters, quota: .parameters, over: false, context, into: &findings)
    }
}
