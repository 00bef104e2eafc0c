import CFNModel

/// E2533: lambda runtime no longer accepts updates.
struct RuntimeUpdateBlocked: Rule {
    static let info = RuleInfo(
        id: "E2533",
        title: "Lambda runtime no longer accepts updates",
        description: """
            Functions on the runtime can neither be created nor updated any more, so deploying the \
            template fails. The dates are compared with the run's `--as-of` day, so a result does not \
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
                  Runtime: nodejs6.10 # <-
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/run
                  Code: {ZipFile: "def handler(e, c): pass"}
            """
        ],
        fixes: [
            FixExample(
                before: """
                    # as-of: 2026-11-25
                    Resources:
                      Function:
                        Type: AWS::Lambda::Function
                        Properties:
                          Runtime: "nodejs6.10" # pinned
                          Handler: index.handler
                          Role: arn:aws:iam::123456789012:role/run
                          Code: {ZipFile: "exports.handler = async () => 1"}
                    """,
                after: """
                    # as-of: 2026-11-25
                    Resources:
                      Function:
                        Type: AWS::Lambda::Function
                        Properties:
                          Runtime: "nodejs24.x" # pinned
                          Handler: index.handler
                          Role: arn:aws:iam::123456789012:role/run
                          Code: {ZipFile: "exports.handler = async () => 1"}
                    """,
                safety: .unsafe
            )
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        RuntimeLifecycle.report(RuntimeUpdateBlocked.self, at: .updateBlocked, context, into: &findings)
    }
}
