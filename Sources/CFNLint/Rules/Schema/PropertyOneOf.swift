/// E3018: a value that fits none, or more than one, of the forms its schema allows.
struct PropertyOneOf: SchemaRule {
    static let info = RuleInfo(
        id: "E3018",
        title: "Value must fit exactly one of the allowed forms",
        description: """
            The schema lists several forms for a value (`oneOf`) and the value must fit exactly one. \
            A launch template, for example, is named either by `LaunchTemplateId` or by \
            `LaunchTemplateName`, always with a `Version`: both names, or no `Version`, is an error. \
            Reported on the key of the value.
            """,
        passing: [
            """
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  LaunchTemplate:
                    LaunchTemplateId: lt-0abcd1234ef567890
                    Version: "3"
            """
        ],
        failing: [
            """
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  LaunchTemplate: # <-
                    LaunchTemplateId: lt-0abcd1234ef567890
                    LaunchTemplateName: web-servers
                    Version: "3"
              Worker:
                Type: AWS::EC2::Instance
                Properties:
                  LaunchTemplate: # <-
                    LaunchTemplateName: workers
            """
        ]
    )
}
