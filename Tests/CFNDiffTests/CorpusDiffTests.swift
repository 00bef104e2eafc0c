import CFNDiff
import CFNModel
import Testing

@Suite("diff against the template's own fmt and convert output")
struct CorpusDiffTests {
    /// For every corpus template: `fmt` output (its own format) and `convert --to json` output
    /// decode to a template whose diff with the original is empty. Runs on all cores.
    @Test("every corpus template: diff with its fmt and convert --to json output is empty")
    func ownOutputsAreEmptyDiffs() throws {
        let paths = Corpus.paths
        try #require(paths.count > 800)
        let differ = Differ()
        let results = Parallel.map(paths) { rel -> (checked: Int, failure: String?) in
            let path = Corpus.file(rel)
            guard let t = try? Template(contentsOf: path, options: DecodeOptions(keepComments: true)) else { return (0, nil) }
            var checked = 0
            for format in [nil, Template.Format.json] {
                guard let bytes = try? Formatter.format(t, as: format) else { continue }
                do {
                    let back = try Template(bytes: bytes, path: path + ".out")
                    let d = differ.diff(t, back)
                    if !d.isEmpty { return (checked, "\(rel) (\(format?.rawValue ?? "fmt")):\n\(d.render(as: .text))") }
                    checked += 1
                } catch {
                    return (checked, "\(rel): output does not decode: \(error)")
                }
            }
            return (checked, nil)
        }
        let failures = results.compactMap(\.failure)
        #expect(failures.isEmpty, "\(failures.count) templates differ, first: \(failures.first ?? "")")
        let checked = results.reduce(0) { $0 + $1.checked }
        // Templates that do not decode (the corpus has deliberately broken ones) are skipped.
        #expect(checked > 1_400, "only \(checked) outputs checked")
    }
}
