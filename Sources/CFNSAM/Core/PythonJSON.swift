import CFNModel

/// A node as Python's `json.dumps(value, separators=(",", ":"), sort_keys=True)` writes it, the
/// text aws-sam-translator hashes for its stable logical ids: keys sorted by code point, no
/// spaces, non-ASCII as `\uXXXX` escapes, functions in their long form.
enum PythonJSON {
    /// The compact, key-sorted JSON text of `node`.
    static func dumps(_ node: Node) -> String {
        var out: [UInt8] = []
        write(node, &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ node: Node, _ out: inout [UInt8]) {
        switch node.value {
        case .string(let s): string(s, &out)
        case .number(let n): out += Array(number(n).utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .null: out += Array("null".utf8)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, &out)
            }
            out.append(UInt8(ascii: "]"))
        case .map(let map):
            // UTF-8's byte order is code point order, Python's order for str.
            let entries = map.entries
            let order = entries.indices.sorted { entries[$0].key.utf8.lexicographicallyPrecedes(entries[$1].key.utf8) }
            out.append(UInt8(ascii: "{"))
            for (i, at) in order.enumerated() {
                let entry = entries[at]
                if i > 0 { out.append(UInt8(ascii: ",")) }
                string(entry.key, &out)
                out.append(UInt8(ascii: ":"))
                write(entry.value, &out)
            }
            out.append(UInt8(ascii: "}"))
        case .function(let f):
            out.append(UInt8(ascii: "{"))
            string(f.name.rawValue, &out)
            out.append(UInt8(ascii: ":"))
            write(f.argument, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Python's spelling of a number: integers as written in decimal, floats as `repr` gives them.
    static func number(_ n: Number) -> String {
        if n.kind == .integer { return n.canonical }
        let d = n.doubleValue
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        // Swift's shortest round-trip spelling is Python's repr, but for the exponent's sign and width.
        var text = "\(d)"
        if let e = text.firstIndex(of: "e") {
            let mantissa = text[..<e]
            var exponent = String(text[text.index(after: e)...])
            var sign = "+"
            if exponent.hasPrefix("-") || exponent.hasPrefix("+") {
                sign = exponent.hasPrefix("-") ? "-" : "+"
                exponent.removeFirst()
            }
            if exponent.count < 2 { exponent = "0" + exponent }
            text = mantissa + "e" + sign + exponent
        }
        return text
    }

    static func string(_ s: String, _ out: inout [UInt8]) {
        let mark = out.count
        out.append(UInt8(ascii: "\""))
        var s = s
        let ascii = s.withUTF8 { b -> Bool in
            var run = 0
            for i in 0..<b.count {
                let c = b[i]
                if c >= 0x20 && c <= 0x7E && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") { continue }
                if c > 0x7F { return false }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i]))
                run = i + 1
                escape(Unicode.Scalar(c), &out)
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<b.count]))
            return true
        }
        if !ascii {
            // Not ASCII: start again, a scalar at a time.
            out.removeSubrange(mark...)
            out.append(UInt8(ascii: "\""))
            for scalar in s.unicodeScalars {
                if scalar.value >= 0x20 && scalar.value <= 0x7E && scalar != "\"" && scalar != "\\" {
                    out.append(UInt8(scalar.value))
                } else {
                    escape(scalar, &out)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// One character as Python's json.dumps escapes it (`\n`, `\"`, or `\uXXXX`, a surrogate pair
    /// above U+FFFF).
    private static func escape(_ scalar: Unicode.Scalar, _ out: inout [UInt8]) {
        let short: UInt8? =
            switch scalar {
            case "\"": UInt8(ascii: "\"")
            case "\\": UInt8(ascii: "\\")
            case "\n": UInt8(ascii: "n")
            case "\r": UInt8(ascii: "r")
            case "\t": UInt8(ascii: "t")
            case "\u{08}": UInt8(ascii: "b")
            case "\u{0C}": UInt8(ascii: "f")
            default: nil
            }
        if let short {
            out.append(UInt8(ascii: "\\"))
            out.append(short)
            return
        }
        let hex = Array("0123456789abcdef".utf8)
        for unit in String(scalar).utf16 {
            out.append(UInt8(ascii: "\\"))
            out.append(UInt8(ascii: "u"))
            for shift in [12, 8, 4, 0] { out.append(hex[Int((unit >> UInt16(shift)) & 0xF)]) }
        }
    }
}

/// aws-sam-translator's stable logical ids: a prefix and the first ten hex digits of the SHA-1
/// of the data's compact, key-sorted JSON (a string is hashed as it is).
enum LogicalId {
    /// `prefix` + the hash of `data` (`prefix` alone when there is no data).
    static func make(_ prefix: String, _ data: Node?) -> String { prefix + hash(data) }

    /// The first `length` hex digits of the SHA-1 of `data` ("" for none, an empty string or an
    /// empty collection: Python's falsy values are not hashed).
    static func hash(_ data: Node?, length: Int = 10) -> String {
        guard let data, !isFalsy(data) else { return "" }
        let text = data.stringValue ?? PythonJSON.dumps(data)
        return String(SHA1.hex(Array(text.utf8)).prefix(length))
    }

    private static func isFalsy(_ node: Node) -> Bool {
        switch node.value {
        case .string(let s): return s.isEmpty
        case .list(let l): return l.isEmpty
        case .map(let m): return m.isEmpty
        case .null: return true
        case .bool(let b): return !b
        case .number(let n): return n.doubleValue == 0
        case .function: return false
        }
    }
}
