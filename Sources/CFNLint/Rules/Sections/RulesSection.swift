import CFNModel

/// E1700: the `Rules` section is a mapping of rules, each a mapping of `RuleCondition` and
/// `Assertions` only, with `Assertions` a list.
struct RulesSection: Rule {
    static let info = RuleInfo(
        id: "E1700",
        title: "Rules section shape",
        description: """
            Rules validate parameter values before a stack is created or updated. The section is \
            a mapping of rule names to rules; a rule has `Assertions` (a list, required) and an \
            optional `RuleCondition`, nothing else.
            """,
        passing: [
            """
            Parameters:
              Env: {Type: String}
            Rules:
              ProdOnly:
                RuleCondition: !Equals [!Ref Env, prod]
                Assertions:
                  - Assert: !Equals [!Ref Env, prod]
            Resources:
              Q: {Type: AWS::SQS::Queue}
            """
        ],
        failing: [
            """
            Rules:
              NoAssertions:
                RuleCondition: !Equals [a, a] # <-
              Extra:
                Assertions: []
                Severity: high # <-
              NotAList:
                Assertions: {Assert: !Equals [a, a]} # <-
            Resources:
              Q: {Type: AWS::SQS::Queue}
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let section = context.template.root[entry: "Rules"] else { return }
        guard let rules = section.value.mapValue else {
            findings.append(
                context.finding(Self.self, "Rules must be a mapping of rule names to rules", at: section.keyRange, path: ["Rules"])
            )
            return
        }
        for rule in rules {
            guard let attrs = rule.value.mapValue else {
                findings.append(
                    context.finding(
                        Self.self,
                        "rule '\(rule.key)' must be a mapping with Assertions",
                        at: rule.keyRange,
                        path: ["Rules", rule.key]
                    )
                )
                continue
            }
            for e in attrs where e.key != "RuleCondition" && e.key != "Assertions" {
                findings.append(
                    context.finding(
                        Self.self,
                        "rule '\(rule.key)' has '\(e.key)'; a rule has only RuleCondition and Assertions",
                        at: e.keyRange,
                        path: ["Rules", rule.key, e.key]
                    )
                )
            }
            if let a = attrs[entry: "Assertions"] {
                if a.value.listValue == nil {
                    findings.append(
                        context.finding(
                            Self.self,
                            "Assertions of rule '\(rule.key)' must be a list",
                            at: a.keyRange,
                            path: ["Rules", rule.key, "Assertions"]
                        )
                    )
                }
            } else {
                let at = attrs.entries.first?.keyRange ?? rule.keyRange
                findings.append(context.finding(Self.self, "rule '\(rule.key)' needs Assertions", at: at, path: ["Rules", rule.key]))
            }
        }
    }
}
