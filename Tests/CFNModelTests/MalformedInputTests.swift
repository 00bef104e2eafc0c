import CFNModel
import Testing

@Suite("Malformed input: positioned errors, never a crash or a hang")
struct MalformedInputTests {
    /// (name, input, expected line, expected column, words the message must hold)
    static let cases: [(String, String, Int, Int, String)] = [
        ("duplicate key", "Resources:\n  A: {Type: X}\n  A: {Type: Y}\n", 3, 3, "duplicate key 'A'"),
        ("duplicate key in JSON", "{\"Resources\": {},\n \"Resources\": {}}", 2, 2, "duplicate key 'Resources'"),
        ("unknown tag", "Resources:\n  A: !Reff X\n", 2, 6, "unknown tag '!Reff'"),
        ("python tag", "A: !!python/object:os.system x\n", 1, 4, "unknown tag"),
        ("tab indentation", "Resources:\n\tA: 1\n", 2, 1, "tab"),
        ("truncated quote", "Resources:\n  A: \"abc\n", 3, 1, "end of stream"),
        ("truncated JSON", "{\"Resources\": {\"A\": [1, 2", 1, 26, "ends inside a list"),
        ("empty file", "", 1, 1, "empty"),
        ("only comments", "# nothing here\n", 1, 1, "empty"),
        ("top-level list", "- a\n- b\n", 1, 1, "mapping"),
        ("top-level string", "hello\n", 1, 1, "mapping"),
        ("two documents", "A: 1\n---\nB: 2\n", 2, 1, "second one"),
        ("null key", "~: 1\n", 1, 1, "null"),
        ("complex key", "? [a, b]\n: c\n", 1, 3, "key"),
        ("unknown alias", "A: *nope\n", 1, 4, "no anchor"),
        ("JSON trailing garbage", "{\"A\": 1} x", 1, 10, "after the end"),
        ("JSON bad escape", "{\"A\": \"\\q\"}", 1, 8, "escape"),
        ("JSON missing colon", "{\n  \"A\" 1}", 2, 7, "':'"),
        ("function as key", "!Ref A: 1\n", 1, 1, "key"),
    ]

    @Test("each malformed case gives a CFNError at the right place", arguments: 0..<cases.count)
    func malformed(_ i: Int) throws {
        let (name, input, line, column, words) = Self.cases[i]
        let e = try #require(decodeError(input), "\(name) should fail")
        #expect(e.position.line == line, "\(name): \(e)")
        #expect(e.position.column == column, "\(name): \(e)")
        #expect(e.message.contains(words), "\(name): \(e.message)")
        #expect(e.description.hasPrefix("bad.yaml:\(line):\(column): "))
    }

    @Test("binary garbage and invalid UTF-8 are errors, in YAML and JSON")
    func binary() throws {
        var garbage: [UInt8] = []
        var x: UInt32 = 12345
        for _ in 0..<4096 {
            x = x &* 1_103_515_245 &+ 12345
            garbage.append(UInt8(truncatingIfNeeded: x >> 16))
        }
        #expect(decodeError(bytes: garbage) != nil)
        let e = try #require(decodeError(bytes: Array("A: ok\nB: ".utf8) + [0xFF, 0xFE] + Array("\n".utf8)))
        #expect(e.position.line == 2 && e.message.contains("UTF-8"))
        let j = try #require(decodeError(bytes: Array("{\"A\":\n \"".utf8) + [0xC3, 0x28] + Array("\"}".utf8)))
        #expect(j.position.line == 2 && j.message.contains("UTF-8"))
        #expect(decodeError(bytes: [0, 0, 0, 0]) != nil)
    }

    @Test("10,000 levels of nesting stop at the depth limit, in YAML and JSON")
    func deepNesting() throws {
        let n = 10_000
        let flow = "A: " + String(repeating: "[", count: n) + String(repeating: "]", count: n)
        let e = try #require(decodeError(flow))
        #expect(e.kind == .limit && e.message.contains("deeper than 512"))
        #expect(e.position.line == 1 && e.position.column == 3 + 512, "the root mapping is the first of the 512 levels")
        var block = ""
        for d in 0..<n { block += String(repeating: " ", count: d) + "k:\n" }
        #expect(decodeError(block)?.kind == .limit)
        let json = "{\"A\": " + String(repeating: "[", count: n) + String(repeating: "]", count: n) + "}"
        #expect(decodeError(json)?.kind == .limit)
    }

    @Test("alias bombs stop at the expansion limit")
    func billionLaughs() throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for k in 1...9 {
            let refs = Array(repeating: "*a\(k - 1)", count: 10).joined(separator: ", ")
            text += "a\(k): &a\(k) [\(refs)]\n"
        }
        let e = try #require(decodeError(text))
        #expect(e.kind == .limit && e.message.contains("aliases"))
    }

    @Test("inputs over the size limit are refused before parsing")
    func tooBig() throws {
        let big = [UInt8](repeating: UInt8(ascii: "#"), count: 50 << 20)
        let e = try #require(decodeError(bytes: big))
        #expect(e.kind == .limit && e.position.line == 1 && e.message.contains("limit"))
    }
}
