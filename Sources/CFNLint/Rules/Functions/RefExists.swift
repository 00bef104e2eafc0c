import CFNModel

/// E1020: `Ref` names a parameter, a resource or a pseudo-parameter that exists.
struct RefExists: Rule {
    static let info = RuleInfo(
        id: "E1020",
        title: "Ref to something that does not exist",
        description: """
            `Ref` takes the name of a parameter, a resource's logical id or a pseudo-parameter \
            (`AWS::Region`, `AWS::StackName`, ...). A name that is none of these makes \
            CloudFormation reject the template. Templates with a `Transform` are left alone, since \
            the transform may add the name.
            """,
        passing: [
            """
            Parameters:
              Size: {Type: Number}
            Resources:
              Volume:
                Type: AWS::EC2::Volume
                Properties:
                  Size: !Ref Size
                  AvailabilityZone: !Select [0, !GetAZs !Ref AWS::Region]
            """
        ],
        failing: [
            """
            Resources:
              Volume:
                Type: AWS::EC2::Volume
                Properties:
                  Size: !Ref VolumeSize # <-
                  AvailabilityZone: us-east-1a
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        if FunctionWalker.isTransformed(template) { return }
        let targets = FunctionWalker.refTargets(template)
        let modules = FunctionWalker.modulePrefixes(template)
        FunctionWalker.functions(template) { f, node, path, _ in
            guard f.name == .ref, let name = f.argument.stringValue, !targets.contains(name),
                !FunctionWalker.fromModule(name, modules)
            else { return }
            findings.append(
                context.finding(
                    RefExists.self,
                    "Ref to '\(name)', which is neither a parameter, a resource nor a pseudo-parameter",
                    at: f.argument.range,
                    path: path
                )
            )
        }
    }
}
