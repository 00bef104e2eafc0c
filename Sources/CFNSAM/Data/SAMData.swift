import CFNModel

/// The transform's data, generated from the aws-sam-translator wheel (scripts/sam-data.py) and
/// decoded once, on first use.
enum SAMData {
    /// The policy templates by name: each a mapping with `Parameters` and `Definition`.
    static let templates: Map = decode(policyTemplates, "policy_templates.json")["Templates"]?.mapValue ?? Map()

    /// The ARN of an AWS managed policy by name in a partition (`aws`, `aws-cn`, `aws-us-gov`,
    /// `aws-eusc`), from the bundled map; each partition's table is read on first use.
    static func managedPolicyArn(_ name: String, partition: String) -> String? {
        switch partition {
        case "aws": return awsPolicies[name]
        case "aws-cn": return chinaPolicies[name]
        case "aws-us-gov": return govCloudPolicies[name]
        case "aws-eusc": return euscPolicies[name]
        default: return nil
        }
    }

    private static let awsPolicies = managedPolicies(in: "aws")
    private static let chinaPolicies = managedPolicies(in: "aws-cn")
    private static let govCloudPolicies = managedPolicies(in: "aws-us-gov")
    private static let euscPolicies = managedPolicies(in: "aws-eusc")

    /// One partition's `partition name arn` records, as a table (the other partitions' records
    /// are skipped on their first bytes).
    private static func managedPolicies(in partition: String) -> [String: String] {
        let prefix = Array((partition + " ").utf8)
        var out: [String: String] = [:]
        for record in managedPolicies.utf8.split(separator: UInt8(ascii: ";")) where record.starts(with: prefix) {
            let rest = record.dropFirst(prefix.count)
            guard let space = rest.firstIndex(of: UInt8(ascii: " ")) else { continue }
            out[String(decoding: rest[..<space], as: UTF8.self)] = String(decoding: rest[rest.index(after: space)...], as: UTF8.self)
        }
        return out
    }

    /// The connector profiles: `Permissions` (source type -> destination type -> profile) and
    /// `CfnResourceProperties`.
    static let connectors: Map = decode(connectorProfiles, "profiles.json")

    private static func decode(_ json: String, _ name: String) -> Map {
        // The data is generated and checked by make test: a failure here is a build defect.
        guard let template = try? Template(text: json, path: name) else { fatalError("SAM data \(name) does not decode") }
        return template.root
    }
}
