import CFNModel

/// W1020: a `Fn::Sub` whose string has no `${}` variable.
struct SubUnneeded: Rule {
    static let info = RuleInfo(
        id: "W1020",
        title: "Fn::Sub without variables",
        description: """
            `Fn::Sub` only replaces `${Name}` variables; a string without any (`${!Literal}` is \
            literal text, not a variable) comes out unchanged, so the Sub can go. Templates with \
            a transform are left alone.
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub 'logs-${AWS::AccountId}'
            """
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub 'logs' # <-
            """
        ],
        fixes: [
            FixExample(
                before: """
                    Resources:
                      Bucket:
                        Type: AWS::S3::Bucket
                        Properties:
                          BucketName: !Sub 'logs'
                          Tags:
                            - Key: team
                              Value:
                                Fn::Sub: data # owned by data
                    """,
                after: """
                    Resources:
                      Bucket:
                        Type: AWS::S3::Bucket
                        Properties:
                          BucketName: 'logs'
                          Tags:
                            - Key: team
                              Value:
                                data # owned by data
                    """,
                safety: .safe
            ),
            FixExample(
                before: """
                    {"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Sub": ["logs", {}]}}}}}
                    """,
                after: """
                    {"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "logs"}}}}
                    """,
                safety: .safe
            ),
        ]
    )

    /// The string in place of the Sub. Safe: the Sub gives exactly that string. A `${!Name}`
    /// (the literal `${Name}`) keeps its Sub, and so does one whose variables map calls a
    /// function (taking it out would take out a dependency).
    static func fix(_ f: Intrinsic, _ node: Node, _ string: Node, _ text: String, _ context: LintContext) -> Fix? {
        guard !text.contains("${!") else { return nil }
        if let items = f.argument.listValue {
            guard items.count <= 2 else { return nil }
            if items.count == 2 {
                guard let vars = items[1].mapValue, vars.entries.allSatisfy({ $0.value.isScalar }) else { return nil }
            }
        }
        return context.fix("write the string without Fn::Sub", .safe) { $0.unwrap(node, to: string) }
    }

    func check(_ context: LintContext, into findings: inout [Finding]) {
        // A transform (SAM, the language extensions) may resolve or rewrite the Sub first.
        guard !FunctionWalker.isTransformed(context.written) else { return }
        context.eachFunction { f, node, path, scope in
            guard f.name == .sub else { return }
            let string: Node
            let at: SourceRange
            if let items = f.argument.listValue {
                guard let first = items.first else { return }
                string = first
                at = FunctionWalker.argumentRange(f, scope)
            } else {
                string = f.argument
                at = FunctionWalker.argumentRange(f, scope)
            }
            guard let text = string.stringValue, SubTemplate(text).variables.isEmpty else { return }
            var finding = context.finding(SubUnneeded.self, "Fn::Sub is not needed: the string has no ${} variable", at: at, path: path)
            finding.fix = Self.fix(f, node, string, text, context)
            findings.append(finding)
        }
    }
}
