import CFNModel

/// E1031: `Fn::ToJsonString` needs the language extensions and takes a mapping or a list.
struct ToJsonStringArgument: Rule {
    static var usesSchemaCheck: Bool { true }

    static let info = RuleInfo(
        id: "E1031",
        title: "Fn::ToJsonString without the language extensions, or not of a mapping or list",
        description: """
            `Fn::ToJsonString` (a mapping or list written as JSON text) comes with the \
            `AWS::LanguageExtensions` transform: without `Transform: AWS::LanguageExtensions` \
            CloudFormation does not know it. Its argument is a non-empty mapping or list, or a \
            function that gives one.
            """,
        passing: [
            """
            Transform: AWS::LanguageExtensions
            Resources:
              Parameter:
                Type: AWS::SSM::Parameter
                Properties:
                  Type: String
                  Value: !ToJsonString {retries: 3}
            """
        ],
        failing: [
            """
            Resources:
              Parameter:
                Type: AWS::SSM::Parameter
                Properties:
                  Type: String
                  Value: !ToJsonString {retries: 3} # <-
            """
        ]
    )

    /// Functions that can give the value.
    static let sources: Set<FunctionName> = [.findInMap, .getAtt, .getAZs, .if, .select, .split, .ref]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.schemaFindings(Self.self)
        let template = context.template
        let extensions = template.transforms.contains("AWS::LanguageExtensions")
        context.eachFunction { f, node, path, scope in
            guard f.name == .toJsonString else { return }
            let id = FunctionWalker.reportingId("E1031", scope)
            func report(_ message: String, _ range: SourceRange) {
                findings.append(context.finding(id: id, message, at: range, path: path))
            }
            guard extensions else {
                report("Fn::ToJsonString needs 'Transform: AWS::LanguageExtensions'", FunctionWalker.callRange(f, node))
                return
            }
            switch f.argument.value {
            case .list(let items) where !items.isEmpty: break
            case .map(let m) where !m.isEmpty: break
            case .function(let g) where ToJsonStringArgument.sources.contains(g.name): break
            default:
                report(
                    "Fn::ToJsonString takes a non-empty mapping or list, or a function that gives one",
                    FunctionWalker.callRange(f, node)
                )
            }
        }
    }
}
