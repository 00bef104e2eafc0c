import CFNModel

/// E1030: `Fn::Length` needs the language extensions and takes a list.
struct LengthArgument: Rule {
    static var usesSchemaCheck: Bool { true }

    static let info = RuleInfo(
        id: "E1030",
        title: "Fn::Length without the language extensions, or not of a list",
        description: """
            `Fn::Length` (the number of items of a list) comes with the `AWS::LanguageExtensions` \
            transform: without `Transform: AWS::LanguageExtensions` CloudFormation does not know \
            it. Its argument is a list, or a function that gives one (`Ref` to a list parameter, \
            `Fn::Split`, `Fn::FindInMap`, `Fn::If`, `Fn::GetAZs`).
            """,
        passing: [
            """
            Transform: AWS::LanguageExtensions
            Parameters:
              Subnets: {Type: CommaDelimitedList}
            Resources:
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: '1'
                  MaxSize: !Length {Ref: Subnets}
            """
        ],
        failing: [
            """
            Parameters:
              Subnets: {Type: CommaDelimitedList}
            Resources:
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: '1'
                  MaxSize: !Length {Ref: Subnets} # <-
            """
        ]
    )

    /// Functions that can give the list.
    static let sources: Set<FunctionName> = [.ref, .findInMap, .split, .if, .getAZs]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.schemaFindings(Self.self)
        let template = context.template
        let extensions = template.transforms.contains("AWS::LanguageExtensions")
        context.eachFunction { f, node, path, scope in
            guard f.name == .length else { return }
            let id = FunctionWalker.reportingId("E1030", scope)
            func report(_ message: String, _ range: SourceRange) {
                findings.append(context.finding(id: id, message, at: range, path: path))
            }
            guard extensions else {
                // As the index of a Fn::Select, the Select reports it.
                if id != "E1030" { return }
                report("Fn::Length needs 'Transform: AWS::LanguageExtensions'", FunctionWalker.callRange(f, node))
                return
            }
            switch f.argument.value {
            case .list: break
            case .function(let g) where LengthArgument.sources.contains(g.name): break
            default: report("Fn::Length counts the items of a list, or of a function that gives one", FunctionWalker.callRange(f, node))
            }
        }
    }
}
