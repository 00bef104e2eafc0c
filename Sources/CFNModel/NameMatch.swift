/// Names close to a mistyped one, for "did you mean ...?" messages.
public enum NameMatch {
    /// Up to `limit` of `candidates` that `name` may have meant: the same name in another case,
    /// one containing the other (ignoring case, for names of 3 or more characters), or within a
    /// small edit distance (about a third of the name's length). Closest first; ties in
    /// candidate order.
    ///
    /// Cheap enough to run against every resource type name (1,601) for each unknown type: ASCII
    /// names (all AWS names are) are compared as bytes, without a copy per candidate, and the edit
    /// distance is only computed when the lengths are close enough for it to be within bounds.
    public static func closest(to name: String, in candidates: [String], limit: Int = 3) -> [String] {
        let wanted = Array(name.utf8)
        guard wanted.allSatisfy({ $0 < 0x80 }) else { return closestByScalars(to: name, in: candidates, limit: limit) }
        let lowered = wanted.map(lower)
        let allowed = max(1, min(4, (lowered.count + 1) / 3))
        var scratch = Rows()
        var scored: [(score: Int, order: Int, name: String)] = []
        for (order, candidate) in candidates.enumerated() where candidate != name {
            var bytes = candidate
            let score: Int? = bytes.withUTF8 { other -> Int? in
                guard other.allSatisfy({ $0 < 0x80 }) else { return unicodeScore(name, candidate, allowed: allowed) }
                if abs(other.count - lowered.count) <= allowed {
                    let d = scratch.distance(lowered, other, cap: allowed + 1)
                    if d <= allowed { return d }
                }
                guard lowered.count >= 3 else { return nil }
                let contains = other.count >= lowered.count ? occurs(lowered, in: other) : occurs(other, in: lowered)
                return contains ? abs(other.count - lowered.count) : nil
            }
            if let score { scored.append((score, order, candidate)) }
        }
        scored.sort { $0.score != $1.score ? $0.score < $1.score : $0.order < $1.order }
        return scored.prefix(limit).map(\.name)
    }

    @inline(__always) private static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// Whether `needle` (lowercased) occurs in `haystack`, ignoring ASCII case.
    private static func occurs<H: RandomAccessCollection<UInt8>>(_ needle: [UInt8], in haystack: H) -> Bool where H.Index == Int {
        guard needle.count <= haystack.count else { return false }
        guard let first = needle.first else { return true }
        let base = haystack.startIndex
        var i = 0
        while i + needle.count <= haystack.count {
            if lower(haystack[base + i]) == first {
                var j = 1
                while j < needle.count, lower(haystack[base + i + j]) == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Whether `needle` occurs in `haystack` (lowercased candidate bytes in a lowercased name).
    private static func occurs(_ needle: UnsafeBufferPointer<UInt8>, in haystack: [UInt8]) -> Bool {
        occurs(needle.map(lower), in: haystack)
    }

    /// The two rows of the edit-distance table, kept across candidates.
    private struct Rows {
        var previous: [Int] = []
        var current: [Int] = []

        /// Levenshtein distance of `a` (lowercased) and `b` (compared lowercased), giving up
        /// (returning `cap`) once every path costs at least `cap`.
        mutating func distance(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>, cap: Int) -> Int {
            if abs(a.count - b.count) >= cap { return cap }
            if previous.count < b.count + 1 {
                previous = Array(repeating: 0, count: b.count + 1)
                current = previous
            }
            for j in 0...b.count { previous[j] = j }
            for i in stride(from: 1, through: a.count, by: 1) {
                current[0] = i
                var rowMin = i
                let ai = a[i - 1]
                for j in stride(from: 1, through: b.count, by: 1) {
                    let cost = ai == NameMatch.lower(b[j - 1]) ? 0 : 1
                    let v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    current[j] = v
                    rowMin = min(rowMin, v)
                }
                if rowMin >= cap { return cap }
                swap(&previous, &current)
            }
            return min(previous[b.count], cap)
        }
    }

    // MARK: names beyond ASCII: compared by Unicode scalars, case folded by `lowercased()`.

    /// `closest` by Unicode scalars: what the byte comparison must agree with on ASCII names
    /// (a test holds them to it), and the comparison used for any other name.
    static func closestByScalars(to name: String, in candidates: [String], limit: Int) -> [String] {
        let allowed = max(1, min(4, (name.lowercased().unicodeScalars.count + 1) / 3))
        var scored: [(score: Int, order: Int, name: String)] = []
        for (order, candidate) in candidates.enumerated() where candidate != name {
            if let score = unicodeScore(name, candidate, allowed: allowed) { scored.append((score, order, candidate)) }
        }
        scored.sort { $0.score != $1.score ? $0.score < $1.score : $0.order < $1.order }
        return scored.prefix(limit).map(\.name)
    }

    private static func unicodeScore(_ name: String, _ candidate: String, allowed: Int) -> Int? {
        let lowered = name.lowercased()
        let other = candidate.lowercased()
        let wanted = Array(lowered.unicodeScalars)
        let d = scalarDistance(wanted, Array(other.unicodeScalars), cap: allowed + 1)
        if d <= allowed { return d }
        if wanted.count >= 3 && (other.contains(lowered) || lowered.contains(other)) { return abs(other.count - lowered.count) }
        return nil
    }

    private static func scalarDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], cap: Int) -> Int {
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
