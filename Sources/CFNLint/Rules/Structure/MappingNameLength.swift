import CFNModel

/// E7002: a mapping's name or one of its attribute names is longer than CloudFormation takes.
struct MappingNameLength: Rule {
    static let info = RuleInfo(
        id: "E7002",
        title: "Mapping name too long",
        description: """
            CloudFormation takes a mapping name of at most 255 characters, and the same of each \
            attribute name in it (the keys of the second level, under each top-level key). \
            Longer ones fail when the stack is created.
            """,
        passing: [
            """
            Mappings:
              RegionMap:
                us-east-1:
                  Ami: ami-0abcdef1234567890
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !FindInMap [RegionMap, !Ref "AWS::Region", Ami]
            """
        ],
        failing: [
            """
            Mappings:
              \(String(repeating: "RegionMap", count: 29)): # <-
                us-east-1:
                  Ami: ami-0abcdef1234567890
              Sizes:
                prod:
                  \(String(repeating: "Instance", count: 33)): m7g.large # <-
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """
        ]
    )

    static let maxName = 255

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for m in context.template.root["Mappings"]?.mapValue ?? Map() {
            if m.key.unicodeScalars.count > Self.maxName {
                findings.append(
                    context.finding(
                        Self.self,
                        "mapping name is \(m.key.unicodeScalars.count) characters; CloudFormation takes at most \(Self.maxName)",
                        at: m.keyRange,
                        path: ["Mappings", m.key]
                    )
                )
            }
            // Attribute names are read under names cfn-lint accepts (letters and digits; the
            // top-level keys also `.` and `-`); others are E7001's.
            guard Self.isAlphanumeric(m.key, extra: []) else { continue }
            for top in m.value.mapValue ?? Map() where Self.isAlphanumeric(top.key, extra: [46, 45]) {
                for attribute in top.value.mapValue ?? Map() where attribute.key.unicodeScalars.count > Self.maxName {
                    findings.append(
                        context.finding(
                            Self.self,
                            "attribute name is \(attribute.key.unicodeScalars.count) characters; CloudFormation takes at most \(Self.maxName)",
                            at: attribute.keyRange,
                            path: ["Mappings", m.key, top.key, attribute.key]
                        )
                    )
                }
            }
        }
    }

    private static func isAlphanumeric(_ s: String, extra: Set<UInt8>) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) || extra.contains($0) }
    }
}
