import CFNModel

/// E8006: `Fn::Or` takes a list of 2 to 10 conditions.
struct ConditionOr: Rule {
    static let info = RuleInfo(
        id: "E8006",
        title: "Fn::Or arguments",
        description: """
            Fn::Or takes a list of 2 to 10 conditions, each a Condition reference or a condition \
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
              Both: !Or [!Condition IsProd, !Equals [!Ref Env, test]]
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
              Alone: !Or [!Condition IsProd] # <-
              Text: !Or [prod] # <-
              Nested: !Or [!Condition IsProd, !Equals [prod]] # <-
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        ConditionFunctionSite.check(Self.self, root: .or, context, into: &findings)
    }
}
