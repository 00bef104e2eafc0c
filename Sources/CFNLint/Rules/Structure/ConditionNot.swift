import CFNModel

/// E8005: `Fn::Not` takes a list of exactly one condition.
struct ConditionNot: Rule {
    static let info = RuleInfo(
        id: "E8005",
        title: "Fn::Not arguments",
        description: """
            Fn::Not takes a list of exactly one condition, each a Condition reference or a condition \
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
              IsNotProd: !Not [!Condition IsProd]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Condition: IsNotProd
            """
        ],
        failing: [
            """
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              Twice: !Not [!Condition IsProd, !Condition IsProd] # <-
              Text: !Not [prod] # <-
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        ConditionFunctionSite.check(Self.self, root: .not, context, into: &findings)
    }
}
