import CFNModel

/// I6010: Outputs near the quota.
struct OutputQuotaApproaching: Rule {
    static let info = RuleInfo(
        id: "I6010",
        title: "Outputs near the quota",
        description: """
            The template has more than 90% of the 200 outputs CloudFormation allows.
            """,
        passing: [SectionQuota.example("Outputs", 180, marked: false, { "  O\($0):\n    Value: x\n" })],
        failing: [SectionQuota.example("Outputs", 181, { "  O\($0):\n    Value: x\n" })]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        SectionQuota.check(Self.self, section: .outputs, quota: .outputs, over: false, context, into: &findings)
    }
}
