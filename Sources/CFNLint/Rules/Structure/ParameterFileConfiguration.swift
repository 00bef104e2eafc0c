import CFNModel

/// E0200: a file given to `--parameter-files` is not a parameter file (reported when the file is
/// read, before any rule runs).
struct ParameterFileConfiguration: Rule {
    static let info = RuleInfo(
        id: "E0200",
        title: "Parameter file is not valid",
        description: """
            A parameter file (`cfntool lint --parameter-files`) is the JSON (or YAML) list the \
            AWS CLI takes: `[{"ParameterKey": "Env", "ParameterValue": "prod"}, ...]`, each item \
            a mapping with both keys (others, such as `UsePreviousValue`, are allowed). Anything \
            else, the `{"Parameters": {...}}` mapping of CodePipeline's template configuration \
            files included (cfn-lint 1.51.0 does not read it either), is reported at line 1, \
            column 1, as cfn-lint reports it, with the place of the problem in the message. A \
            file that is no YAML or JSON at all is an E0000 finding.
            """,
        passing: [
            """
            Parameters:
              Env:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Ref Env
            --- # parameter file params.json
            [{"ParameterKey": "Env", "ParameterValue": "prod", "UsePreviousValue": false}]
            """
        ],
        failing: [
            """
            Parameters:
              Env:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Ref Env
            --- # parameter file params.json
            {"Parameters": {"Env": "prod"}} # <-
            """,
            """
            Parameters:
              Env:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Ref Env
            --- # parameter file params.json
            [ # <-
              {"ParameterKey": "Env"}
            ]
            """,
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {}
}
