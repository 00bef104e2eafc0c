import CFNModel

/// E7010: Too many mappings.
struct MappingQuota: Rule {
    static let info = RuleInfo(
        id: "E7010",
        title: "Too many mappings",
        description: """
            CloudFormation refuses a template with more than 200 mappings. Merge mappings (a second-level key can tell them apart) or split the template.
            """,
        passing: [SectionQuota.example("Mappings", 200, marked: false, { "  M\($0):\n    k:\n      v: x\n" })],
        failing: [SectionQuota.example("Mappings", 201, { "  M\($0):\n    k:\n      v: x\n" })]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        SectionQuota.check(Self.self, section: .mappings, quota: .mappings, over: true, context, into: &findings)
    }
}
