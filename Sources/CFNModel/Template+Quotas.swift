extension Template {
    /// How much of each of CloudFormation's template quotas (`Quota.template`) this template uses,
    /// in that order. `bodyBytes` is the size of the template body as it will be sent (usually
    /// the file's size).
    ///
    /// Whole-template quotas give one usage each. The per-item quotas (mapping attributes, name
    /// length) give one usage for every item over the limit, or, when none is, one for the
    /// largest (the first in source order on a tie). Counts are of the template as written: a
    /// transform (SAM, language extensions) can add resources when CloudFormation expands it.
    public func quotaUsage(bodyBytes: Int) -> [QuotaUsage] {
        var out: [QuotaUsage] = [
            QuotaUsage(quota: .resources, used: count(.resources)),
            QuotaUsage(quota: .parameters, used: count(.parameters)),
            QuotaUsage(quota: .outputs, used: count(.outputs)),
            QuotaUsage(quota: .mappings, used: count(.mappings)),
        ]
        out += worst(.mappingAttributes, mappingAttributeCounts())
        out += worst(.nameLength, names().map { QuotaUsage(quota: .nameLength, used: $0.name.count, subject: $0.name, range: $0.range) })
        out.append(QuotaUsage(quota: .templateBytes, used: bodyBytes))
        out.append(QuotaUsage(quota: .inlineTemplateBytes, used: bodyBytes))
        let description = root[entry: Section.description.rawValue]
        out.append(
            QuotaUsage(
                quota: .descriptionBytes,
                used: description?.value.scalarText?.utf8.count ?? 0,
                range: description?.value.range ?? .unknown
            )
        )
        return out
    }

    /// The number of resources of each `Type`, most numerous first, then by type name; resources
    /// without a string `Type` count under `nil`, sorted first among equals.
    public var resourceTypeCounts: [(type: String?, count: Int)] {
        var counts: [String?: Int] = [:]
        for r in resources { counts[r.type, default: 0] += 1 }
        return counts.map { (type: $0.key, count: $0.value) }.sorted { a, b in
            if a.count != b.count { return a.count > b.count }
            guard let at = a.type else { return b.type != nil }
            guard let bt = b.type else { return false }
            return at < bt
        }
    }

    private func count(_ section: Section) -> Int {
        root[section.rawValue]?.mapValue?.count ?? 0
    }

    /// For each mapping, its largest top-level key: the one with the most second-level keys.
    private func mappingAttributeCounts() -> [QuotaUsage] {
        mappings.map { m in
            var best = QuotaUsage(quota: .mappingAttributes, used: 0, subject: m.name, range: m.nameRange)
            for top in m.node.mapValue?.entries ?? [] {
                let n = top.value.mapValue?.count ?? 0
                if n > best.used {
                    best = QuotaUsage(quota: .mappingAttributes, used: n, subject: m.name + "/" + top.key, range: top.keyRange)
                }
            }
            return best
        }
    }

    /// Every name the length quota covers: logical ids of resources, and the names of parameters,
    /// outputs, mappings and conditions, in section order.
    private func names() -> [(name: String, range: SourceRange)] {
        var out: [(name: String, range: SourceRange)] = []
        for section in [Section.resources, .parameters, .outputs, .mappings, .conditions] {
            for e in root[section.rawValue]?.mapValue?.entries ?? [] { out.append((e.key, e.keyRange)) }
        }
        return out
    }

    /// Every usage over the limit, or else the largest one (a zero usage when there is none).
    private func worst(_ quota: Quota, _ usages: [QuotaUsage]) -> [QuotaUsage] {
        let over = usages.filter(\.exceeded)
        if !over.isEmpty { return over }
        var best = QuotaUsage(quota: quota, used: 0)
        for u in usages where u.used > best.used || best.subject == nil { best = u }
        return [best]
    }
}
