import CFNModel

/// E3038: a SAM resource type in a template without the SAM transform.
struct ServerlessTransformMissing: Rule {
    static let info = RuleInfo(
        id: "E3038",
        title: "Serverless type without the SAM transform",
        description: """
            `AWS::Serverless::*` types exist only through the SAM transform: without \
            `Transform: AWS::Serverless-2016-10-31` CloudFormation rejects them.
            """,
        passing: [
            """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Function:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: index.handler
                  Runtime: python3.12
                  CodeUri: s3://bucket/code.zip
            """
        ],
        failing: [
            """
            Resources:
              Function:
                Type: AWS::Serverless::Function # <-
                Properties:
                  Handler: index.handler
                  Runtime: python3.12
                  CodeUri: s3://bucket/code.zip
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard !context.template.hasServerlessTransform else { return }
        for r in context.template.root["Resources"]?.mapValue ?? Map() where r.isLogicalId {
            guard let type = r.value[entry: "Type"], let name = type.value.stringValue, name.hasPrefix("AWS::Serverless::") else {
                continue
            }
            findings.append(
                context.finding(
                    Self.self,
                    "'\(name)' needs the SAM transform: add `Transform: AWS::Serverless-2016-10-31`",
                    at: type.keyRange
                )
            )
        }
    }
}
