import CFNModel

/// E2531: lambda runtime no longer accepts new functions.
struct RuntimeCreateBlocked: Rule {
    static let info = RuleInfo(
        id: "E2531",
        title: "Lambda runtime no longer accepts new functions",
        description: """
            New functions can no longer be created on the function's runtime (existing ones can still be \
            updated for a while), so deploying the template to a new stack fails. The dates are compared with the run's `--as-of` day, so a result does not \
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
            # as-of: 2026-06-15
            Resources:
              Function:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: nodejs20.x # <-
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/run
                  Code: {ZipFile: "def handler(e, c): pass"}
            """
        ],
        fixes: [
            FixExample(
                before: """
                    # as-of: 2026-06-15
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
                    # as-of: 2026-06-15
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
        RuntimeLifecycle.report(RuntimeCreateBlocked.self, at: .createBlocked, context, into: &findings)
    }
}
