import CFNModel

/// E7001: every mapping is a non-empty mapping of top-level keys to non-empty mappings of
/// second-level keys to values.
struct MappingConfiguration: Rule {
    static let info = RuleInfo(
        id: "E7001",
        title: "Mapping shape",
        description: """
            Mappings is a mapping of names (ASCII letters and digits) to mappings. Each mapping \
            has at least one top-level key (letters, digits, `.` and `-`, as in region names), \
            each a mapping with at least one second-level key (letters and digits) whose value \
            is a string, number, boolean or list. Fn::FindInMap cannot reach anything else. \
            Names and keys are strings: an unquoted `64:` or `true:` in YAML is a number or a \
            boolean, and is reported at the key above it (where cfn-lint reports it).
            """,
        passing: [
            """
            Mappings:
              RegionMap:
                us-east-1:
                  Ami: ami-123
                  Zones: [a, b]
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
              Region_Map: # <-
                us-east-1:
                  Ami: ami-123
              Sizes:
                small:
                  Instance_Type: t3.micro # <-
                  Nested: # <-
                    a: b
                big!: # <-
                  Count: 2
              Empty: {} # <-
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """,
            """
            Mappings:
              AmiByArch:
                us-east-1: # <-
                  64: ami-0123456789abcdef0
                  "32": ami-0fedcba9876543210
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """,
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let section = context.template.root[entry: "Mappings"] else { return }
        guard let mappings = section.value.mapValue else {
            findings.append(
                context.finding(
                    Self.self,
                    "Mappings must be a mapping, not \(section.value.kindDescription)",
                    at: section.keyRange,
                    path: ["Mappings"]
                )
            )
            return
        }
        for m in mappings {
            let path = ["Mappings", m.key]
            // A key that YAML reads as a number, boolean or null is no name; cfn-lint has no
            // position for such a key and reports it at the key above.
            if Self.isNotString(m) {
                findings.append(
                    context.finding(Self.self, "mapping name \(m.key) is not a string", at: section.keyRange, path: ["Mappings"])
                )
                continue
            }
            if !isAlphanumeric(m.key) {
                findings.append(
                    context.finding(Self.self, "mapping name '\(m.key)' may only have letters and digits", at: m.keyRange, path: path)
                )
                continue
            }
            // A transform (Fn::Transform) fills the mapping in at deploy time.
            if m.value.functionValue?.name == .transform { continue }
            guard let top = m.value.mapValue else {
                findings.append(
                    context.finding(
                        Self.self,
                        "mapping '\(m.key)' must be a mapping of keys, not \(m.value.kindDescription)",
                        at: m.keyRange,
                        path: path
                    )
                )
                continue
            }
            if top.isEmpty {
                findings.append(context.finding(Self.self, "mapping '\(m.key)' has no keys", at: m.keyRange, path: path))
            }
            for t in top {
                let tpath = path + [t.key]
                if Self.isNotString(t) {
                    findings.append(
                        context.finding(
                            Self.self,
                            "top-level key \(t.key) of mapping '\(m.key)' is not a string",
                            at: m.keyRange,
                            path: path
                        )
                    )
                    continue
                }
                if !Self.isTopLevelKey(t.key) {
                    findings.append(
                        context.finding(
                            Self.self,
                            "top-level key '\(t.key)' may only have letters, digits, '.' and '-'",
                            at: t.keyRange,
                            path: tpath
                        )
                    )
                    continue
                }
                guard let second = t.value.mapValue else {
                    findings.append(
                        context.finding(
                            Self.self,
                            "top-level key '\(t.key)' must hold a mapping, not \(t.value.kindDescription)",
                            at: t.keyRange,
                            path: tpath
                        )
                    )
                    continue
                }
                if second.isEmpty {
                    findings.append(context.finding(Self.self, "top-level key '\(t.key)' has no keys", at: t.keyRange, path: tpath))
                }
                for s in second {
                    if Self.isNotString(s) {
                        findings.append(
                            context.finding(
                                Self.self,
                                "second-level key \(s.key) under '\(t.key)' is not a string",
                                at: t.keyRange,
                                path: tpath
                            )
                        )
                        continue
                    }
                    if !isAlphanumeric(s.key) {
                        findings.append(
                            context.finding(
                                Self.self,
                                "second-level key '\(s.key)' may only have letters and digits",
                                at: s.keyRange,
                                path: tpath + [s.key]
                            )
                        )
                        continue
                    }
                    switch s.value.value {
                    case .string, .number, .bool, .list: break
                    default:
                        findings.append(
                            context.finding(
                                Self.self,
                                "a mapping value must be a string, number, boolean or list, not \(s.value.kindDescription)",
                                at: s.keyRange,
                                path: tpath + [s.key]
                            )
                        )
                    }
                }
            }
        }
    }

    /// Whether the key is a plain YAML scalar that reads as a number, a boolean or a null.
    static func isNotString(_ entry: Map.Entry) -> Bool {
        guard entry.keyStyle == .plain else { return false }
        switch ScalarResolver.resolve(entry.key) {
        case .string, .merge: return false
        default: return true
        }
    }

    static func isTopLevelKey(_ s: String) -> Bool {
        !s.isEmpty
            && s.utf8.allSatisfy {
                ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 46 || $0 == 45
            }
    }
}
