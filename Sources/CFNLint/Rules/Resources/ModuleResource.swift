import CFNModel

/// E5001: a module resource with what a module cannot take.
struct ModuleResource: Rule {
    static let info = RuleInfo(
        id: "E5001",
        title: "Module resource with tags, a creation or update policy, or reserved metadata",
        description: """
            A resource whose type ends in `::MODULE` is expanded by CloudFormation into the \
            module's own resources, and some of what a resource may carry has no place on it: \
            `Tags` in its `Properties`, a `CreationPolicy` or an `UpdatePolicy` (each reported \
            when it is set to something other than an empty value), and the metadata key \
            `AWS::CloudFormation::Module`, at any depth under a module's `Metadata`, which \
            CloudFormation reserves for the resources it expands a module into.
            """,
        passing: [
            """
            Resources:
              Network:
                Type: Acme::Network::Vpc::MODULE
                Properties:
                  CidrBlock: 10.0.0.0/16
                Metadata:
                  Owner: platform
            """
        ],
        failing: [
            """
            Resources:
              Network:
                Type: Acme::Network::Vpc::MODULE
                CreationPolicy: # <-
                  ResourceSignal:
                    Count: 1
                UpdatePolicy: # <-
                  UseOnlineResharding: true
                Properties:
                  CidrBlock: 10.0.0.0/16
                  Tags: # <-
                    - Key: team
                      Value: platform
                Metadata:
                  AWS::CloudFormation::Module: # <-
                    LogicalIdHierarchy: Network
            """
        ]
    )

    static let reservedKey = "AWS::CloudFormation::Module"

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let resources = context.template.resources
        // A module is told by any of the resource's values, as cfn-lint tells it.
        let modules = resources.filter { r in
            r.attributes.entries.contains { $0.value.stringValue?.hasSuffix("::MODULE") ?? false }
        }
        guard !modules.isEmpty else { return }
        for r in resources where r.type?.hasSuffix("::MODULE") ?? false {
            guard let metadata = r.attributes[entry: "Metadata"] else { continue }
            reserved(metadata.value, path: ["Resources", r.logicalId, "Metadata"], context, &findings)
        }
        for r in modules {
            if let properties = r.attributes["Properties"]?.mapValue, let tags = properties[entry: "Tags"], tags.value.isSet {
                findings.append(
                    context.finding(
                        Self.self,
                        "\(r.logicalId) is a module, and a module takes no Tags",
                        at: tags.keyRange,
                        path: ["Resources", r.logicalId, "Properties", "Tags"]
                    )
                )
            }
            for policy in ["CreationPolicy", "UpdatePolicy"] {
                guard let entry = r.attributes[entry: policy], entry.value.isSet else { continue }
                findings.append(
                    context.finding(
                        Self.self,
                        "\(r.logicalId) is a module, and a module takes no \(policy)",
                        at: entry.keyRange,
                        path: ["Resources", r.logicalId, policy]
                    )
                )
            }
        }
    }

    private func reserved(_ node: Node, path: [String], _ context: LintContext, _ findings: inout [Finding]) {
        guard path.count < 64 else { return }
        switch node.value {
        case .map(let map):
            for e in map {
                if e.key == Self.reservedKey {
                    findings.append(
                        context.finding(
                            Self.self,
                            "the Metadata key \(Self.reservedKey) is CloudFormation's own: a module's metadata cannot set it",
                            at: e.keyRange,
                            path: path + [e.key]
                        )
                    )
                }
                reserved(e.value, path: path + [e.key], context, &findings)
            }
        case .list(let items):
            for (i, item) in items.enumerated() { reserved(item, path: path + [String(i)], context, &findings) }
        case .function(let f):
            reserved(f.argument, path: path + [f.name.rawValue], context, &findings)
        default: break
        }
    }
}

extension Node {
    /// Whether the value counts as set, as Python's truth reads it: not null, false, zero or
    /// an empty string, list or mapping.
    var isSet: Bool {
        switch value {
        case .null: return false
        case .bool(let b): return b
        case .number(let n): return n.doubleValue != 0
        case .string(let s): return !s.isEmpty
        case .list(let items): return !items.isEmpty
        case .map(let map): return !map.isEmpty
        default: return true
        }
    }
}
