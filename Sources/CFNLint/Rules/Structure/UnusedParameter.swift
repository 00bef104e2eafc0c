import CFNModel

/// W2001: every parameter is used by a `Ref` or a `Fn::Sub` variable somewhere in the template.
struct UnusedParameter: Rule {
    static let info = RuleInfo(
        id: "W2001",
        title: "Unused parameter",
        description: """
            A parameter that no Ref and no Fn::Sub variable uses (anywhere: resources, outputs, \
            conditions, Rules, Metadata) asks the person deploying for a value that changes \
            nothing. Templates with a Transform are skipped: a macro or SAM may use parameters \
            in what it generates.
            """,
        passing: [
            """
            Parameters:
              Env:
                Type: String
              Name:
                Type: String
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${Env}-${Name}"
            """
        ],
        failing: [
            """
            Parameters:
              Env: # <-
                Type: String
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        guard !context.written.hasTransform, let parameters = template.root["Parameters"]?.mapValue, !parameters.isEmpty else { return }
        var used = Set<String>()
        for r in template.rootNode.references where r.kind == .ref || r.kind == .sub {
            used.insert(r.target)
        }
        for p in parameters where !used.contains(p.key) {
            findings.append(
                context.finding(
                    Self.self,
                    "parameter '\(p.key)' is not used: no Ref or Fn::Sub refers to it",
                    at: p.keyRange,
                    path: ["Parameters", p.key]
                )
            )
        }
    }
}
