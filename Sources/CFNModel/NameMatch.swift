/// Names close to a mistyped one, for "did you mean ...?" messages.
public enum NameMatch {
    /// Up to `limit` of `candidates` that `name` may have meant: the same name in another case,
    /// one containing the other (ignoring case, for names of 3 or more characters), or within a
    /// small edit distance (about a third of the name's length). Closest first; ties in
    /// candidate order.
    public static func closest(to name: String, in candidates: [String], limit: Int = 3) -> [String] {
        let lowered = name.lowercased()
        let wanted = Array(lowered.unicodeScalars)
        let allowed = max(1, min(4, (wanted.count + 1) / 3))
        var scored: [(score: Int, order: Int, name: String)] = []
        for (order, candidate) in candidates.enumerated() where candidate != name {
            let other = candidate.lowercased()
            let contains = wanted.count >= 3 && (other.contains(lowered) || lowered.contains(other))
            // Only a distance within `allowed` counts, so the search stops as soon as it is exceeded.
            let d = distance(wanted, Array(other.unicodeScalars), cap: allowed + 1)
            if d <= allowed {
                scored.append((d, order, candidate))
            } else if contains {
                scored.append((abs(other.count - lowered.count), order, candidate))
            }
        }
        scored.sort { $0.score != $1.score ? $0.score < $1.score : $0.order < $1.order }
        return scored.prefix(limit).map(\.name)
    }

    /// Levenshtein distance, giving up (returning `cap`) once every path costs at least `cap`.
    private static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], cap: Int) -> Int {
        if abs(a.count - b.count) >= cap { return cap }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in stride(from: 1, through: a.count, by: 1) {
            current[0] = i
            var rowMin = current[0]
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin >= cap { return cap }
            swap(&previous, &current)
        }
        return min(previous[b.count], cap)
    }
}
