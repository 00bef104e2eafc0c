import CFNModel
import Testing

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
}
