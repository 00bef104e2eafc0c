import CFNModel

/// E1010: the resource part of `Fn::GetAtt` is a resource of the template.
struct GetAttResourceExists: Rule {
    static let info = RuleInfo(
        id: "E1010",
        title: "GetAtt of a resource that does not exist",
        description: """
            `Fn::GetAtt` reads an attribute of a resource of the same template: its first item must \
            be the logical id of one of the template's resources. (Attribute names depend on the \
            resource type and are checked against the resource schemas elsewhere; under an \
            output's `Value` the same problem is E6101.)
            """,
        passing: [
            """
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {}
            Outputs:
              RoleArn:
                Value: !GetAtt Role.Arn
            """
        ],
        failing: [
            """
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {}
              Function:
                Type: AWS::Lambda::Function
                Properties:
                  Role: !GetAtt ExecutionRole.Arn # <-
                  Code: {ZipFile: "def handler(e, c): pass"}
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.schemaFindings(Self.self)
        BrokenReference.report(GetAttResourceExists.self, context, into: &findings)
    }
}
