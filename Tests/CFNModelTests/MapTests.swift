import CFNModel
import Testing

@Suite("Map: ordered keys, found by scan or by index")
struct MapTests {
    /// A map of `n` entries `k0: 0`, `k1: 1`, ... (over 12 entries it keeps a hash index).
    private func numbered(_ n: Int) -> Map {
        var m = Map()
        for i in 0..<n { m["k\(i)"] = .string("\(i)") }
        return m
    }

    @Test("removing entries keeps every other key found at its value, small and indexed maps alike", arguments: [5, 40])
    func removeKeepsLookups(_ n: Int) {
        var m = numbered(n)
        var kept = Array(0..<n)
        // First, last and middle entries, in that order.
        for i in [0, n - 1, n / 2] {
            #expect(m.remove("k\(i)")?.stringValue == "\(i)")
            kept.removeAll { $0 == i }
        }
        #expect(m.remove("k0") == nil)
        #expect(m.keys == kept.map { "k\($0)" })
        for i in kept { #expect(m["k\(i)"]?.stringValue == "\(i)") }
        for i in [0, n - 1, n / 2] { #expect(m["k\(i)"] == nil) }
        // A key added after the removals goes last and is found.
        m["new"] = "x"
        #expect(m.keys.last == "new")
        #expect(m["new"]?.stringValue == "x")
    }

    @Test("setValue(_:at:) and setKeyRange(_:at:) change one entry and keep its key")
    func setAtIndex() {
        var m = numbered(20)
        let at = m.indexOf("k7")!
        m.setValue("seven", at: at)
        let range = SourceRange(start: SourcePosition(line: 3, column: 1, offset: 10), end: SourcePosition(line: 3, column: 3, offset: 12))
        m.setKeyRange(range, at: at)
        #expect(m["k7"]?.stringValue == "seven")
        #expect(m[entry: "k7"]?.keyRange == range)
        #expect(m.keys == (0..<20).map { "k\($0)" })
    }
}
