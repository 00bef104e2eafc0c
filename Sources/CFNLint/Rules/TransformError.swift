import CFNModel

/// E0001: the SAM transform refuses the template (reported by the linter itself, which lints
/// what the transform makes).
struct TransformError: Rule {
    static let info = RuleInfo(
        id: "E0001",
        title: "Template cannot be transformed",
        description: """
            A template that declares `Transform: AWS::Serverless-2016-10-31` is linted as \
            CloudFormation sees it: after the SAM transform. When the transform refuses the \
            template (a missing required property, an invalid event, a property of the wrong \
            type), each of its errors is one E0001 finding and no other rule runs on the file, \
            as in cfn-lint. The finding is at line 1, column 1 in every format, as cfn-lint \
            reports it; its message names the SAM resource (and event) at fault and its line, \
            where the text output puts it. \
            Local `CodeUri`, `ContentUri` and `DefinitionUri` paths are fine: they are linted as \
            the S3 locations `aws cloudformation package` makes of them.
            """,
        passing: [
            """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: ./src
                  Handler: app.handler
                  Runtime: python3.13
            """
        ],
        failing: [
            """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: ./src
                  Handler: app.handler
                  Runtime: python3.13
                  Events:
                    Every:
                      Type: Schedule
                      Properties:
                        Schedule: rate(1 hour)
                        State: ENABLED # <-
                        Enabled: true
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {}
}
