import CFNModel

/// W4005: the `cfn-lint` settings in the template's Metadata have the shape cfn-lint reads.
struct MetadataLintConfig: Rule {
    static let info = RuleInfo(
        id: "W4005",
        title: "Metadata lint settings",
        description: """
            `Metadata: cfn-lint: config:` carries lint settings with the template (cfntool reads \
            its ignore_checks too). The config is a mapping of ignore_checks, append_rules and \
            regions (lists of strings), configure_rules (a mapping), and ignore_bad_template, \
            include_experimental and merge_configs (booleans). A setting of another name or kind \
            is not applied, so the template is linted differently from what it says.
            """,
        passing: [
            """
            Metadata:
              cfn-lint:
                config:
                  ignore_checks: [W2001]
                  regions: [us-east-1, eu-west-1]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """
        ],
        failing: [
            """
            Metadata:
              cfn-lint:
                config:
                  ignore_checks: W2001 # <-
                  include_experimental: "yes" # <-
                  ignore_check: [W3005] # <-
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """
        ]
    )

    enum Kind {
        case strings, object, boolean
        var name: String {
            switch self {
            case .strings: return "a list of strings"
            case .object: return "a mapping"
            case .boolean: return "true or false"
            }
        }
    }

    static let settings: [String: Kind] = [
        "append_rules": .strings, "configure_rules": .object, "ignore_bad_template": .boolean,
        "ignore_checks": .strings, "include_experimental": .boolean, "merge_configs": .boolean,
        "regions": .strings,
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let entry = context.template.root["Metadata"]?.mapValue?[entry: "cfn-lint"] else { return }
        let base = ["Metadata", "cfn-lint"]
        guard let settings = entry.value.mapValue else {
            findings.append(context.finding(Self.self, "the cfn-lint metadata must be a mapping", at: entry.keyRange, path: base))
            return
        }
        guard let config = settings[entry: "config"] else { return }
        guard let values = config.value.mapValue else {
            findings.append(
                context.finding(Self.self, "the cfn-lint config must be a mapping", at: config.keyRange, path: base + ["config"])
            )
            return
        }
        for e in values {
            let path = base + ["config", e.key]
            guard let kind = Self.settings[e.key] else {
                findings.append(context.finding(Self.self, "'\(e.key)' is not a cfn-lint setting", at: e.keyRange, path: path))
                continue
            }
            let fits: Bool
            switch (kind, e.value.value) {
            case (.strings, .list(let items)):
                fits = true
                for item in items where item.stringValue == nil {
                    // A number or a boolean has no position of its own in cfn-lint's reading.
                    let range: SourceRange
                    switch item.value {
                    case .list, .map: range = item.range
                    default: range = e.keyRange
                    }
                    findings.append(context.finding(Self.self, "the items of \(e.key) are strings", at: range, path: path))
                }
            case (.object, .map), (.boolean, .bool): fits = true
            default: fits = false
            }
            if !fits {
                findings.append(context.finding(Self.self, "\(e.key) takes \(kind.name)", at: e.keyRange, path: path))
            }
        }
    }
}
