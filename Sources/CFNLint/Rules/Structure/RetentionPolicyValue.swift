import CFNModel

/// What E3035 and E3036 share: a resource attribute that must be one of a few words, with
/// `Snapshot` only on the resource types that can take a snapshot.
enum RetentionPolicyValue {
    /// Types whose data CloudFormation can snapshot before deleting or replacing them.
    static let snapshotTypes: Set<String> = [
        "AWS::DocDB::DBCluster", "AWS::EC2::Volume", "AWS::ElastiCache::CacheCluster",
        "AWS::ElastiCache::ReplicationGroup", "AWS::Neptune::DBCluster", "AWS::RDS::DBCluster",
        "AWS::RDS::DBInstance", "AWS::Redshift::Cluster",
    ]
    /// Functions that may give the value at deploy time.
    static let functions: Set<FunctionName> = [.sub, .select, .findInMap, .if, .ref]

    /// Checks `attribute` on every resource against `values` (plus `Snapshot` where it applies).
    static func check<R: Rule>(
        _ rule: R.Type,
        _ attribute: String,
        _ values: [String],
        _ context: LintContext,
        _ findings: inout [Finding]
    ) {
        guard let resources = context.template.root["Resources"]?.mapValue else { return }
        for r in resources {
            guard let e = r.value[entry: attribute] else { continue }
            var allowed = values
            if let type = r.value["Type"]?.stringValue, snapshotTypes.contains(type) { allowed.append("Snapshot") }
            let path = ["Resources", r.key, attribute]
            check(rule, attribute, e.value, e.keyRange, allowed, path, context, &findings)
        }
    }

    private static func check<R: Rule>(
        _ rule: R.Type,
        _ attribute: String,
        _ node: Node,
        _ at: SourceRange,
        _ allowed: [String],
        _ path: [String],
        _ context: LintContext,
        _ findings: inout [Finding]
    ) {
        let list = allowed.joined(separator: ", ")
        switch node.value {
        case .string(let s):
            guard !allowed.contains(s) else { return }
            let hint = s == "Snapshot" ? " (this resource type cannot take a snapshot)" : ""
            findings.append(context.finding(rule, "\(attribute) '\(s)' is not one of \(list)\(hint)", at: at, path: path))
        case .function(let f) where functions.contains(f.name):
            if f.name == .if, let items = f.argument.listValue, items.count == 3 {
                for item in items.dropFirst() {
                    check(rule, attribute, item, item.range, allowed, path + ["Fn::If"], context, &findings)
                }
            }
        default:
            // Two facts, as cfn-lint reports them: the kind is wrong, and so is the value.
            findings.append(context.finding(rule, "\(attribute) must be a string, not \(node.kindDescription)", at: at, path: path))
            findings.append(context.finding(rule, "\(attribute) must be one of \(list)", at: at, path: path))
        }
    }
}
