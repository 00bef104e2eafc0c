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
        ],
        fixes: [
            FixExample(
                before: """
                    Parameters:
                      Env:
                        Type: String
                      # The bucket's name.
                      Name:
                        Type: String
                        Default: logs
                    Resources:
                      Bucket:
                        Type: AWS::S3::Bucket
                        Properties:
                          BucketName: !Ref Name
                    """,
                after: """
                    Parameters:
                      # The bucket's name.
                      Name:
                        Type: String
                        Default: logs
                    Resources:
                      Bucket:
                        Type: AWS::S3::Bucket
                        Properties:
                          BucketName: !Ref Name
                    """,
                safety: .unsafe
            )
        ]
    )

    /// Every string under `node`.
    static func strings(in node: Node) -> [String] {
        switch node.value {
        case .string(let s): return [s]
        case .list(let items): return items.flatMap(strings)
        case .map(let m): return m.entries.flatMap { [$0.key] + strings(in: $0.value) }
        default: return []
        }
    }

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        guard !context.written.hasTransform, let parameters = template.root["Parameters"]?.mapValue, !parameters.isEmpty else { return }
        var used = Set<String>()
        for r in template.rootNode.references where r.kind == .ref || r.kind == .sub {
            used.insert(r.target)
        }
        let unused = parameters.entries.filter { !used.contains($0.key) }
        guard !unused.isEmpty else { return }
        // The console's parameter groups and labels name parameters too: those stay.
        let interface = template.root["Metadata"]?["AWS::CloudFormation::Interface"]
        let named = interface.map { Set(Self.strings(in: $0)) } ?? []
        for p in unused {
            var finding = context.finding(
                Self.self,
                "parameter '\(p.key)' is not used: no Ref or Fn::Sub refers to it",
                at: p.keyRange,
                path: ["Parameters", p.key]
            )
            if !named.contains(p.key), let section = template.root[entry: "Parameters"] {
                // Unsafe: a deploy script may still pass the parameter, and then fails.
                finding.fix = context.fix("remove the parameter \(p.key)", .unsafe) { text in
                    unused.count == parameters.count
                        ? text.removeEntry("Parameters", from: template.rootNode) : text.removeEntry(p.key, from: section.value)
                }
            }
            findings.append(finding)
        }
    }
}
