import CFNModel

/// E1010: the resource part of `Fn::GetAtt` is a resource of the template.
struct GetAttResourceExists: Rule {
    static let info = RuleInfo(
        id: "E1010",
        title: "GetAtt of a resource that does not exist",
        description: """
            `Fn::GetAtt` reads an attribute of a resource of the same template: its first item must \
            be the logical id of one of the template's resources. (Attribute names depend on the \
            resource type and are checked against the resource schemas elsewhere.)
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
            Outputs:
              RoleArn:
                Value: !GetAtt ExecutionRole.Arn # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        if FunctionWalker.isTransformed(template) { return }
        let resources = Set(template.resources.map(\.logicalId))
        let modules = FunctionWalker.modulePrefixes(template)
        FunctionWalker.functions(template) { f, node, path, scope in
            guard f.name == .getAtt, let first = f.argument.listValue?.first, let name = first.stringValue,
                !resources.contains(name), !FunctionWalker.fromModule(name, modules)
            else { return }
            let message = "Fn::GetAtt reads an attribute of '\(name)', which is not a resource of this template"
            // An item of a `Fn::Join` list is checked as part of the Join, as cfn-lint does.
            if scope.enclosing.last == .join, let join = scope.enclosingRanges.last {
                findings.append(context.finding(JoinArgument.self, message, at: join, path: path))
            } else {
                findings.append(context.finding(GetAttResourceExists.self, message, at: first.range, path: path))
            }
        }
    }
}
