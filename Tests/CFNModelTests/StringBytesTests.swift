import CFNModel
import Testing

@Suite("containsBytes: byte search in UTF-8")
struct StringBytesTests {
    @Test("answers as a byte-by-byte search does: native strings, substrings, bridged-free and non-ASCII text")
    func agrees() {
        let needles = ["{{resolve:", "${", "://", "List<", "é", "a"]
        let texts = [
            "", "{{resolve:ssm:/a}}", "x{{resolve", "{{resolve:", "arn:${AWS::Region}", "https://x", "List<String>",
            "Liste", "caf\u{E9}", "cafe\u{301}", String(repeating: "{", count: 5_000) + "{resolve:" + "{{resolve:",
            String(repeating: "ab", count: 10_000),
        ]
        func naive(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
            guard hay.count >= needle.count else { return false }
            return (0...(hay.count - needle.count)).contains { Array(hay[$0..<($0 + needle.count)]) == needle }
        }
        for text in texts {
            for needle in needles {
                #expect(text.containsBytes(needle) == naive(Array(text.utf8), Array(needle.utf8)), "\(needle) in \(text.prefix(40))")
                let sub = text.dropFirst(1)
                #expect(sub.containsBytes(needle) == naive(Array(sub.utf8), Array(needle.utf8)), "\(needle) in substring")
            }
        }
        #expect("anything".containsBytes(""))
    }
}
