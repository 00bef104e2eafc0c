import Foundation
import Testing

@testable import CFNModel

@Suite("Pattern: linear-time regular expressions for untrusted patterns")
struct PatternTests {
    @Test(
        "matches as Python's re and CloudFormation's AllowedPattern do",
        arguments: [
            // (pattern, text, search, whole)
            ("^[a-z]+$", "abc", true, true), ("^[a-z]+$", "abC", false, false), ("[0-9]", "a1b", true, false),
            ("^(dev|prod)$", "prod", true, true), ("^(dev|prod)$", "production", false, false),
            ("^\\d{3}-\\d{4}$", "555-1234", true, true), ("^\\d{3}-\\d{4}$", "55-1234", false, false),
            ("^[a-zA-Z][-a-zA-Z0-9]*$", "my-stack-1", true, true), ("^[^@]+@[^@]+\\.[a-z]{2,}$", "a@b.io", true, true),
            ("(?:ab)+c", "xxababc", true, false), ("^a{2,3}$", "aaaa", false, false), ("^a{2,}$", "aaaa", true, true),
            ("^\\w+\\s\\w+$", "hello world", true, true), ("arn:aws:[a-z0-9-]+:.*", "arn:aws:s3:::bucket", true, true),
            ("^$", "", true, true), ("x*", "", true, true), ("^(?P<name>[a-z]+)$", "abc", true, true),
            ("^[\\w.-]+$", "a.b-c_d", true, true), ("\\.", "a.b", true, false), ("^[]a]+$", "a]a", true, true),
            ("colou?r", "The color", true, false), ("^.*$", "line", true, true), ("^a.c$", "a\nc", false, false),
        ]
    )
    func semantics(_ pattern: String, _ text: String, _ search: Bool, _ whole: Bool) throws {
        let p = try Pattern(pattern)
        #expect(p.search(text) == search, "\(pattern) search \(text)")
        #expect(p.matchesWhole(text) == whole, "\(pattern) whole \(text)")
    }

    @Test("catastrophic patterns finish at once: ^(a+)+$ against 10,000 a's and a b")
    func noBacktracking() throws {
        let evil = String(repeating: "a", count: 10_000) + "b"
        for pattern in ["^(a+)+$", "^(a|aa)+$", "^(a|a?)+$", "(x+x+)+y", "^(\\w+\\s?)*$"] {
            let p = try Pattern(pattern)
            #expect(!p.matchesWhole(evil) || pattern == "^(\\w+\\s?)*$", "\(pattern)")
        }
        #expect(try Pattern("^(a+)+$").matchesWhole(String(repeating: "a", count: 10_000)))
    }

    @Test(
        "what it cannot take is an error to report as skipped, never a crash",
        arguments: ["(a)\\1", "(?=a)b", "(?i)abc", "a++", "[a-", "(ab", "*a", "a{1,100000}{1,100000}", "\\b"]
    )
    func unsupported(_ pattern: String) {
        #expect(throws: Pattern.Unsupported.self) { try Pattern(pattern) }
    }

    /// A fixed sequence of pseudo-random numbers (SplitMix64), so a failure can be rerun.
    struct Numbers {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static func randomPattern(_ r: inout Numbers, depth: Int = 0) -> String {
        let atoms = ["a", "b", "[ab]", "[^a]", ".", "\\d", "\\n", "^", "$", "é"]
        var out = ""
        for _ in 0..<(1 + r.next(4)) {
            var atom =
                depth < 2 && r.next(5) == 0
                ? "(" + randomPattern(&r, depth: depth + 1) + (r.next(2) == 0 ? "|" + randomPattern(&r, depth: depth + 1) : "") + ")"
                : atoms[r.next(atoms.count)]
            if atom != "^" && atom != "$" { atom += ["", "", "*", "+", "?", "{1,2}", "{2}", "*?"][r.next(8)] }
            out += atom
        }
        return out
    }

    @Test("the state table answers as the set simulation does: 3,000 random patterns, 20 texts each")
    func stateTableAgrees() throws {
        var r = Numbers(state: 42)
        let letters: [String] = ["a", "b", "1", "\n", "é", "c"]
        var compared = 0
        for _ in 0..<3_000 {
            let source = Self.randomPattern(&r)
            guard let p = try? Pattern(source) else { continue }
            for _ in 0..<20 {
                let text = (0..<r.next(8)).map { _ in letters[r.next(letters.count)] }.joined()
                let scalars = Array(text.unicodeScalars)
                #expect(
                    p.search(text) == p.simulate(scalars, anchoredStart: false, wholeText: false),
                    "\(source) search \(text.debugDescription)"
                )
                #expect(
                    p.matchesPrefix(text) == p.simulate(scalars, anchoredStart: true, wholeText: false),
                    "\(source) prefix \(text.debugDescription)"
                )
                #expect(
                    p.matchesWhole(text) == p.simulate(scalars, anchoredStart: true, wholeText: true),
                    "\(source) whole \(text.debugDescription)"
                )
                compared += 1
            }
        }
        #expect(compared > 40_000)
    }

    @Test("one pattern searched from many threads at once answers each as alone")
    func sharedAcrossThreads() throws {
        let p = try Pattern("^arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$")
        let texts = (0..<400).map { i in i % 3 == 0 ? "arn:aws:iam::123456789012:role/r\(i)" : "arn:aws:iam::12345:role/r\(i)" }
        let answers = Parallel.map(texts, jobs: 4) { p.matchesWhole($0) }
        #expect(answers == texts.map { p.simulate(Array($0.unicodeScalars), anchoredStart: true, wholeText: true) })
        #expect(answers.filter { $0 }.count == 134)
    }
}
