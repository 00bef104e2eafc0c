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

        mutating func take(_ pass: Pass) {
            bytes = pass.bytes
            after = pass.findings
            fixed += pass.fixed
        }
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
            if case .passed(let pass) = attempt(candidates, on: outcome.bytes, path: path, current: outcome.after, baseline: baseline) {
                outcome.take(pass)
                continue
            }
            // Some fix (or two together) breaks the text: try each alone against this text.
            var good: [Finding] = []
            for f in candidates {
                switch attempt([f], on: outcome.bytes, path: path, current: outcome.after, baseline: baseline) {
                case .passed: good.append(f)
                case .failed(let reason):
                    excluded.insert(Fixer.key(f))
                    outcome.refused.append(Refusal(finding: f, reason: reason))
                }
            }
            guard let one = good.first else { break }
            // The good ones together, else the first of them alone (each has passed alone).
            if case .passed(let pass) = attempt(good, on: outcome.bytes, path: path, current: outcome.after, baseline: baseline) {
                outcome.take(pass)
            } else if case .passed(let pass) = attempt([one], on: outcome.bytes, path: path, current: outcome.after, baseline: baseline) {
                outcome.take(pass)
            } else {
                break
            }
        }
        return outcome
    }

    /// One pass's text, its findings and the findings it fixed.
    struct Pass {
        var bytes: [UInt8]
        var findings: [Finding]
        var fixed: [Finding]
    }

    /// What a pass came to: the pass, or why it fails the test.
    enum Attempt {
        case passed(Pass)
        case failed(String)
    }

    /// Applies `findings`' fixes to `bytes` and judges the result against `current` (the
    /// findings of `bytes`) and `baseline` (those of the original text).
    private func attempt(_ findings: [Finding], on bytes: [UInt8], path: String, current: [Finding], baseline: [String: Int]) -> Attempt {
        let result = FixApplier.apply(findings.map { $0.fix! }, to: bytes)
        guard !result.applied.isEmpty, result.bytes != bytes else { return .failed("the fix does not apply to the text") }
        let fixed = result.applied.map { findings[$0] }
        let (after, parsed) = linter.lint(bytes: result.bytes, path: path)
        guard parsed else { return .failed("the fixed text does not parse: " + (after.first?.message ?? "")) }
        var expected = Fixer.counts(current)
        for f in fixed { expected[Fixer.key(f), default: 0] -= 1 }
        var allowed: [String: Int] = [:]
        for (key, n) in expected { allowed[key] = min(baseline[key] ?? 0, n) }
        // Nothing new, and each fixed finding gone: the first finding over its allowance says why.
        for f in after {
            let key = Fixer.key(f)
            if (allowed[key] ?? 0) > 0 {
                allowed[key]! -= 1
            } else if fixed.contains(where: { Fixer.key($0) == key }) {
                return .failed("the finding stays after the fix")
            } else {
                return .failed("the fixed text gains \(f.ruleId) at line \(f.range.start.line): \(f.message)")
            }
        }
        return .passed(Pass(bytes: result.bytes, findings: after, fixed: fixed))
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
