/// A JSON reader that keeps positions: RFC 8259 with duplicate-key detection, a depth bound
/// and 1-based line/column positions on every node. Tabs are plain whitespace (libyaml rejects
/// them, which is why JSON templates get their own reader).
struct JSONReader {
    let path: String
    let options: DecodeOptions
    let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var line = 1
    private var lineStart = 0
    /// UTF-8 continuation bytes seen since `lineStart`, so columns count characters.
    private var extraBytes = 0
    private var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>, path: String, options: DecodeOptions) {
        self.b = bytes
        self.path = path
        self.options = options
    }

    private var pos: SourcePosition {
        SourcePosition(line: line, column: i - lineStart - extraBytes + 1, offset: i)
    }

    private func fail(_ message: String, at p: SourcePosition? = nil) -> CFNError {
        CFNError(file: path, position: p ?? pos, message: message, kind: .syntax)
    }

    mutating func decode() throws(CFNError) -> Node {
        if let bad = JSONReader.firstInvalidUTF8(b) {
            i = bad
            recountLine()
            throw fail("the file is not UTF-8 text (invalid byte 0x\(String(b[bad], radix: 16)))")
        }
        skipSpace()
        if i >= b.count {
            throw CFNError(
                file: path,
                position: pos,
                message: "the file is empty; a template is a mapping with a Resources section",
                kind: .notTemplate
            )
        }
        let node = try value()
        skipSpace()
        if i < b.count { throw fail("unexpected text after the end of the JSON document") }
        return node
    }

    /// Recomputes line and column bookkeeping for an offset reached without scanning.
    private mutating func recountLine() {
        line = 1
        lineStart = 0
        extraBytes = 0
        var k = 0
        while k < i {
            if b[k] == 10 {
                line += 1
                lineStart = k + 1
                extraBytes = 0
            } else if b[k] & 0xC0 == 0x80 {
                extraBytes += 1
            }
            k += 1
        }
    }

    static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var k = 0
        let n = b.count
        while k < n {
            let c = b[k]
            if c < 0x80 {
                k += 1
                continue
            }
            let len: Int
            var minScalar: UInt32
            if c & 0xE0 == 0xC0 {
                len = 2
                minScalar = 0x80
            } else if c & 0xF0 == 0xE0 {
                len = 3
                minScalar = 0x800
            } else if c & 0xF8 == 0xF0 {
                len = 4
                minScalar = 0x10000
            } else {
                return k
            }
            guard k + len <= n else { return k }
            var scalar = UInt32(c) & (0xFF >> (len + 1))
            for j in 1..<len {
                let d = b[k + j]
                guard d & 0xC0 == 0x80 else { return k }
                scalar = scalar << 6 | UInt32(d & 0x3F)
            }
            if scalar < minScalar || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) { return k }
            k += len
        }
        return nil
    }

    private mutating func skipSpace() {
        while i < b.count {
            switch b[i] {
            case 32, 9, 13:
                i += 1
            case 10:
                i += 1
                line += 1
                lineStart = i
                extraBytes = 0
            default:
                return
            }
        }
    }

    private mutating func value() throws(CFNError) -> Node {
        guard i < b.count else { throw fail("the JSON ends in the middle of a value") }
        let start = pos
        switch b[i] {
        case UInt8(ascii: "{"): return try object(start)
        case UInt8(ascii: "["): return try array(start)
        case UInt8(ascii: "\""):
            let s = try string()
            return Node(.string(s), range: SourceRange(start: start, end: pos), style: .doubleQuoted)
        case UInt8(ascii: "t"): return try literal("true", .bool(true), start)
        case UInt8(ascii: "f"): return try literal("false", .bool(false), start)
        case UInt8(ascii: "n"): return try literal("null", .null, start)
        // NaN and the infinities are not JSON, but Python's json module (cfn-lint's reader) takes
        // them, and they are the only way to write YAML's .nan and .inf as JSON numbers.
        case UInt8(ascii: "N"): return try literal("NaN", .number(Number(text: "NaN", kind: .float, canonical: "NaN")), start)
        case UInt8(ascii: "I"):
            return try literal("Infinity", .number(Number(text: "Infinity", kind: .float, canonical: "Infinity")), start)
        case UInt8(ascii: "-") where i + 1 < b.count && b[i + 1] == UInt8(ascii: "I"):
            return try literal("-Infinity", .number(Number(text: "-Infinity", kind: .float, canonical: "-Infinity")), start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number(start)
        default:
            throw fail("expected a JSON value, found \(describe(b[i]))")
        }
    }

    private func describe(_ c: UInt8) -> String {
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(String(c, radix: 16))"
    }

    private mutating func literal(_ word: StaticString, _ v: Value, _ start: SourcePosition) throws(CFNError) -> Node {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { throw fail("the JSON ends in the middle of a value") }
        for k in 0..<n where b[i + k] != word.utf8Start[k] {
            throw fail("expected a JSON value, found \(describe(b[i]))")
        }
        i += n
        return Node(v, range: SourceRange(start: start, end: pos))
    }

    private mutating func number(_ start: SourcePosition) throws(CFNError) -> Node {
        let s = i
        var isFloat = false
        if b[i] == UInt8(ascii: "-") { i += 1 }
        func digits(_ r: inout JSONReader) -> Int {
            let s = r.i
            while r.i < r.b.count && r.b[r.i] >= 48 && r.b[r.i] <= 57 { r.i += 1 }
            return r.i - s
        }
        guard i < b.count, b[i] >= 48 && b[i] <= 57 else { throw fail("a number needs digits") }
        if b[i] == UInt8(ascii: "0") {
            i += 1
            if i < b.count && b[i] >= 48 && b[i] <= 57 { throw fail("a JSON number cannot start with 0") }
        } else {
            _ = digits(&self)
        }
        if i < b.count && b[i] == UInt8(ascii: ".") {
            isFloat = true
            i += 1
            if digits(&self) == 0 { throw fail("a number needs digits after its decimal point") }
        }
        if i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            isFloat = true
            i += 1
            if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            if digits(&self) == 0 { throw fail("a number needs digits in its exponent") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[s..<i]), as: UTF8.self)
        var canonical = text
        if isFloat {
            canonical = ScalarResolver.formatDouble(Double(text) ?? .nan)
        } else if text == "-0" {
            canonical = "0"
        }
        let num = Number(text: text, kind: isFloat ? .float : .integer, canonical: canonical)
        return Node(.number(num), range: SourceRange(start: start, end: pos))
    }

    private mutating func string() throws(CFNError) -> String {
        let open = pos
        i += 1
        let s = i
        // Fast path: no escapes.
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                let str = String(decoding: UnsafeBufferPointer(rebasing: b[s..<i]), as: UTF8.self)
                i += 1
                return str
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 && c != 9 {
                throw fail(
                    c == 10
                        ? "a string is not closed before the end of the line (opened at column \(open.column))"
                        : "a control character inside a string must be escaped"
                )
            }
            if c & 0xC0 == 0x80 { extraBytes += 1 }
            i += 1
        }
        var out = Array(b[s..<i])
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c == UInt8(ascii: "\\") {
                i += 1
                guard i < b.count else { break }
                let e = b[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(34)
                case UInt8(ascii: "\\"): out.append(92)
                case UInt8(ascii: "/"): out.append(47)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                            throw fail("a \\u escape holds half of a surrogate pair")
                        }
                        i += 2
                        let low = try hex4()
                        guard low >= 0xDC00 && low < 0xE000 else { throw fail("a \\u escape holds half of a surrogate pair") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00 && scalar < 0xE000 {
                        throw fail("a \\u escape holds half of a surrogate pair")
                    }
                    out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
                default:
                    i -= 2
                    throw fail("unknown escape \\\(Character(Unicode.Scalar(e))) in a string")
                }
                continue
            }
            if c < 0x20 && c != 9 {
                throw fail(
                    c == 10
                        ? "a string is not closed before the end of the line (opened at column \(open.column))"
                        : "a control character inside a string must be escaped"
                )
            }
            if c & 0xC0 == 0x80 { extraBytes += 1 }
            out.append(c)
            i += 1
        }
        throw fail("a string is not closed before the end of the file", at: open)
    }

    private mutating func hex4() throws(CFNError) -> UInt32 {
        guard i + 4 <= b.count else { throw fail("a \\u escape needs four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 97...102: d = UInt32(c - 87)
            case 65...70: d = UInt32(c - 55)
            default: throw fail("a \\u escape needs four hex digits")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    private mutating func enter(_ start: SourcePosition) throws(CFNError) {
        depth += 1
        if depth > options.maxDepth {
            throw CFNError(file: path, position: start, message: "nesting is deeper than \(options.maxDepth) levels", kind: .limit)
        }
    }

    /// After an item: `,` (more follow: false) or the closing bracket (true).
    private mutating func endOfItem(_ close: Unicode.Scalar, in what: String, openedAt start: SourcePosition) throws(CFNError) -> Bool {
        skipSpace()
        guard i < b.count else { throw fail("the JSON ends inside a \(what) opened at line \(start.line)") }
        if b[i] == UInt8(ascii: ",") {
            i += 1
            return false
        }
        if b[i] == UInt8(ascii: close) {
            i += 1
            return true
        }
        throw fail("expected ',' or '\(close)' in a \(what), found \(describe(b[i]))")
    }

    private mutating func array(_ start: SourcePosition) throws(CFNError) -> Node {
        try enter(start)
        i += 1
        var items: [Node] = []
        skipSpace()
        if i < b.count && b[i] == UInt8(ascii: "]") {
            i += 1
        } else {
            while true {
                skipSpace()
                items.append(try value())
                if try endOfItem("]", in: "list", openedAt: start) { break }
            }
        }
        depth -= 1
        return Node(.list(items), range: SourceRange(start: start, end: pos), style: .flow)
    }

    private mutating func object(_ start: SourcePosition) throws(CFNError) -> Node {
        try enter(start)
        i += 1
        var entries: [Map.Entry] = []
        var keys = KeySet()
        skipSpace()
        if i < b.count && b[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipSpace()
                guard i < b.count else { throw fail("the JSON ends inside a mapping opened at line \(start.line)") }
                guard b[i] == UInt8(ascii: "\"") else { throw fail("expected a quoted key, found \(describe(b[i]))") }
                let keyStart = pos
                let key = try string()
                let keyRange = SourceRange(start: keyStart, end: pos)
                skipSpace()
                guard i < b.count else { throw fail("the JSON ends inside a mapping opened at line \(start.line)") }
                guard b[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the key \"\(key)\", found \(describe(b[i]))") }
                i += 1
                skipSpace()
                let v = try value()
                if let first = keys.insert(key) { throw duplicate(key, entries[first], keyStart) }
                entries.append(Map.Entry(key: key, value: v, keyRange: keyRange, keyStyle: .doubleQuoted))
                if try endOfItem("}", in: "mapping", openedAt: start) { break }
            }
        }
        depth -= 1
        let map = Map(uniqueEntries: entries, index: keys.index)
        let range = SourceRange(start: start, end: pos)
        if let f = YAMLDecoder.longFormFunction(map) {
            return Node(.function(f), range: range, style: .flow)
        }
        return Node(.map(map), range: range, style: .flow)
    }

    private func duplicate(_ key: String, _ first: Map.Entry, _ at: SourcePosition) -> CFNError {
        CFNError(
            file: path,
            position: at,
            message: "duplicate key '\(key)' (first defined at line \(first.keyRange.start.line))",
            kind: .structure
        )
    }
}
