/// Decides how a string can be written in YAML without changing what it means.
enum YAMLScalarStyle {
    /// Whether `s` can be written as a plain scalar in block context and read back as the same string.
    static func isPlainSafe(_ s: String, flow: Bool = false) -> Bool {
        guard isPlainSyntaxSafe(s, flow: flow) else { return false }
        return ScalarResolver.resolve(s) == .string && s != "="
    }

    /// Whether `s` can be written plain as far as YAML syntax goes (used for tagged scalars,
    /// whose text is never resolved to a number or boolean).
    static func isPlainSyntaxSafe(_ s: String, flow: Bool = false) -> Bool {
        var s = s
        return s.withUTF8 { isPlainSyntaxSafe(utf8: $0, flow: flow) }
    }

    private static func isPlainSyntaxSafe(utf8 u: UnsafeBufferPointer<UInt8>, flow: Bool) -> Bool {
        guard let first = u.first, let last = u.last else { return false }
        switch first {
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
            UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"), 32, 9:
            return false
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            if u.count == 1 || u[1] == 32 || u[1] == 9 { return false }
            if flow && first != UInt8(ascii: "-") { return false }
        default:
            break
        }
        if last == 32 || last == 9 || last == UInt8(ascii: ":") { return false }
        if u.count >= 3 && ((u[0] == 45 && u[1] == 45 && u[2] == 45) || (u[0] == 46 && u[1] == 46 && u[2] == 46)) { return false }
        var prev: UInt8 = 0
        for c in u {
            if c < 0x20 || c == 0x7F { return false }
            if c == UInt8(ascii: "#") && (prev == 32 || prev == 9) { return false }
            if prev == UInt8(ascii: ":") && (c == 32 || c == 9) { return false }
            if flow {
                switch c {
                case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                    // `a:b` and `AWS::Region` are fine in a flow list; `a:,` is not.
                    return false
                default: break
                }
            }
            prev = c
        }
        // Only non-ASCII text can hold NEL, LS, PS, BOM or C1 controls.
        var ascii = true
        for c in u where c >= 0x80 {
            ascii = false
            break
        }
        return ascii || !containsSpecialBreak(String(decoding: u, as: UTF8.self))
    }

    /// NEL, LS, PS, BOM and C1 controls need escapes.
    static func containsSpecialBreak(_ s: String) -> Bool {
        for sc in s.unicodeScalars {
            let v = sc.value
            if v == 0x85 || v == 0x2028 || v == 0x2029 || v == 0xFEFF || (v >= 0x80 && v < 0xA0) { return true }
        }
        return false
    }

    /// Whether `s` can be written single-quoted.
    static func isSingleQuotable(_ s: String) -> Bool {
        for c in s.utf8 where c < 0x20 || c == 0x7F { return false }
        return !containsSpecialBreak(s)
    }

    /// Whether a multi-line `s` can be written as a `|` literal block and read back unchanged.
    static func isLiteralSafe(_ s: String) -> Bool {
        guard s.utf8.contains(10), !containsSpecialBreak(s) else { return false }
        let u = Array(s.utf8)
        if u.first == 32 || u.first == 9 || u.first == 10 { return false }
        // Several trailing newlines would need `|+`, whose meaning depends on what follows.
        if u.count >= 2 && u[u.count - 1] == 10 && u[u.count - 2] == 10 { return false }
        var lineStart = true
        var prev: UInt8 = 0
        for c in u {
            if c == 10 {
                if prev == 32 || prev == 9 { return false }
                lineStart = true
                prev = c
                continue
            }
            if c < 0x20 && c != 9 { return false }
            if c == 0x7F { return false }
            if lineStart && c == 9 { return false }
            lineStart = false
            prev = c
        }
        if prev == 32 || prev == 9 { return false }
        return true
    }

    /// Whether a one-line `s` can be written as a `>` folded block: single spaces between words
    /// (each line break folds back into one space), nothing that needs an escape.
    static func isFoldable(_ s: String) -> Bool {
        var body = Substring(s)
        if body.hasSuffix("\n") { body = body.dropLast() }
        guard !body.isEmpty, !body.contains("\n"), !body.contains("  "), !body.contains("\t"),
            body.first != " ", body.last != " ", !containsSpecialBreak(s)
        else { return false }
        for c in body.utf8 where c < 0x20 || c == 0x7F { return false }
        return true
    }

    /// The lines of a folded block for `s`, words wrapped at `width` columns.
    static func foldedLines(_ s: String, width: Int) -> [Substring] {
        var body = Substring(s)
        if body.hasSuffix("\n") { body = body.dropLast() }
        var lines: [Substring] = []
        var lineStart = body.startIndex
        var lastSpace: String.Index? = nil
        var i = body.startIndex
        var column = 0
        while i < body.endIndex {
            if body[i] == " " {
                if column >= width, let cut = lastSpace {
                    lines.append(body[lineStart..<cut])
                    lineStart = body.index(after: cut)
                    column = body.distance(from: lineStart, to: i)
                }
                lastSpace = i
            }
            column += 1
            i = body.index(after: i)
        }
        if column > width, let cut = lastSpace, cut >= lineStart {
            lines.append(body[lineStart..<cut])
            lineStart = body.index(after: cut)
        }
        lines.append(body[lineStart...])
        return lines
    }

    /// `s` in double quotes with YAML escapes.
    static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for sc in s.unicodeScalars {
            switch sc.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0x0D: out += "\\r"
            case 0x00: out += "\\0"
            case 0x85: out += "\\N"
            case 0x2028: out += "\\L"
            case 0x2029: out += "\\P"
            case 0xFEFF: out += "\\uFEFF"
            case 0..<0x20, 0x7F, 0x80..<0xA0:
                let h = String(sc.value, radix: 16, uppercase: true)
                out += "\\x" + (h.count < 2 ? "0" + h : h)
            default: out.unicodeScalars.append(sc)
            }
        }
        return out + "\""
    }

    /// `s` in single quotes.
    static func singleQuoted(_ s: String) -> String {
        var out = "'"
        for ch in s {
            if ch == "'" { out += "''" } else { out.append(ch) }
        }
        return out + "'"
    }
}
