import CFNModel

/// E1701: each assertion of a rule is a mapping with `Assert` (a rule function) and an optional
/// string `AssertDescription`.
struct RuleAssertions: Rule {
    static let info = RuleInfo(
        id: "E1701",
        title: "Rule assertions shape",
        description: """
            Each item of a rule's `Assertions` is a mapping with `Assert`, a condition built from \
            the rule functions (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Fn::Contains`, \
            `Fn::EachMemberEquals`, `Fn::EachMemberIn`, `Fn::RefAll`, `Fn::ValueOf`, \
            `Fn::ValueOfAll`) or a `Condition`, and optionally `AssertDescription`, a string.
            """,
        passing: [
            """
            Parameters:
              Size: {Type: String}
            Rules:
              Small:
                Assertions:
                  - Assert: !Contains [[t3.micro, t3.small], !Ref Size]
                    AssertDescription: only small instances
            Resources:
              Q: {Type: AWS::SQS::Queue}
            """
        ],
        failing: [
            """
            Rules:
              Bad:
                Assertions:
                  - AssertDescription: no assert # <-
                  - Assert: yes # <-
                  - Assert: !Equals [a, a]
                    AssertDescription: [not, a, string] # <-
                  - Assert: !Equals [a, a]
                    AssetDescription: a typo is W1703, not this rule
            Resources:
              Q: {Type: AWS::SQS::Queue}
            """
        ]
    )

    static let ruleFunctions: Set<FunctionName> = [
        .equals, .not, .and, .or, .condition, "Fn::Contains", "Fn::EachMemberEquals", "Fn::EachMemberIn", "Fn::RefAll", "Fn::ValueOf",
        "Fn::ValueOfAll",
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let rules = context.template.root["Rules"]?.mapValue else { return }
        for rule in rules {
            guard let items = rule.value["Assertions"]?.listValue else { continue }
            for (i, item) in items.enumerated() {
                let path = ["Rules", rule.key, "Assertions", String(i)]
                guard let m = item.mapValue else {
                    findings.append(context.finding(Self.self, "an assertion must be a mapping with Assert", at: item.range, path: path))
                    continue
                }
                if let a = m[entry: "Assert"] {
                    if let f = a.value.functionValue {
                        if !Self.ruleFunctions.contains(f.name) {
                            findings.append(
                                context.finding(
                                    Self.self,
                                    "\(f.name) cannot be an Assert; use a rule function such as Fn::Equals or Fn::Contains",
                                    at: a.keyRange,
                                    path: path + ["Assert"]
                                )
                            )
                        }
                    } else {
                        findings.append(
                            context.finding(
                                Self.self,
                                "Assert must be a rule function (Fn::Equals, Fn::Contains, ...)",
                                at: a.keyRange,
                                path: path + ["Assert"]
                            )
                        )
                    }
                } else {
                    findings.append(
                        context.finding(Self.self, "an assertion needs Assert", at: m.entries.first?.keyRange ?? item.range, path: path)
                    )
                }
                if let d = m[entry: "AssertDescription"], d.value.stringValue == nil {
                    findings.append(
                        context.finding(Self.self, "AssertDescription must be a string", at: d.keyRange, path: path + ["AssertDescription"])
                    )
                }
            }
        }
    }
}
