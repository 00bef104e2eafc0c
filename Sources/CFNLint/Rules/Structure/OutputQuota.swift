import CFNModel

/// E6010: Too many outputs.
struct OutputQuota: Rule {
    static let info = RuleInfo(
        id: "E6010",
        title: "Too many outputs",
        description: """
            CloudFormation refuses a template with more than 200 outputs. Move some into a nested stack or an SSM parameter.
            """,
        passing: [SectionQuota.example("Outputs", 200, marked: false, { "  O\($0):\n    Value: x\n" })],
        failing: [SectionQuota.example("Outputs", 201, { "  O\($0):\n    Value: x\n" })]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        SectionQuota.check(Self.self, section: .outputs, quota: .outputs, over: true, context, into: &findings)
    }
}
