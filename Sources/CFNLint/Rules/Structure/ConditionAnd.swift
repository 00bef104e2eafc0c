import CFNModel

/// E8004: `Fn::And` takes a list of 2 to 10 conditions.
struct ConditionAnd: Rule {
    static let info = RuleInfo(
        id: "E8004",
        title: "Fn::And arguments",
        description: """
            Fn::And takes a list of 2 to 10 conditions, each a Condition reference or a condition \
            function (Fn::Equals, Fn::And, Fn::Or, Fn::Not). A string or a mapping that is not \
            one of those functions is not a condition. A problem in a function nested inside \
            (an Fn::Equals with one value) is reported under this rule, the condition's \
            outermost function, as cfn-lint does.
            """,
        passing: [
            """
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              Both: !And [!Condition IsProd, !Equals [!Ref Env, test]]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Condition: Both
            """
        ],
        failing: [
            """
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              Alone: !And [!Condition IsProd] # <-
              Text: !And [prod] # <-
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        ConditionFunctionSite.check(Self.self, root: .and, context, into: &findings)
    }
}
