import CFNModel

/// E8003: `Fn::Equals` compares exactly two values, each a scalar or a function giving a string.
struct ConditionEquals: Rule {
    static let info = RuleInfo(
        id: "E8003",
        title: "Fn::Equals arguments",
        description: """
            Fn::Equals takes a list of exactly two values. Each is a string, number or boolean, \
            or Ref, Fn::FindInMap, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::Length or \
            Fn::ToJsonString; a list, a mapping or another function cannot be compared.
            """,
        passing: [
            """
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Condition: IsProd
            """
        ],
        failing: [
            """
            Parameters:
              Env:
                Type: String
            Conditions:
              One: !Equals [prod] # <-
              Listed: !Equals [[!Ref Env], prod] # <-
              Text:
                Fn::Equals: prod # <-
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        ConditionFunctionSite.check(Self.self, root: .equals, context, into: &findings)
    }
}
