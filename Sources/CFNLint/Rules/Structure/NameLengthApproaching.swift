import CFNModel

/// What the name-length notes share (I2011, I3012, I6011, I7002): a name within 10% of the 255
/// characters CloudFormation allows, without being over (a name over the limit is an error).
enum NameLengthApproaching {
    /// Whether a name of `length` characters is near the quota: above 90% of it, not over it.
    static func applies(_ length: Int, limit: Int = Quota.nameLength.limit) -> Bool {
        length <= limit && length * 10 > limit * 9
    }

    /// A note at the key of each entry of `entries` whose name is near the quota; `kind` names
    /// what the entries are (`Parameter`, `Resource`, ...).
    static func check<R: Rule>(
        _ rule: R.Type,
        _ entries: Map,
        kind: String,
        path: [String],
        _ context: LintContext,
        into findings: inout [Finding]
    ) {
        for e in entries {
            let length = e.key.unicodeScalars.count
            guard applies(length) else { continue }
            findings.append(
                context.finding(
                    rule,
                    "\(kind) name '\(e.key)' is \(length) characters long, close to CloudFormation's limit of \(Quota.nameLength.limit)",
                    at: e.keyRange,
                    path: path + [e.key]
                )
            )
        }
    }

    /// A name of `length` characters for the rules' examples: `prefix` then `A`s.
    static func name(_ prefix: String, _ length: Int) -> String {
        prefix + String(repeating: "A", count: length - prefix.count)
    }
}
