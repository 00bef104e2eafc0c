import CFNModel

/// I7010: Mappings near the quota.
struct MappingQuotaApproaching: Rule {
    static let info = RuleInfo(
        id: "I7010",
        title: "Mappings near the quota",
        description: """
            The template has more than 90% of the 200 mappings CloudFormation allows.
            """,
        passing: [SectionQuota.example("Mappings", 180, marked: false, { "  M\($0):\n    k:\n      v: x\n" })],
        failing: [SectionQuota.example("Mappings", 181, { "  M\($0):\n    k:\n      v: x\n" })]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        SectionQuota.check(Self.self, section: .mappings, quota: .mappings, over: false, context, into: &findings)
    }
}
