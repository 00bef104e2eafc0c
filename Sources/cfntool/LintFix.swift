import CFNLint
import CFNModel

/// `lint --fix` and `lint --diff`: each template's text fixed (`Fixer`), then written back
/// atomically, or shown as a diff.
extension Lint {
    /// Fixes every template read, on all cores. With --diff, prints the diffs; else writes each
    /// changed file (standard input's text goes to standard output) and puts the fixed text in
    /// `reads`, for the report of what remains. The summary goes to standard error. Returns
    /// whether anything changed (or would).
    func fixFiles(_ reads: inout [Read], linter: Linter, status: inout ExitStatus) -> Bool {
        let fixer = Fixer(linter: linter.sharingCores(jobs ?? Lint.cores(), among: reads.count), level: unsafeFixes ? .unsafe : .safe)
        let given = reads
        let outcomes = Parallel.map(Array(given.indices), jobs: jobs ?? Lint.cores()) { i -> Fixer.Outcome? in
            guard case .template(let t, let bytes) = given[i] else { return nil }
            return fixer.fix(bytes: bytes, path: t.path)
        }
        var fixed = 0
        var files = 0
        var remaining = 0
        var unsafeLeft = 0
        var changed = false
        for (i, outcome) in outcomes.enumerated() {
            guard let outcome, case .template(let t, _) = reads[i] else { continue }
            for r in outcome.refused {
                let at = r.finding.sourceRange ?? r.finding.range
                let title = r.finding.fix?.title ?? ""
                Console.err("\(t.path):\(at.start.line):\(at.start.column): \(r.finding.ruleId) not fixed (\(title)): \(r.reason)")
            }
            if t.path == "-" && fix && !diff {
                // Standard input comes back on standard output, fixed or not.
                Console.out(bytes: outcome.bytes)
            }
            // A file whose fixed text cannot be written keeps its findings, and counts as not fixed.
            var written = outcome.changed
            if written && !diff && t.path != "-" {
                do {
                    try AtomicFile.write(outcome.bytes, to: t.path)
                } catch {
                    status.failed(error)
                    written = false
                }
            }
            let left = written ? outcome.after : outcome.before
            remaining += left.count
            unsafeLeft += left.filter { $0.fix?.safety == .unsafe }.count
            guard written else { continue }
            changed = true
            fixed += outcome.fixed.count
            files += 1
            if diff {
                Console.out(bytes: Array(UnifiedDiff.render(old: outcome.original, new: outcome.bytes, path: t.path).utf8))
                continue
            }
            // The report is of the text as it is now.
            if let again = try? Template(templateBytes: outcome.bytes, path: t.path) { reads[i] = .template(again, outcome.bytes) }
        }
        let findings = fixed == 1 ? "1 finding" : "\(fixed) findings"
        let inFiles = files == 1 ? "1 file" : "\(files) files"
        var summary = diff ? "would fix \(findings) in \(inFiles)" : "fixed \(findings) in \(inFiles)"
        summary += "; \(remaining) \(remaining == 1 ? "finding remains" : "findings remain")"
        if !unsafeFixes && unsafeLeft > 0 { summary += " (\(unsafeLeft) with an unsafe fix: --unsafe-fixes)" }
        // A clean run says nothing, as lint does.
        if fixed > 0 || remaining > 0 || outcomes.contains(where: { !($0?.refused.isEmpty ?? true) }) { Console.err(summary) }
        return changed
    }
}
