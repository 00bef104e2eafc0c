import CFNModel

/// E1032: `Fn::ForEach` needs the `AWS::LanguageExtensions` transform.
struct ForEachTransform: Rule {
    static let info = RuleInfo(
        id: "E1032",
        title: "Fn::ForEach without the language extensions",
        description: """
            `Fn::ForEach::Name` loops are expanded by the `AWS::LanguageExtensions` transform. \
            Without `Transform: AWS::LanguageExtensions` at the top of the template, \
            CloudFormation does not know the key and rejects the template.
            """,
        passing: [
            """
            Transform: AWS::LanguageExtensions
            Resources:
              Fn::ForEach::Topics:
                - Name
                - [Orders, Invoices]
                - Topic${Name}:
                    Type: AWS::SNS::Topic
            """
        ],
        failing: [
            """
            Resources:
              Fn::ForEach::Topics: # <-
                - Name
                - [Orders, Invoices]
                - Topic${Name}:
                    Type: AWS::SNS::Topic
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        guard !template.transforms.contains("AWS::LanguageExtensions") else { return }
        for section in ["Resources", "Outputs", "Conditions"] {
            var path = [section]
            walk(template.root[section], &path, context, &findings)
        }
    }

    /// The walk below one node; `path` is a stack, pushed and popped around each child.
    private func walk(_ node: Node?, _ path: inout [String], _ context: LintContext, _ findings: inout [Finding]) {
        guard let node else { return }
        switch node.value {
        case .map(let m):
            for e in m.entries {
                path.append(e.key)
                if e.key.hasPrefix("Fn::ForEach::") {
                    findings.append(
                        context.finding(
                            ForEachTransform.self,
                            "\(e.key) needs 'Transform: AWS::LanguageExtensions' at the top of the template",
                            at: e.keyRange,
                            path: path
                        )
                    )
                }
                walk(e.value, &path, context, &findings)
                path.removeLast()
            }
        case .list(let items):
            for (i, item) in items.enumerated() {
                path.append(String(i))
                walk(item, &path, context, &findings)
                path.removeLast()
            }
        case .function(let f):
            path.append(f.name.rawValue)
            walk(f.argument, &path, context, &findings)
            path.removeLast()
        default:
            break
        }
    }
}
