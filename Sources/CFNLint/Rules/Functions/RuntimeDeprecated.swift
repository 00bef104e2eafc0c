import CFNModel

/// W2531: lambda runtime past its end of support.
struct RuntimeDeprecated: Rule {
    static let info = RuleInfo(
        id: "W2531",
        title: "Lambda runtime past its end of support",
        description: """
            The function's runtime no longer gets security patches, although functions can still be created \
            and updated on it for now. The dates are compared with the run's `--as-of` day, so a result does not \
            change with the calendar.
            """,
        passing: [
            """
            Resources:
              Function:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.13
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/run
                  Code: {ZipFile: "def handler(e, c): pass"}
            """
        ],
        failing: [
            """
            Resources:
              Function:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: dotnet8 # <-
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/run
                  Code: {ZipFile: "def handler(e, c): pass"}
            """
        ],
        fixes: [
            FixExample(
                before: """
                    # as-of: 2026-05-15
                    Resources:
                      Function:
                        Type: AWS::Lambda::Function
                        Properties:
                          Runtime: nodejs20.x # pinned
                          Handler: index.handler
                          Role: arn:aws:iam::123456789012:role/run
                          Code: {ZipFile: "exports.handler = async () => 1"}
                    """,
                after: """
                    # as-of: 2026-05-15
                    Resources:
                      Function:
                        Type: AWS::Lambda::Function
                        Properties:
                          Runtime: nodejs24.x # pinned
                          Handler: index.handler
                          Role: arn:aws:iam::123456789012:role/run
                          Code: {ZipFile: "exports.handler = async () => 1"}
                    """,
                safety: .unsafe
            )
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        RuntimeLifecycle.report(RuntimeDeprecated.self, at: .deprecated, context, into: &findings)
    }
}
