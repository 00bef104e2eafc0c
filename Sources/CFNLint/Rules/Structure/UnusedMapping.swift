import CFNModel

/// W7001: every mapping is read by an `Fn::FindInMap`.
struct UnusedMapping: Rule {
    static let info = RuleInfo(
        id: "W7001",
        title: "Unused mapping",
        description: """
            A mapping that no Fn::FindInMap reads has no effect. When a Fn::FindInMap chooses \
            its mapping with a function, any mapping may be read and none is reported.
            """,
        passing: [
            """
            Mappings:
              RegionMap:
                us-east-1:
                  Ami: ami-123
            Resources:
              Instance:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: !FindInMap [RegionMap, !Ref AWS::Region, Ami]
            """
        ],
        failing: [
            """
            Mappings:
              RegionMap: # <-
                us-east-1:
                  Ami: ami-123
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        guard let section = template.root["Mappings"], let mappings = section.mapValue, !mappings.isEmpty else { return }
        var used = Set<String>()
        var dynamic = false
        // After the SAM transform, the source's Fn::FindInMap count (as in cfn-lint), wherever they went.
        let searched = [template.rootNode] + (context.source.map { [$0.rootNode] } ?? [])
        for root in searched {
            root.forEachFunction { f in
                guard f.name == .findInMap else { return }
                if let name = f.argument.listValue?.first {
                    if let s = name.stringValue { used.insert(s) } else { dynamic = true }
                } else if let s = f.argument.stringValue {
                    used.insert(s)
                }
            }
        }
        guard !dynamic else { return }
        for m in mappings where !used.contains(m.key) {
            findings.append(
                context.finding(
                    Self.self,
                    "mapping '\(m.key)' is not read by any Fn::FindInMap",
                    at: m.keyRange,
                    path: ["Mappings", m.key]
                )
            )
        }
    }
}
