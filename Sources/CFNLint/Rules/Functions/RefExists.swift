import CFNModel

/// E1020: `Ref` names a parameter, a resource or a pseudo-parameter that exists.
struct RefExists: Rule {
    static let info = RuleInfo(
        id: "E1020",
        title: "Ref to something that does not exist",
        description: """
            `Ref` takes the name of a parameter, a resource's logical id or a pseudo-parameter \
            (`AWS::Region`, `AWS::StackName`, ...). A name that is none of these makes \
            CloudFormation reject the template. A SAM template is checked on what the SAM \
            transform makes of it, so the names it generates (`MyFunctionRole`) are known; a \
            template with another `Transform` (a macro) is left alone, since the macro may add \
            the name.
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
        findings += context.schemaFindings(Self.self)
        BrokenReference.report(RefExists.self, context, into: &findings)
    }
}
