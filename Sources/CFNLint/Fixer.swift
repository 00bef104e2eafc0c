import CFNModel

/// `lint --fix`: applies the findings' fixes to a template's text, pass after pass, and keeps
/// only what it can prove. After each pass the text is parsed and linted again: the pass stands
/// when the text parses, every fixed finding is gone, and no finding appeared that the original
/// text did not have. A pass that fails that test is retried one fix at a time, and a fix that
/// fails on its own is left out and reported. Fixes that overlap one another wait for the next
/// pass; the passes end when nothing changes, or after `maxPasses`.
public struct Fixer: Sendable {
    /// The linter that finds, and then judges each pass.
    public let linter: Linter
    /// `.safe`: the safe fixes only; `.unsafe`: the unsafe ones too.
    public let level: Fix.Safety
    /// The most passes over one text.
    public static let maxPasses = 10

    /// Creates a fixer.
    public init(linter: Linter, level: Fix.Safety = .safe) {
        self.linter = linter
        self.level = level
    }

    /// A fix left out, and why.
    public struct Refusal: Sendable {
        /// The finding whose fix it was.
        public var finding: Finding
        /// Why it was left out.
        public var reason: String
    }

    /// What fixing a text did.
    public struct Outcome: Sendable {
        /// The text as given.
        public var original: [UInt8]
        /// The fixed text (the original when nothing could be fixed).
        public var bytes: [UInt8]
        /// The findings of the original text.
        public var before: [Finding]
        /// The findings of the fixed text.
        public var after: [Finding]
        /// The findings whose fix was applied, as reported on the text it was applied to.
        public var fixed: [Finding]
        /// The fixes left out because the text they made failed the test.
        public var refused: [Refusal]
        /// Whether the original text parsed (nothing is fixed in one that does not).
        public var parsed: Bool

        /// Whether the text changed.
        public var changed: Bool { bytes != original }
    }

    /// Fixes `bytes`, the text of the template at `path`.
    public func fix(bytes: [UInt8], path: String) -> Outcome {
        let (first, parsed) = linter.lint(bytes: bytes, path: path)
        var outcome = Outcome(original: bytes, bytes: bytes, before: first, after: first, fixed: [], refused: [], parsed: parsed)
        guard parsed else { return outcome }
        let baseline = Fixer.counts(first)
        var excluded: Set<String> = []
        for _ in 0..<Fixer.maxPasses {
            let candidates = outcome.after.filter { f in
                guard let fix = f.fix, fix.safety <= level else { return false }
                return !excluded.contains(Fixer.key(f))
            }
            guard !candidates.isEmpty else { break }
            if let pass = attempt(candidates, on: outcome.bytes, path: path, current: outcome.after, baseline: baseline) {
                outcome.bytes = pass.bytes
                outcome.after = pass.findings
                outcome.fixed += pass.fixed
                continue
            }
            // Some fix (or two together) breaks the text: try each alone against this text.
            var good: [Finding] = []
            for f in candidates {
                if attempt([f], on: outcome.bytes, path: path, current: outcome.after, baseline: baseline) != nil {
                    good.append(f)
                } else {
                    excluded.insert(Fixer.key(f))
                    outcome.refused.append(Refusal(finding: f, reason: refusal([f], on: outcome.bytes, path: path, baseline: baseline)))
                }
            }
            guard let one = good.first else { break }
            // The good ones together, else the first of them alone (each has passed alone).
            guard
                let pass = attempt(good, on: outcome.bytes, path: path, current: outcome.after, baseline: baseline)
                    ?? attempt([one], on: outcome.bytes, path: path, current: outcome.after, baseline: baseline)
            else { break }
            outcome.bytes = pass.bytes
            outcome.after = pass.findings
            outcome.fixed += pass.fixed
        }
        return outcome
    }

    /// The text, findings and fixed findings of one pass, or nil when the pass fails the test.
    private func attempt(
        _ findings: [Finding],
        on bytes: [UInt8],
        path: String,
        current: [Finding],
        baseline: [String: Int]
    ) -> (bytes: [UInt8], findings: [Finding], fixed: [Finding])? {
        let result = FixApplier.apply(findings.map { $0.fix! }, to: bytes)
        guard !result.applied.isEmpty, result.bytes != bytes else { return nil }
        let fixed = result.applied.map { findings[$0] }
        let (after, parsed) = linter.lint(bytes: result.bytes, path: path)
        guard parsed else { return nil }
        var expected = Fixer.counts(current)
        for f in fixed { expected[Fixer.key(f), default: 0] -= 1 }
        for (key, n) in Fixer.counts(after) {
            // Nothing new, and each fixed finding gone.
            if n > min(baseline[key] ?? 0, expected[key] ?? 0) { return nil }
        }
        return (result.bytes, after, fixed)
    }

    /// Why `findings`' fixes fail: the text does not parse, or what appears.
    private func refusal(_ findings: [Finding], on bytes: [UInt8], path: String, baseline: [String: Int]) -> String {
        let result = FixApplier.apply(findings.map { $0.fix! }, to: bytes)
        if result.applied.isEmpty || result.bytes == bytes { return "the fix does not apply to the text" }
        let (after, parsed) = linter.lint(bytes: result.bytes, path: path)
        if !parsed { return "the fixed text does not parse: " + (after.first?.message ?? "") }
        var seen = baseline
        for f in after {
            let key = Fixer.key(f)
            if (seen[key] ?? 0) > 0 {
                seen[key]! -= 1
            } else if f.ruleId != findings[0].ruleId || f.message != findings[0].message {
                return "the fixed text gains \(f.ruleId) at line \(f.range.start.line): \(f.message)"
            }
        }
        return "the finding stays after the fix"
    }

    /// What identifies a finding across texts whose lines have moved: its rule, path and
    /// message, with line numbers in the message left out.
    static func key(_ f: Finding) -> String {
        f.ruleId + "|" + f.path.joined(separator: "/") + "|" + withoutLineNumbers(f.message)
    }

    static func counts(_ findings: [Finding]) -> [String: Int] {
        var out: [String: Int] = [:]
        for f in findings { out[key(f), default: 0] += 1 }
        return out
    }

    /// `... on line 12 ...` as `... on line # ...`.
    static func withoutLineNumbers(_ s: String) -> String {
        guard s.contains("line ") else { return s }
        var out = ""
        var rest = s[...]
        while let r = rest.firstRange(of: "line ") {
            out += rest[..<r.upperBound]
            rest = rest[r.upperBound...]
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty {
                out += "#"
                rest = rest.dropFirst(digits.count)
            }
        }
        return out + rest
    }
}
