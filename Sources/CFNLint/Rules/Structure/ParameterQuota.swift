import CFNModel

/// E2010: Too many parameters.
struct ParameterQuota: Rule {
    static let info = RuleInfo(
        id: "E2010",
        title: "Too many parameters",
        description: """
            CloudFormation refuses a template with more than 200 parameters. Group settings into fewer parameters (a CommaDelimitedList, an SSM parameter holding JSON) or split the template.
            """,
        passing: [SectionQuota.example("Parameters", 200, marked: false, { "  P\($0):\n    Type: String\n" })],
        failing: [SectionQuota.example("Parameters", 201, { "  P\($0):\n    Type: String\n" })]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        SectionQuota.check(Self.self, section: .parameters, quota: .parameters, over: true, context, into: &findings)
    }
}
