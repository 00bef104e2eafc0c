import CFNModel
import Foundation
import Testing

@testable import CFNLint

/// The fixes: each rule's documented fix examples, the applier, the fixer's test of each pass,
/// and the diff that `lint --diff` prints.
@Suite("Fixes")
struct FixTests {
    static let rulesWithFixes: [String] = Linter.rules.filter { !$0.info.fixes.isEmpty }.map { $0.info.id }

    /// The fixer, as of the example's `# as-of:` day (2026-11-25 without one).
    static func fixer(_ text: String, _ level: Fix.Safety) -> Fixer {
        var asOf = LintDate("2026-11-25")!
        if text.hasPrefix("# as-of: "), let day = LintDate(String(text.dropFirst(9).prefix(10))) { asOf = day }
        return Fixer(linter: Linter(options: LintOptions(asOf: asOf)), level: level)
    }

    static func path(_ text: String) -> String { text.hasPrefix("{") ? "example.json" : "example.yaml" }

    @Test("the rules that fix are those the README lists")
    func listed() throws {
        #expect(
            Set(Self.rulesWithFixes).isSuperset(of: [
                "W3091", "W1020", "W3005", "E3030", "E3002", "E1029", "W2531", "W2001", "W3011", "E1001", "E2001", "E3001",
            ])
        )
        let readme = try String(contentsOfFile: #filePath.components(separatedBy: "/Tests/")[0] + "/README.md", encoding: .utf8)
        for id in Self.rulesWithFixes { #expect(readme.contains("| \(id) |"), "README's fix table lacks \(id)") }
    }

    @Test("each fix example's before, fixed, is its after, and fixing again changes nothing", arguments: rulesWithFixes)
    func examples(_ id: String) throws {
        let info = try #require(Linter.rules.first { $0.info.id == id }).info
        for example in info.fixes {
            let fixer = Self.fixer(example.before, example.safety)
            let outcome = fixer.fix(bytes: Array(example.before.utf8), path: Self.path(example.before))
            #expect(String(decoding: outcome.bytes, as: UTF8.self) == example.after, "\(id):\n\(example.before)")
            #expect(outcome.fixed.contains { $0.ruleId == id }, "\(id): the example fixes no finding of its own rule")
            #expect(outcome.refused.isEmpty, "\(id): \(outcome.refused.map(\.reason))")
            let again = fixer.fix(bytes: outcome.bytes, path: Self.path(example.before))
            #expect(!again.changed, "\(id): a second pass changed the text")
            if example.safety == .unsafe {
                // Without --unsafe-fixes the rule's own fixes stay out.
                let safeOnly = Self.fixer(example.before, .safe).fix(bytes: Array(example.before.utf8), path: Self.path(example.before))
                #expect(safeOnly.fixed.allSatisfy { $0.fix?.safety == .safe }, "\(id): an unsafe fix applied as a safe one")
                #expect(String(decoding: safeOnly.bytes, as: UTF8.self) != example.after, "\(id): the example needs no unsafe fix")
            }
        }
    }

    @Test("overlapping fixes wait for the next pass; the same fix twice is applied once")
    func applier() {
        let text = Array("abcdefghij".utf8)
        let a = Fix(title: "a", safety: .safe, edits: [TextEdit(start: 1, end: 3, text: "X")])
        let overlapping = Fix(title: "b", safety: .safe, edits: [TextEdit(start: 2, end: 4, text: "Y")])
        let same = Fix(title: "a again", safety: .safe, edits: [TextEdit(start: 1, end: 3, text: "X")])
        let later = Fix(title: "c", safety: .safe, edits: [TextEdit(start: 5, end: 5, text: "+"), TextEdit(start: 8, end: 10, text: "")])
        let insertAtEnd = Fix(title: "d", safety: .safe, edits: [TextEdit(start: 3, end: 3, text: "!")])
        let outOfBounds = Fix(title: "e", safety: .safe, edits: [TextEdit(start: 9, end: 12, text: "")])
        let r = FixApplier.apply([a, overlapping, same, later, insertAtEnd, outOfBounds], to: text)
        #expect(String(decoding: r.bytes, as: UTF8.self) == "aXde+fgh")
        #expect(r.applied == [0, 2, 3])
        #expect(r.deferred == [1, 4, 5])
    }

    @Test("a fix whose text gains a finding is left out and the reason given; the others stay")
    func refusedAlone() {
        // Renaming `BucketName1` to `BucketName` makes its value a bucket name, which
        // `Bad_Name` is not: that fix goes; quoting `yes` stays.
        let text = """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName1: Bad_Name
              Flag:
                Type: AWS::SSM::Parameter
                Properties:
                  Type: String
                  Value: yes

            """
        let outcome = Fixer(linter: Linter(), level: .unsafe).fix(bytes: Array(text.utf8), path: "t.yaml")
        #expect(String(decoding: outcome.bytes, as: UTF8.self) == text.replacingOccurrences(of: "Value: yes", with: "Value: \"yes\""))
        #expect(outcome.refused.map(\.finding.ruleId) == ["E3002"])
        #expect(outcome.refused.first?.reason.contains("gains E") == true)
    }

    @Test("on a SAM template the fix edits the SAM source: one Globals runtime fixes every function's finding")
    func samSource() {
        let text = """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: nodejs12.x # for every function
            Resources:
              Get:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: index.get
                  CodeUri: src/
              Put:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: index.put
                  CodeUri: src/
              Flag:
                Type: AWS::SSM::Parameter
                Properties:
                  Type: String
                  Value: off

            """
        let outcome = Fixer(linter: Linter(options: LintOptions(asOf: LintDate("2026-11-25")!)), level: .unsafe)
            .fix(bytes: Array(text.utf8), path: "sam.yaml")
        let expected = text.replacingOccurrences(of: "nodejs12.x", with: "nodejs24.x").replacingOccurrences(
            of: "Value: off",
            with: "Value: \"off\""
        )
        #expect(String(decoding: outcome.bytes, as: UTF8.self) == expected)
        #expect(outcome.fixed.filter { $0.ruleId == "E2533" }.count == 2)
        #expect(outcome.after.isEmpty, "\(outcome.after.map(\.message))")
    }

    static let root = #filePath.components(separatedBy: "/Tests/")[0]
    static let fuzzInputs: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/Fuzz/regressions")) ?? []).filter { $0.hasPrefix("fix-") }.sorted()

    /// fuzz-fix's finds (Fuzz/regressions/fix-*). The first: a SAM template whose transformed
    /// output gives a generated DependsOn a made-up range past the text's end, which the
    /// builder that removes an entry read (out of bounds) before any check.
    @Test("fuzz-fix inputs: the fixer ends, the result parses, a second pass is the identity", arguments: fuzzInputs)
    func fuzzRegressions(_ name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.root + "/Fuzz/regressions/" + name)))
        let linter = Linter(options: LintOptions(asOf: LintDate("2026-11-25")!))
        let fixer = Fixer(linter: linter, level: .unsafe)
        let outcome = fixer.fix(bytes: bytes, path: name)
        guard outcome.changed else { return }
        #expect(linter.lint(bytes: outcome.bytes, path: name).parsed)
        #expect(!fixer.fix(bytes: outcome.bytes, path: name).changed)
    }

    @Test("a text that does not parse is left alone")
    func unparsed() {
        let outcome = Fixer(linter: Linter()).fix(bytes: Array("Resources: [".utf8), path: "t.yaml")
        #expect(!outcome.parsed && !outcome.changed)
    }

    @Test("a comment on a line a fix would remove keeps the line")
    func commentsStay() {
        let text = """
            Resources:
              Key:
                Type: AWS::KMS::Key
              Alias:
                Type: AWS::KMS::Alias
                DependsOn:
                  - Key # keep the key first
                  - Other
                Properties:
                  AliasName: alias/data
                  TargetKeyId: !Ref Key
              Other:
                Type: AWS::SNS::Topic

            """
        let outcome = Fixer(linter: Linter()).fix(bytes: Array(text.utf8), path: "t.yaml")
        #expect(outcome.before.contains { $0.ruleId == "W3005" })
        #expect(!outcome.changed)
    }

    @Test("the diff is the one diff -u prints", arguments: [0, 1, 2, 3])
    func diffMatchesDiffU(_ seed: Int) throws {
        // Texts of numbered lines, changed here and there (with and without a last newline).
        var rng = SplitMix(seed: UInt64(seed + 1))
        let old = (0..<60).map { "line \($0)" }
        var new = old
        for _ in 0..<(3 + seed * 2) {
            let at = Int(rng.next() % UInt64(new.count))
            switch rng.next() % 3 {
            case 0: new.remove(at: at)
            case 1: new.insert("added \(rng.next() % 100)", at: at)
            default: new[at] = "changed \(rng.next() % 100)"
            }
        }
        let a = Array((old.joined(separator: "\n") + "\n").utf8)
        let b = Array((new.joined(separator: "\n") + (seed == 3 ? "" : "\n")).utf8)
        let ours = UnifiedDiff.render(old: a, new: b, path: "t.yaml")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfntool-diff-\(getpid())-\(seed)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(a).write(to: dir.appendingPathComponent("a"))
        try Data(b).write(to: dir.appendingPathComponent("b"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        p.arguments = ["-u", dir.appendingPathComponent("a").path, dir.appendingPathComponent("b").path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let theirs = String(decoding: out, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2)
        // Both are shortest scripts; where several are as short, the hunks' lines may differ in
        // order only, so compare the headers and the lines of each kind.
        let mine = ours.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2)
        #expect(mine.filter { $0.hasPrefix("@@") } == theirs.filter { $0.hasPrefix("@@") })
        #expect(mine.filter { $0.hasPrefix("-") }.sorted() == theirs.filter { $0.hasPrefix("-") }.sorted())
        #expect(mine.filter { $0.hasPrefix("+") }.sorted() == theirs.filter { $0.hasPrefix("+") }.sorted())
        #expect(mine.filter { $0.hasPrefix("\\") } == theirs.filter { $0.hasPrefix("\\") })
        #expect(UnifiedDiff.render(old: a, new: a, path: "t.yaml").isEmpty)
    }
}

/// A small seeded generator: the same texts on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
