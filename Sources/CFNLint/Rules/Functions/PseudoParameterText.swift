import CFNModel
import CFNSchema

/// W1054: a pseudo-parameter's name written as plain text, where a `Ref` to it was meant.
struct PseudoParameterText: Rule {
    static let info = RuleInfo(
        id: "W1054",
        title: "Pseudo-parameter name as plain text",
        description: """
            A value that is exactly a pseudo-parameter's name (`AWS::Region`, `AWS::NoValue`, \
            `AWS::AccountId`, ...) is that text, not the value: `QueueName: AWS::Region` names \
            the queue `AWS::Region`, and `!If [C, AWS::NoValue, x]` sets the text instead of \
            leaving the property out. Write `!Ref AWS::Region`. Every value of the template is \
            looked at (keys are not), except a `Ref`'s own argument and the properties of a resource \
            type without a schema.
            """,
        passing: [
            """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub "${AWS::StackName}-jobs"
                  Tags:
                    - Key: region
                      Value: !Ref AWS::Region
            """
        ],
        failing: [
            """
            Conditions:
              IsProd: !Equals [!Ref AWS::AccountId, "123456789012"]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: AWS::StackName # <-
                  DelaySeconds: !If [IsProd, 0, AWS::NoValue] # <-
            """
        ]
    )

    static let names = Set(DependencyGraph.pseudoParameters)

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let store = SchemaStore.bundled
        for e in context.template.root.entries {
            guard e.key == "Resources", let resources = e.value.mapValue else {
                var path = [e.key]
                walk(e.value, at: e.keyRange, anchor: e.keyRange, &path, context, &findings)
                continue
            }
            for r in resources.entries {
                let type = r.value["Type"]?.stringValue ?? ""
                // The properties of a type without a schema (unknown, a SAM type left
                // untransformed) are not read, as cfn-lint reads none.
                let readsProperties =
                    FunctionWalker.hasSchema(type) && !type.hasSuffix("::MODULE")
                    && (!type.hasPrefix("AWS::") || store?.knows(type) ?? true)
                for a in r.value.mapValue?.entries ?? [] where a.key != "Properties" || readsProperties {
                    var path = ["Resources", r.key, a.key]
                    walk(a.value, at: a.keyRange, anchor: a.keyRange, &path, context, &findings)
                }
            }
        }
    }

    /// `at`: where a problem with this value is placed (its key, or itself in a list);
    /// `anchor`: the nearest key written above, for a short-form function's argument; `path`
    /// the keys down to the node, one stack for the whole walk.
    private func walk(
        _ node: Node,
        at: SourceRange,
        anchor: SourceRange,
        _ path: inout [String],
        _ context: LintContext,
        _ findings: inout [Finding]
    ) {
        switch node.value {
        case .string(let s):
            // Every name starts `AWS::`: most strings are passed over before they are hashed.
            guard s.utf8.first == UInt8(ascii: "A"), s.hasPrefix("AWS::"), Self.names.contains(s) else { return }
            findings.append(
                context.finding(
                    Self.self,
                    "'\(s)' is the text of a pseudo-parameter's name: write !Ref \(s) for its value",
                    at: at,
                    path: path
                )
            )
        case .list(let items):
            for (i, item) in items.enumerated() {
                path.append(String(i))
                walk(item, at: item.range, anchor: anchor, &path, context, &findings)
                path.removeLast()
            }
        case .map(let m):
            // A mapping that only looks like a Ref (another key beside it) still holds a Ref's name.
            for e in m.entries where e.key != "Ref" {
                path.append(e.key)
                walk(e.value, at: e.keyRange, anchor: e.keyRange, &path, context, &findings)
                path.removeLast()
            }
        case .function(let f):
            guard f.name != .ref else { return }
            let key = f.form == .long && f.keyRange.start.line > 0 ? f.keyRange : anchor
            path.append(f.name.rawValue)
            walk(f.argument, at: key, anchor: key, &path, context, &findings)
            path.removeLast()
        default:
            break
        }
    }
}
