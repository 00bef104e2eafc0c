import CFNModel

/// What the quota rules share: count a section's entries (or the body's bytes) against one of
/// CloudFormation's quotas, over the limit or within 10% of it.
enum SectionQuota {
    /// The start of the file, where findings about the whole template go.
    static let fileStart = SourceRange(
        start: SourcePosition(line: 1, column: 1, offset: 0),
        end: SourcePosition(line: 1, column: 1, offset: 0)
    )

    /// Whether `used` is over `limit` (`over`) or at 90% of it without being over (`!over`).
    static func applies(_ used: Int, _ limit: Int, over: Bool) -> Bool {
        over ? used > limit : (used <= limit && used * 10 > limit * 9)
    }

    /// A finding at the section's key when its entry count is over (or near) `quota`.
    static func check<R: Rule>(
        _ rule: R.Type,
        section: Section,
        quota: Quota,
        over: Bool,
        advice: String = "",
        _ context: LintContext,
        into findings: inout [Finding]
    ) {
        guard let e = context.template.root[entry: section.rawValue], let m = e.value.mapValue else { return }
        guard applies(m.count, quota.limit, over: over) else { return }
        let what = over ? "over CloudFormation's quota of \(quota.limit)" : "close to CloudFormation's quota of \(quota.limit)"
        let tail = advice.isEmpty ? "" : ": \(advice)"
        findings.append(
            context.finding(rule, "\(m.count) \(quota.title), \(what)\(tail)", at: e.keyRange, path: [section.rawValue])
        )
    }

    /// A template with `count` entries under `section`, in YAML, for rule examples.
    static func example(_ section: String, _ count: Int, marked: Bool = true, _ entry: (Int) -> String) -> String {
        var s = "\(section):\(marked ? " # <-" : "")\n" + (1...count).map(entry).joined()
        if section != "Resources" { s += "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n" }
        return s
    }
}
