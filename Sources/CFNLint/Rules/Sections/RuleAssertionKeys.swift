import CFNModel

/// W1703: an assertion holds a key other than `Assert` and `AssertDescription` (a typo such as
/// `AssetDescription` silently loses the description CloudFormation would show).
struct RuleAssertionKeys: Rule {
    static let info = RuleInfo(
        id: "W1703",
        title: "Unknown key in a rule assertion",
        description: """
            An assertion of the Rules section has only `Assert` and `AssertDescription`. Another \
            key is most likely a typo: CloudFormation ignores it, and the message a user would \
            see when the assertion fails is lost. cfn-lint does not check this.
            """,
        passing: [
            """
            Parameters:
              Env: {Type: String}
            Rules:
              Prod:
                Assertions:
                  - Assert: !Not [!Equals [!Ref Env, ""]]
                    AssertDescription: Env must be set
            Resources:
              Q: {Type: AWS::SQS::Queue}
            """
        ],
        failing: [
            """
            Parameters:
              Env: {Type: String}
            Rules:
              Prod:
                Assertions:
                  - Assert: !Not [!Equals [!Ref Env, ""]]
                    AssetDescription: Env must be set # <-
            Resources:
              Q: {Type: AWS::SQS::Queue}
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let rules = context.template.root["Rules"]?.mapValue else { return }
        for rule in rules {
            for (i, item) in (rule.value["Assertions"]?.listValue ?? []).enumerated() {
                for e in item.mapValue?.entries ?? [] where e.key != "Assert" && e.key != "AssertDescription" {
                    let hint = e.key.lowercased().contains("desc") ? " (AssertDescription?)" : ""
                    findings.append(
                        context.finding(
                            Self.self,
                            "an assertion has only Assert and AssertDescription, not '\(e.key)'\(hint)",
                            at: e.keyRange,
                            path: ["Rules", rule.key, "Assertions", String(i), e.key]
                        )
                    )
                }
            }
        }
    }
}
