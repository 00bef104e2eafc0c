import CFNModel

/// E1028: `Fn::If` takes `[condition name, value if true, value if false]`.
struct IfArgument: Rule {
    static let info = RuleInfo(
        id: "E1028",
        title: "Fn::If is malformed",
        description: """
            `Fn::If` takes a list of three items: the name of a condition of the `Conditions` \
            section, the value when it is true and the value when it is false. Another shape, or a \
            condition name that the template does not define, is rejected.
            """,
        passing: [
            """
            Conditions:
              IsProd: !Equals [!Ref 'AWS::AccountId', '123456789012']
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: !If [IsProd, 0, 5]
            """
        ],
        failing: [
            """
            Conditions:
              IsProd: !Equals [!Ref 'AWS::AccountId', '123456789012']
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: !If [IsProduction, 0, 5] # <-
                  MaximumMessageSize: !If [IsProd, 1024] # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let conditions = Set(context.template.conditions.map(\.name))
        // Inside a Fn::If already reported, nothing more is reported (as cfn-lint stops there).
        var reported: [SourceRange] = []
        context.eachFunction { f, node, path, scope in
            guard f.name == .if else { return }
            if scope.enclosingRanges.contains(where: { r in reported.contains(r) }) { return }
            let before = findings.count
            defer { if findings.count > before { reported.append(FunctionWalker.callRange(f, node)) } }
            guard let items = f.argument.listValue else {
                if case .function(let g) = f.argument.value, g.name != .if { return }
                findings.append(
                    context.finding(
                        IfArgument.self,
                        "Fn::If takes a list: [condition name, value if true, value if false]",
                        at: FunctionWalker.callRange(f, node),
                        path: path
                    )
                )
                return
            }
            guard items.count == 3 else {
                findings.append(
                    context.finding(
                        IfArgument.self,
                        "Fn::If takes three items, a condition name and two values, not \(items.count)",
                        at: FunctionWalker.callRange(f, node),
                        path: path
                    )
                )
                return
            }
            if items[0].isScalar, items[0].stringValue == nil {
                // true, 5, null: cfn-lint has no place for a value that is no string, so it
                // reports at the key around the call.
                findings.append(
                    context.finding(
                        IfArgument.self,
                        "The first item of Fn::If must be a condition name, not \(items[0].scalarText ?? "null")",
                        at: f.form == .long ? f.keyRange : scope.anchor,
                        path: path
                    )
                )
            } else if !items[0].isScalar || items[0].functionValue != nil {
                findings.append(
                    context.finding(IfArgument.self, "The first item of Fn::If must be a condition name", at: items[0].range, path: path)
                )
            } else if let name = items[0].stringValue, !conditions.contains(name) {
                findings.append(
                    context.finding(
                        IfArgument.self,
                        "Fn::If names the condition '\(name)', which the Conditions section does not define",
                        at: items[0].range,
                        path: path
                    )
                )
            }
        }
    }
}
