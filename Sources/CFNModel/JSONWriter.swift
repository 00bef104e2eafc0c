/// Writes a node tree as JSON: `indent` spaces per level, keys in the tree's order, functions in
/// long form, numbers in their source spelling when it is valid JSON and their value otherwise.
struct JSONWriter {
    private(set) var out: [UInt8] = []
    let indent: Int

    init(indent: Int) {
        self.indent = indent
        out.reserveCapacity(1 << 16)
    }

    private mutating func write(_ s: String) { out.append(contentsOf: s.utf8) }

    /// Spaces to indent with, copied a run at a time.
    private static let spaces = [UInt8](repeating: 32, count: 128)

    private mutating func newline(_ depth: Int) {
        out.append(10)
        var n = depth * indent
        while n > 0 {
            let k = Swift.min(n, JSONWriter.spaces.count)
            out.append(contentsOf: JSONWriter.spaces[0..<k])
            n -= k
        }
    }

    mutating func writeDocument(_ node: Node) {
        writeValue(node, depth: 0)
        out.append(10)
    }

    mutating func writeValue(_ node: Node, depth: Int) {
        switch node.value {
        case .string(let s): writeString(s)
        case .number(let n): write(JSONWriter.numberText(n))
        case .bool(let b): write(b ? "true" : "false")
        case .null: write("null")
        case .list(let items):
            if items.isEmpty {
                write("[]")
                return
            }
            out.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                writeValue(item, depth: depth + 1)
            }
            newline(depth)
            out.append(UInt8(ascii: "]"))
        case .map(let m):
            if m.isEmpty {
                write("{}")
                return
            }
            out.append(UInt8(ascii: "{"))
            for (k, e) in m.entries.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                writeString(e.key)
                write(": ")
                writeValue(e.value, depth: depth + 1)
            }
            newline(depth)
            out.append(UInt8(ascii: "}"))
        case .function(let f):
            out.append(UInt8(ascii: "{"))
            newline(depth + 1)
            writeString(f.name.rawValue)
            write(": ")
            if f.name == .getAtt && f.dotted && f.form == .long, let (r, a) = f.getAttTarget {
                writeString(r + "." + a)
            } else {
                writeValue(f.argument, depth: depth + 1)
            }
            newline(depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The JSON spelling of a number: its source text when that is valid JSON.
    static func numberText(_ n: Number) -> String {
        if isJSONNumber(n.text) { return n.text }
        switch n.canonical {
        case "Infinity": return "1e999"
        case "-Infinity": return "-1e999"
        case "NaN": return "NaN"
        default: return n.canonical
        }
    }

    static func isJSONNumber(_ s: String) -> Bool {
        let u = Array(s.utf8)
        var i = 0
        func digits() -> Int {
            let s = i
            while i < u.count && u[i] >= 48 && u[i] <= 57 { i += 1 }
            return i - s
        }
        if i < u.count && u[i] == UInt8(ascii: "-") { i += 1 }
        guard i < u.count else { return false }
        if u[i] == UInt8(ascii: "0") {
            i += 1
        } else if digits() == 0 {
            return false
        }
        if i < u.count && u[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0 { return false }
        }
        if i < u.count && (u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E")) {
            i += 1
            if i < u.count && (u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-")) { i += 1 }
            if digits() == 0 { return false }
        }
        return i == u.count
    }

    private mutating func writeString(_ s: String) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { b in
            // Runs of bytes that need no escape are copied at once.
            var run = 0
            for i in 0..<b.count {
                let c = b[i]
                if c >= 0x20 && c != 0x7F && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i]))
                run = i + 1
                switch c {
                case UInt8(ascii: "\""): write("\\\"")
                case UInt8(ascii: "\\"): write("\\\\")
                case 10: write("\\n")
                case 13: write("\\r")
                case 9: write("\\t")
                case 8: write("\\b")
                case 12: write("\\f")
                default:
                    let h = String(c, radix: 16)
                    write("\\u" + String(repeating: "0", count: 4 - h.count) + h)
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<b.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
