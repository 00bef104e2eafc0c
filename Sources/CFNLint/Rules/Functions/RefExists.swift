import CFNModel

/// E1020: `Ref` names a parameter, a resource or a pseudo-parameter that exists.
struct RefExists: Rule {
    static var usesSchemaCheck: Bool { true }

    static let info = RuleInfo(
        id: "E1020",
        title: "Ref to something that does not exist",
        description: """
            `Ref` takes the name of a parameter, a resource's logical id or a pseudo-parameter \
            (`AWS::Region`, `AWS::StackName`, ...). A name that is none of these makes \
            CloudFormation reject the template. A SAM template is checked on what the SAM \
            transform makes of it, so the names it generates (`MyFunctionRole`) are known; a \
            template with another `Transform` (a macro) is left alone, since the macro may add \
            the name. A `Ref` to a list parameter (`CommaDelimitedList`, `List<...>`, an SSM \
            parameter of a list) as an argument of a condition's `Fn::Equals` is reported too: \
            `Fn::Equals` compares strings, and the list needs a `Fn::Join` first.
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
            """,
            """
            Parameters:
              Environments:
                Type: CommaDelimitedList
                Default: dev,test
            Conditions:
              NoEnvironments: !Equals
                - !Ref Environments # <-
                - ""
              HasEnvironments: !Not [!Condition NoEnvironments]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: HasEnvironments
            """,
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.schemaFindings(Self.self)
        BrokenReference.report(RefExists.self, context, into: &findings)
        let parameters = context.template.root["Parameters"]?.mapValue ?? Map()
        context.eachFunction { f, node, path, scope in
            guard f.name == .ref, scope.inConditions, path.count >= 2, path[path.count - 2] == FunctionName.equals.rawValue,
                let target = f.refTarget, let type = parameters[target]?["Type"]?.stringValue, Self.isListType(type)
            else { return }
            findings.append(
                context.finding(
                    Self.self,
                    "Fn::Equals compares strings, and '\(target)' is a \(type) parameter; join it into a string first (Fn::Join)",
                    at: node.range,
                    path: path
                )
            )
        }
    }

    /// Whether a parameter of this type is a list.
    static func isListType(_ type: String) -> Bool {
        type == "CommaDelimitedList" || type.hasPrefix("List<") || type.hasPrefix("AWS::SSM::Parameter::Value<List<")
            || type == "AWS::SSM::Parameter::Value<CommaDelimitedList>"
    }
}
