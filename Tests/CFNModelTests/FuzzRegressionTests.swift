import CFNModel
import Foundation
import Testing

/// Inputs that the fuzz targets (Fuzz/, `make fuzz`) found, kept in Fuzz/regressions/ and named
/// after the target that found them: each must now give the fixed behaviour.
enum FuzzRegressions {
    static let directory = Fixtures.root + "/Fuzz/regressions"

    /// The file names of the inputs found by `target` (`yaml`, `json`, `fmt`, ...).
    static func names(_ target: String) -> [String] {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return all.filter { $0.hasPrefix(target + "-") }.sorted()
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
    }
}

@Suite("fuzz regressions: decoding and fmt")
struct FuzzRegressionTests {
    @Test(
        "yaml and json inputs decode or give a positioned error",
        arguments: FuzzRegressions.names("yaml") + FuzzRegressions.names("json")
    )
    func decodes(_ name: String) throws {
        let bytes = try FuzzRegressions.bytes(name)
        do {
            _ = try Template(bytes: bytes, path: name, options: DecodeOptions(keepComments: true))
        } catch {
            #expect(error.position.line >= 1, "\(error)")
        }
    }

    @Test("fmt inputs: the rendered output decodes to the same template", arguments: FuzzRegressions.names("fmt"))
    func fmtRoundTrip(_ name: String) throws {
        let bytes = try FuzzRegressions.bytes(name)
        guard let t = try? Template(bytes: bytes, path: name, options: DecodeOptions(keepComments: true)) else { return }
        for format in Template.Format.allCases {
            let out = Formatter.render(t, as: format)
            let again = try Template(bytes: out, path: name, options: DecodeOptions(keepComments: true, maxBytes: Int.max))
            #expect(t.isSemanticallyEqual(to: again), "\(format): \(t.firstDifference(from: again) ?? "")")
        }
    }

    /// fuzz-fmt's first finding (Fuzz/regressions/fmt-long-key-*): YAML reads an implicit key
    /// only up to 1024 characters, so a longer key (from JSON) made YAML output that did not parse.
    @Test("a key over 1024 characters is written as an explicit `? key` and reads back")
    func longKeyIsExplicit() throws {
        let key = String(repeating: "k", count: 1100)
        let t = try Template(text: #"{"Resources": {"A": {"Type": "T", "Properties": {"L": [{"\#(key)": 1}], "\#(key)": "v"}}}}"#)
        let out = Formatter.render(t, as: .yaml)
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.contains("      ? " + key + "\n      : v\n"))
        #expect(text.contains("        - ? " + key + "\n          : 1\n"))
        #expect(try Formatter.format(t, as: .yaml) == out)
    }

    /// fuzz-fmt's second finding (Fuzz/regressions/fmt-empty-map): `{}` written as YAML was
    /// empty output, which reads back as no template at all.
    @Test("an empty template is written as `{}` in YAML and reads back")
    func emptyTemplate() throws {
        for source in ["{}", "--- {}\n", "# only a comment\n{}\n"] {
            let t = try Template(text: source, options: DecodeOptions(keepComments: true))
            let out = try Formatter.format(t, as: .yaml)
            #expect(String(decoding: out, as: UTF8.self).hasSuffix("{}\n"))
            #expect(try Template(bytes: out).root.isEmpty)
        }
    }

    /// fuzz-split's second finding (Fuzz/regressions/split-sub-unclosed): an unclosed `${` at the
    /// end of a `Fn::Sub` string came back as `${!`, and so changed the string on every round.
    @Test("Fn::Sub strings come back as written", arguments: ["${", "a ${!b", "x ${A} ${", "${!Literal}", "${A}${!B} ${ C }", "$${X}{"])
    func subTemplateRoundTrip(_ source: String) {
        let once = SubTemplate(source).string
        #expect(SubTemplate(once) == SubTemplate(source))
        #expect(SubTemplate(once).string == once)
    }

    @Test("an unclosed `${` at the end is kept as written")
    func subUnclosedTail() {
        #expect(SubTemplate("${").string == "${")
        #expect(SubTemplate("arn:${AWS::Partition}:s3:::${").string == "arn:${AWS::Partition}:s3:::${")
        #expect(SubTemplate(parts: [.literal("${Literal}")]).string == "${!Literal}")
    }

    /// fuzz-split's third finding (Fuzz/regressions/split-nan): a `.nan` never equalled itself.
    @Test("`.nan` equals itself, and fmt keeps a template that has one")
    func nanEqualsItself() throws {
        let t = try Template(text: "Resources:\n  i:\n    C: .nan\n    D: [.NaN, .inf]\n")
        guard case .number(let n)? = t.resources.first?.node["C"]?.value else {
            Issue.record("C is not a number")
            return
        }
        #expect(n == n && n.hashValue == Number(text: ".NaN", kind: .float, canonical: "NaN").hashValue)
        #expect(t.isSemanticallyEqual(to: t))
        let out = try Formatter.format(t)
        #expect(String(decoding: out, as: UTF8.self).contains("C: .nan"))
    }

    /// fuzz-split's first finding (Fuzz/regressions/split-parallel-map-leak): `Parallel.map` freed
    /// its result slots without deinitializing them, so every result it returned leaked.
    @Test("Parallel.map releases every result it computed")
    func parallelMapReleasesResults() {
        final class Tracked: Sendable {
            let count: Counter
            init(_ count: Counter) { self.count = count }
            deinit { count.add() }
        }
        let released = Counter()
        do {
            let out = Parallel.map(Array(0..<64), jobs: 4) { _ in Tracked(released) }
            #expect(out.count == 64)
        }
        #expect(released.value == 64)
    }
}

/// A thread-safe count for the test above.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
}
