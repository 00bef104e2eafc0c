import CFNModel

/// One replacement in a source text: the bytes `start..<end` become `text` (an insertion when
/// the range is empty).
public struct TextEdit: Sendable, Hashable {
    /// The first byte replaced.
    public var start: Int
    /// Just past the last byte replaced.
    public var end: Int
    /// What goes there.
    public var text: String

    /// Creates an edit.
    public init(start: Int, end: Int, text: String) {
        self.start = start
        self.end = end
        self.text = text
    }
}

/// A change to the source that makes a finding go away: data on the finding, applied by
/// `FixApplier` (`lint --fix`, the language server's quick fixes).
public struct Fix: Sendable, Hashable {
    /// How sure the fix is of what the author meant.
    public enum Safety: String, Sendable, Hashable, Comparable {
        /// Cannot change what the author meant (quoting `yes`, dropping a Sub that substitutes
        /// nothing); `lint --fix` applies it.
        case safe
        /// Probably what was meant, but a person should look (a misspelt property renamed to
        /// the one close name); only with `--unsafe-fixes`.
        case unsafe

        /// Safe first.
        public static func < (a: Safety, b: Safety) -> Bool { a == .safe && b == .unsafe }
    }

    /// What the fix does, in one line (`quote 'yes' so it stays text`).
    public var title: String
    /// How sure it is.
    public var safety: Safety
    /// The edits, none overlapping another.
    public var edits: [TextEdit]

    /// Creates a fix.
    public init(title: String, safety: Safety, edits: [TextEdit]) {
        self.title = title
        self.safety = safety
        self.edits = edits.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }

    /// The bytes the fix touches, from its first edit's start to its last edit's end.
    var span: Range<Int> { (edits.first?.start ?? 0)..<(edits.map(\.end).max() ?? 0) }
}

/// A rule's documented fix: the template before, and after its fixes of `safety` (and the safe
/// ones) are applied. Run as tests, as the rule's other examples are.
public struct FixExample: Sendable {
    /// The template with the finding.
    public var before: String
    /// The same template fixed.
    public var after: String
    /// The fixes applied to get from one to the other: `.safe`, or `.unsafe` (safe ones too).
    public var safety: Fix.Safety

    /// Creates an example.
    public init(before: String, after: String, safety: Fix.Safety) {
        self.before = before
        self.after = after
        self.safety = safety
    }
}

/// Applies fixes to a source text.
public enum FixApplier {
    /// What applying a set of fixes did.
    public struct Result: Sendable {
        /// The text with the applied fixes.
        public var bytes: [UInt8]
        /// The indices (into the fixes given) of those applied.
        public var applied: [Int]
        /// The indices of those left for another pass: they overlap one applied before them.
        public var deferred: [Int]
    }

    /// Applies `fixes` to `bytes`, in source order. A fix that overlaps one already taken (or
    /// inserts where another edits) waits for a later pass; a fix the same as one taken is
    /// applied once and counts as applied. Edits out of the text's bounds are never taken.
    public static func apply(_ fixes: [Fix], to bytes: [UInt8]) -> Result {
        let order = fixes.indices.sorted { (fixes[$0].span.lowerBound, $0) < (fixes[$1].span.lowerBound, $1) }
        var taken: [TextEdit] = []
        var takenFixes: [[TextEdit]] = []
        var applied: [Int] = []
        var deferred: [Int] = []
        for i in order {
            let fix = fixes[i]
            guard !fix.edits.isEmpty, fix.edits.allSatisfy({ $0.start >= 0 && $0.start <= $0.end && $0.end <= bytes.count }) else {
                deferred.append(i)
                continue
            }
            if takenFixes.contains(fix.edits) {
                applied.append(i)
                continue
            }
            if fix.edits.contains(where: { e in taken.contains { overlaps($0, e) } }) {
                deferred.append(i)
                continue
            }
            taken += fix.edits
            takenFixes.append(fix.edits)
            applied.append(i)
        }
        taken.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + taken.reduce(0) { $0 + $1.text.utf8.count })
        var at = 0
        for e in taken {
            out += bytes[at..<e.start]
            out += Array(e.text.utf8)
            at = e.end
        }
        out += bytes[at...]
        return Result(bytes: out, applied: applied.sorted(), deferred: deferred.sorted())
    }

    /// Whether two edits touch the same bytes; two insertions at one place, or an insertion
    /// inside (or at an end of) a replaced range, count as touching: their order would matter.
    static func overlaps(_ a: TextEdit, _ b: TextEdit) -> Bool {
        if a.start == a.end || b.start == b.end { return a.start <= b.end && b.start <= a.end }
        return a.start < b.end && b.start < a.end
    }
}
