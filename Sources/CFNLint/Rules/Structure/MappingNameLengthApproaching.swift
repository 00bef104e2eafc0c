import CFNModel

/// I7002: a mapping's name, or a key of its second level, near the length limit.
struct MappingNameLengthApproaching: Rule {
    static let info = RuleInfo(
        id: "I7002",
        title: "Mapping name near the length limit",
        description: """
            A mapping's name, or a name at its second level (the keys `Fn::FindInMap` takes \
            third), is longer than 90% of the 255 characters CloudFormation allows (230 to 255 \
            characters); a longer one is an error. Reported on the name. The first-level keys \
            have no such limit. cfn-lint 1.51.0 lists this rule but, as it checks mapping names, \
            never reports it.
            """,
        passing: [
            """
            Mappings:
              \(NameLengthApproaching.name("Images", 229)):
                \(NameLengthApproaching.name("us-east-1", 240)):
                  \(NameLengthApproaching.name("Ami", 229)): ami-0a1b2c3d4e5f67890
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """
        ],
        failing: [
            """
            Mappings:
              \(NameLengthApproaching.name("Images", 230)): # <-
                us-east-1:
                  \(NameLengthApproaching.name("Ami", 255)): ami-0a1b2c3d4e5f67890 # <-
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let mappings = context.template.root["Mappings"]?.mapValue else { return }
        NameLengthApproaching.check(Self.self, mappings, kind: "Mapping", path: ["Mappings"], context, into: &findings)
        for mapping in mappings {
            for top in mapping.value.mapValue ?? Map() {
                guard let second = top.value.mapValue else { continue }
                NameLengthApproaching.check(
                    Self.self,
                    second,
                    kind: "Mapping key",
                    path: ["Mappings", mapping.key, top.key],
                    context,
                    into: &findings
                )
            }
        }
    }
}
