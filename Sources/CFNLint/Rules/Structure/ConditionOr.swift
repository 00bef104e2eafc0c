import CFNModel

/// E8006: `Fn::Or` takes a list of 2 to 10 conditions.
struct ConditionOr: Rule {
    static let info = RuleInfo(
        id: "E8006",
        title: "Fn::Or arguments",
        description: """
            Fn::Or takes a list of 2 to 10 conditions, each a Condition reference or a condition \
            function (Fn::Equals, Fn::And, Fn::Or, Fn::Not). A string or a mapping that is not \
            one of those functions is not a condition.
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
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        ConditionFunctionSite.checkLogical(Self.self, .or, min: 2, max: 10, context, into: &findings)
    }
}
