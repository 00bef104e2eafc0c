import CFNModel
import Foundation
import Testing

/// Every real template in ../shared/corpus: decoding agrees with the reference, writing loses nothing.
@Suite("Corpus")
struct CorpusTests {
    static let shards = 8

    /// Lines of the reference linter's E0000 (parse error) findings for a template.
    static func referenceParseErrorLines(_ rel: String) -> Set<Int> {
        let path = Fixtures.corpus + "/expected/" + rel + ".json"
        guard let data = FileManager.default.contents(atPath: path),
            let findings = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [] }
        var lines: Set<Int> = []
        for f in findings {
            guard let rule = f["Rule"] as? [String: Any], rule["Id"] as? String == "E0000" else { continue }
            let start = (f["Location"] as? [String: Any])?["Start"] as? [String: Any]
            lines.insert(start?["LineNumber"] as? Int ?? 0)
        }
        return lines
    }

    static func shard(_ k: Int) -> [String] {
        Fixtures.corpusPaths.enumerated().filter { $0.offset % shards == k }.map(\.element)
    }

    @Test("the corpus is present")
    func corpusPresent() {
        #expect(Fixtures.corpusPaths.count > 800, "expected ../shared/corpus beside the checkout")
    }

    @Test("decodes every template, or fails where the reference fails, at the same line", arguments: 0..<shards)
    func decodeAgreesWithReference(_ k: Int) throws {
        var failures = 0
        for rel in Self.shard(k) {
            let expected = Self.referenceParseErrorLines(rel)
            do {
                _ = try Template(contentsOf: Fixtures.corpusFile(rel))
                #expect(expected.isEmpty, "\(rel): the reference cannot parse it (line \(expected.sorted())) but cfntool can")
            } catch {
                failures += 1
                #expect(!expected.isEmpty, "\(rel): \(error)")
                #expect(expected.contains(error.position.line), "\(rel): error at \(error.position), reference at \(expected.sorted())")
            }
        }
        #expect(failures <= 2)
    }

    @Test(
        "decode -> YAML -> decode and decode -> JSON -> decode give the same model; fmt is idempotent and keeps comments",
        arguments: 0..<shards
    )
    func roundTrips(_ k: Int) throws {
        for rel in Self.shard(k) {
            guard let t = try? Template(contentsOf: Fixtures.corpusFile(rel), options: DecodeOptions(keepComments: true)) else { continue }
            for format in Template.Format.allCases {
                let out = Formatter.render(t, as: format)
                let back = try Template(bytes: out, path: rel, options: DecodeOptions(keepComments: true))
                #expect(back.format == format)
                #expect(t.firstDifference(from: back) == nil, "\(rel) via \(format): \(t.firstDifference(from: back) ?? "")")
                if format == t.format {
                    let again = Formatter.render(back, as: format)
                    #expect(again == out, "\(rel): fmt is not idempotent")
                    #expect(
                        back.comments.count == t.comments.count,
                        "\(rel): \(t.comments.count) comments before fmt, \(back.comments.count) after"
                    )
                }
            }
        }
    }
}
