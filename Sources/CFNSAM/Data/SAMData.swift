import CFNModel

/// The transform's data, generated from the aws-sam-translator wheel (scripts/sam-data.py) and
/// decoded once, on first use.
enum SAMData {
    /// The policy templates by name: each a mapping with `Parameters` and `Definition`.
    static let templates: Map = decode(policyTemplates, "policy_templates.json")["Templates"]?.mapValue ?? Map()

    /// AWS managed policy ARNs by name, for each partition (`aws`, `aws-cn`, `aws-us-gov`, ...).
    static let managedPolicyArns: [String: [String: String]] = {
        var out: [String: [String: String]] = [:]
        for partition in decode(managedPolicies, "aws_managed_policies.json") {
            var names: [String: String] = [:]
            for entry in partition.value.mapValue ?? Map() {
                if let arn = entry.value.stringValue { names[entry.key] = arn }
            }
            out[partition.key] = names
        }
        return out
    }()

    /// The connector profiles: `Permissions` (source type -> destination type -> profile) and
    /// `CfnResourceProperties`.
    static let connectors: Map = decode(connectorProfiles, "profiles.json")

    private static func decode(_ json: String, _ name: String) -> Map {
        // The data is generated and checked by make test: a failure here is a build defect.
        guard let template = try? Template(text: json, path: name) else { fatalError("SAM data \(name) does not decode") }
        return template.root
    }
}
