import CFNModel

/// E1702: a rule's `RuleCondition` is a rule function (it decides whether the assertions apply).
struct RuleConditionShape: Rule {
    static let info = RuleInfo(
        id: "E1702",
        title: "RuleCondition shape",
        description: """
            A rule's `RuleCondition` decides whether its assertions are checked: it must be a rule \
            function (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Fn::Contains`, ...) or a \
            `Condition`, not a plain value or another intrinsic function.
            """,
        passing: [
            """
            Parameters:
              Env: {Type: String}
            Rules:
              Prod:
                RuleCondition: !Equals [!Ref Env, prod]
                Assertions:
                  - Assert: !Not [!Equals [!Ref Env, ""]]
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
                RuleCondition: prod # <-
                Assertions:
                  - Assert: !Not [!Equals [!Ref Env, ""]]
              Other:
                RuleCondition: !Ref Env # <-
                Assertions:
                  - Assert: !Not [!Equals [!Ref Env, ""]]
            Resources:
              Q: {Type: AWS::SQS::Queue}
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let rules = context.template.root["Rules"]?.mapValue else { return }
        for rule in rules {
            guard let c = rule.value.mapValue?[entry: "RuleCondition"] else { continue }
            if let f = c.value.functionValue, RuleAssertions.ruleFunctions.contains(f.name) { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "RuleCondition of rule '\(rule.key)' must be a rule function such as Fn::Equals",
                    at: c.keyRange,
                    path: ["Rules", rule.key, "RuleCondition"]
                )
            )
        }
    }
}
