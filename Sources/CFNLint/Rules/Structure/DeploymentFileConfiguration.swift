import CFNModel

/// E0100: a file given to `--deployment-files` is not a deployment file (reported when the file
/// is read, before any rule runs).
struct DeploymentFileConfiguration: Rule {
    static let info = RuleInfo(
        id: "E0100",
        title: "Deployment file is not valid",
        description: """
            A deployment file (`cfntool lint --deployment-files`) is the YAML or JSON file of \
            CloudFormation's git sync: a mapping with `template-file-path` (text, the template, \
            read from the working folder), and optionally `parameters` (names to a text, a \
            number, a boolean or a list) and `tags` (names to texts); no other key. A file that \
            is not is reported at line 1, column 1, as cfn-lint reports it, with the place of \
            the problem in the message, and its template is not linted; so is a \
            `template-file-path` that names no readable file (at its value). A file that is no \
            YAML or JSON at all is an E0000 finding.
            """,
        passing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            --- # deployment file deploy.yaml
            template-file-path: example.yaml
            parameters: {}
            tags:
              team: platform
            """
        ],
        failing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            --- # deployment file deploy.yaml
            template: example.yaml # <-
            """,
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            --- # deployment file deploy.yaml
            template-file-path: example.yaml # <-
            parameters:
              Size: {Min: 1}
            """,
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {}
}
