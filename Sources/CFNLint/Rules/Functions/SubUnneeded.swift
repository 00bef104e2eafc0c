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
        ]
    )

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
            findings.append(
                context.finding(SubUnneeded.self, "Fn::Sub is not needed: the string has no ${} variable", at: at, path: path)
            )
        }
    }
}
