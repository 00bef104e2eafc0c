import CFNModel

/// W3005: a `DependsOn` entry that a `Ref`, `Fn::GetAtt` or `Fn::Sub` already implies.
struct DependsOnRedundant: Rule {
    static let info = RuleInfo(
        id: "W3005",
        title: "DependsOn already implied by a reference",
        description: """
            CloudFormation creates a resource after every resource it refers to with `Ref`, \
            `Fn::GetAtt` or a `${}` in `Fn::Sub`. Listing such a resource in `DependsOn` as well \
            adds nothing and hides the dependencies that really need `DependsOn`.
            """,
        passing: [
            """
            Resources:
              Key:
                Type: AWS::KMS::Key
              Bucket:
                Type: AWS::S3::Bucket
              Alias:
                Type: AWS::KMS::Alias
                DependsOn: Bucket
                Properties:
                  AliasName: alias/data
                  TargetKeyId: !Ref Key
            """
        ],
        failing: [
            """
            Resources:
              Key:
                Type: AWS::KMS::Key
              Alias:
                Type: AWS::KMS::Alias
                DependsOn: Key # <-
                Properties:
                  AliasName: alias/data
                  TargetKeyId: !Ref Key
            """
        ],
        fixes: [
            FixExample(
                before: """
                    Resources:
                      Key:
                        Type: AWS::KMS::Key
                      Bucket:
                        Type: AWS::S3::Bucket
                      Alias:
                        Type: AWS::KMS::Alias
                        DependsOn:
                          - Key
                          - Bucket
                        Properties:
                          AliasName: alias/data
                          TargetKeyId: !Ref Key
                      Copy:
                        Type: AWS::KMS::Alias
                        DependsOn: [Key]
                        Properties:
                          AliasName: alias/copy
                          TargetKeyId: !GetAtt Key.Arn
                    """,
                after: """
                    Resources:
                      Key:
                        Type: AWS::KMS::Key
                      Bucket:
                        Type: AWS::S3::Bucket
                      Alias:
                        Type: AWS::KMS::Alias
                        DependsOn:
                          - Bucket
                        Properties:
                          AliasName: alias/data
                          TargetKeyId: !Ref Key
                      Copy:
                        Type: AWS::KMS::Alias
                        Properties:
                          AliasName: alias/copy
                          TargetKeyId: !GetAtt Key.Arn
                    """,
                safety: .safe
            )
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let graph = context.graph
        for r in context.template.resources {
            guard let from = graph.index(of: .resource, r.logicalId) else { continue }
            let implied = graph.dependencies(of: from).filter { $0.reference.kind != .dependsOn }
            guard !implied.isEmpty, let dependsOn = r.node["DependsOn"] else { continue }
            let entries = dependsOn.stringValue != nil ? [dependsOn] : dependsOn.listValue ?? []
            let redundant = entries.map { e in
                e.stringValue.flatMap { graph.index(of: .resource, $0) }.map { to in implied.contains { $0.to == to } } ?? false
            }
            for (index, entry) in entries.enumerated() {
                guard let name = entry.stringValue, let to = graph.index(of: .resource, name) else { continue }
                // Safe: the reference keeps the order. The last entry takes DependsOn with it.
                let fix = context.fix("remove '\(name)' from DependsOn", .safe) { text in
                    redundant.allSatisfy { $0 }
                        ? text.removeEntry("DependsOn", from: r.node) : text.removeItem(index, from: dependsOn)
                }
                for edge in implied where edge.to == to {
                    let how: String
                    switch edge.reference.kind {
                    case .ref: how = "a Ref"
                    case .getAtt: how = "a Fn::GetAtt"
                    case .sub: how = "a ${} in Fn::Sub"
                    default: continue
                    }
                    var finding = context.finding(
                        DependsOnRedundant.self,
                        "DependsOn '\(name)' is not needed: \(how) on line \(edge.reference.range.start.line) already makes the dependency",
                        at: entry.range,
                        path: ["Resources", r.logicalId, "DependsOn"]
                    )
                    finding.fix = fix
                    findings.append(finding)
                }
            }
        }
    }
}
