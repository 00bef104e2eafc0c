/// E3677: inline Lambda code (`ZipFile`) with a runtime other than Node.js or Python.
struct ZipFileRuntime: ConstraintRule {
    static let info = RuleInfo(
        id: "E3677",
        title: "Inline code with a runtime other than Node.js or Python",
        description: """
            `Code.ZipFile` puts a Lambda function's source in the template, and CloudFormation \
            can package it only for the interpreted runtimes: `Runtime` must be a `nodejs...` or \
            a `python...` one. A Java, .NET, Ruby or custom runtime with `ZipFile` fails to \
            deploy. A runtime given by a function is not judged. Reported on `Runtime`. One of \
            the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Hello:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/hello
                  Runtime: nodejs22.x
                  Handler: index.handler
                  Code:
                    ZipFile: "exports.handler = async () => 'hello';"
            """
        ],
        failing: [
            """
            Resources:
              Hello:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/hello
                  Runtime: java21 # <-
                  Handler: example.Hello::handleRequest
                  Code:
                    ZipFile: "class Hello {}"
            """
        ]
    )
}
