/// E3678: inline Lambda code (`ZipFile`) without a `Runtime`.
struct ZipFileRuntimeMissing: ConstraintRule {
    static let info = RuleInfo(
        id: "E3678",
        title: "Inline code without a Runtime",
        description: """
            A Lambda function whose `Code` has a `ZipFile` (its source in the template) must say \
            which `Runtime` runs it; CloudFormation rejects it otherwise. Reported on \
            `Properties`. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Hello:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/hello
                  Runtime: python3.13
                  Handler: index.handler
                  Code:
                    ZipFile: "def handler(event, context): return 'hello'"
            """
        ],
        failing: [
            """
            Resources:
              Hello:
                Type: AWS::Lambda::Function
                Properties: # <-
                  Role: arn:aws:iam::123456789012:role/hello
                  Handler: index.handler
                  Code:
                    ZipFile: "def handler(event, context): return 'hello'"
            """
        ]
    )
}
