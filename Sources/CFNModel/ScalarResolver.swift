/// Resolves plain (unquoted) YAML scalars the way YAML 1.1 does, as PyYAML, cfn-lint and
/// CloudFormation read them: `yes`/`on` are booleans, `0755` is octal 493, `1:30` is 90,
/// `~` and the empty value are null. Dates (`2010-09-09`) stay strings, as CloudFormation reads them.
///
/// Works on bytes with no regular expressions: most scalars are rejected on their first byte.
public enum ScalarResolver {
    /// What a plain scalar means.
    public enum Resolved: Sendable, Equatable {
        /// A string (the text as written).
        case string
        /// A null.
        case null
        /// A boolean.
        case bool(Bool)
        /// A number.
        case number(Number.Kind, canonical: String)
        /// The merge key `<<`.
        case merge
    }

    /// Resolves the text of a plain scalar.
    public static func resolve(_ text: String) -> Resolved {
        var t = text
        return t.withUTF8 { resolve(bytes: $0) }
    }

    /// Resolves the UTF-8 bytes of a plain scalar.
    public static func resolve(bytes b: UnsafeBufferPointer<UInt8>) -> Resolved {
        let n = b.count
        if n == 0 { return .null }
        let c = b[0]
        switch c {
        case UInt8(ascii: "~"):
            return n == 1 ? .null : .string
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            if equalsAny(b, ["null", "Null", "NULL"]) { return .null }
            if equalsAny(b, ["no", "No", "NO"]) { return .bool(false) }
            return .string
        case UInt8(ascii: "y"), UInt8(ascii: "Y"):
            return equalsAny(b, ["yes", "Yes", "YES"]) ? .bool(true) : .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return equalsAny(b, ["true", "True", "TRUE"]) ? .bool(true) : .string
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return equalsAny(b, ["false", "False", "FALSE"]) ? .bool(false) : .string
        case UInt8(ascii: "o"), UInt8(ascii: "O"):
            if equalsAny(b, ["on", "On", "ON"]) { return .bool(true) }
            if equalsAny(b, ["off", "Off", "OFF"]) { return .bool(false) }
            return .string
        case UInt8(ascii: "<"):
            return (n == 2 && b[1] == UInt8(ascii: "<")) ? .merge : .string
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return resolveNumber(b)
        default:
            return .string
        }
    }

    /// Whether YAML 1.1 would read a plain `s` as a timestamp (`2010-09-09`, `2001-12-14t21:59:43Z`).
    /// cfntool keeps such values as strings, as CloudFormation does, but other YAML tools do not:
    /// a quoted date stays quoted when written back.
    public static func isTimestamp(_ s: String) -> Bool {
        let u = Array(s.utf8)
        func digit(_ i: Int) -> Bool { i < u.count && u[i] >= 48 && u[i] <= 57 }
        guard u.count >= 8, digit(0), digit(1), digit(2), digit(3), u[4] == UInt8(ascii: "-") else { return false }
        var i = 5
        guard digit(i) else { return false }
        i += digit(i + 1) ? 2 : 1
        guard i < u.count, u[i] == UInt8(ascii: "-"), digit(i + 1) else { return false }
        i += digit(i + 2) ? 3 : 2
        if i == u.count { return u.count == 10 }
        // A date and time: anything after a `T`, `t` or spaces is close enough to be quoted.
        return u[i] == UInt8(ascii: "T") || u[i] == UInt8(ascii: "t") || u[i] == 32 || u[i] == 9
    }

    private static func equalsAny(_ b: UnsafeBufferPointer<UInt8>, _ words: [StaticString]) -> Bool {
        for w in words where w.utf8CodeUnitCount == b.count {
            let p = w.utf8Start
            var same = true
            for i in 0..<b.count where p[i] != b[i] {
                same = false
                break
            }
            if same { return true }
        }
        return false
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    private static func resolveNumber(_ b: UnsafeBufferPointer<UInt8>) -> Resolved {
        let n = b.count
        var i = 0
        var negative = false
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        if i >= n { return .string }
        let body = UnsafeBufferPointer(rebasing: b[i...])
        // Infinity and NaN.
        if body[0] == UInt8(ascii: ".") {
            if equalsAny(body, [".inf", ".Inf", ".INF"]) {
                return .number(.float, canonical: negative ? "-Infinity" : "Infinity")
            }
            if i == 0 && equalsAny(body, [".nan", ".NaN", ".NAN"]) {
                return .number(.float, canonical: "NaN")
            }
            // `\.[0-9][0-9_]*([eE][-+][0-9]+)?`, unsigned only.
            if i == 0 && body.count > 1 && isDigit(body[1]) && matchFloatTail(body, from: 1) {
                return float(b)
            }
            return .string
        }
        guard isDigit(body[0]) else { return .string }
        let bn = body.count
        // Binary and hex.
        if body[0] == UInt8(ascii: "0") && bn > 2 && (body[1] == UInt8(ascii: "b") || body[1] == UInt8(ascii: "x")) {
            let base = body[1] == UInt8(ascii: "b") ? 2 : 16
            var value: UInt64 = 0
            var overflow = false
            for k in 2..<bn {
                let c = body[k]
                if c == UInt8(ascii: "_") { continue }
                guard let d = digitValue(c), d < base else { return .string }
                let (m, o1) = value.multipliedReportingOverflow(by: UInt64(base))
                let (s, o2) = m.addingReportingOverflow(UInt64(d))
                overflow = overflow || o1 || o2
                value = s
            }
            return integer(value, negative: negative, overflow: overflow, b)
        }
        // Scan the rest: digits, underscores, at most one dot, colons, exponent.
        var hasDot = false
        var hasColon = false
        var k = 0
        while k < bn {
            let c = body[k]
            if isDigit(c) || c == UInt8(ascii: "_") {
                k += 1
                continue
            }
            if c == UInt8(ascii: ":") {
                if hasDot { return .string }
                hasColon = true
                k += 1
                continue
            }
            if c == UInt8(ascii: ".") {
                if hasDot { return .string }
                hasDot = true
                k += 1
                continue
            }
            if (c == UInt8(ascii: "e") || c == UInt8(ascii: "E")) && hasDot && !hasColon {
                // Exponent needs a sign and at least one digit: `1.0e+3`, never `1e3`.
                guard k + 2 < bn + 0, k + 1 < bn, body[k + 1] == UInt8(ascii: "+") || body[k + 1] == UInt8(ascii: "-") else {
                    return .string
                }
                var j = k + 2
                if j >= bn { return .string }
                while j < bn {
                    if !isDigit(body[j]) { return .string }
                    j += 1
                }
                return float(b)
            }
            return .string
        }
        if hasColon {
            // Sexagesimal: `[1-9][0-9_]*(:[0-5]?[0-9])+` with an optional `.fraction` at the end.
            guard body[0] != UInt8(ascii: "0") else { return .string }
            var parts: [Double] = []
            var fraction: Double = 0
            var start = 0
            var p = 0
            var first = true
            while p <= bn {
                if p == bn || body[p] == UInt8(ascii: ":") || body[p] == UInt8(ascii: ".") {
                    let seg = UnsafeBufferPointer(rebasing: body[start..<p])
                    if first {
                        for c in seg where !(isDigit(c) || c == UInt8(ascii: "_")) { return .string }
                        first = false
                    } else if p <= bn
                        && (seg.count == 0 || seg.count > 2 || !seg.allSatisfy(isDigit) || (seg.count == 2 && seg[0] > UInt8(ascii: "5")))
                    {
                        return .string
                    }
                    var v: Double = 0
                    for c in seg where isDigit(c) { v = v * 10 + Double(c - 48) }
                    parts.append(v)
                    if p < bn && body[p] == UInt8(ascii: ".") {
                        // Fraction: the rest, digits and underscores.
                        var f = 0.0
                        var scale = 0.1
                        for c in body[(p + 1)...] {
                            if c == UInt8(ascii: "_") { continue }
                            guard isDigit(c) else { return .string }
                            f += Double(c - 48) * scale
                            scale /= 10
                        }
                        fraction = f
                        p = bn + 1
                        break
                    }
                    start = p + 1
                }
                p += 1
            }
            guard parts.count >= 2 else { return .string }
            var total = 0.0
            for v in parts { total = total * 60 + v }
            if hasDot {
                let v = (total + fraction) * (negative ? -1 : 1)
                return .number(.float, canonical: formatDouble(v))
            }
            return .number(.integer, canonical: negative && total != 0 ? "-" + integerString(total) : integerString(total))
        }
        if hasDot { return float(b) }
        // Integers: `0`, octal `0[0-7_]+`, decimal `[1-9][0-9_]*`.
        if body[0] == UInt8(ascii: "0") {
            if bn == 1 { return .number(.integer, canonical: "0") }
            var value: UInt64 = 0
            var overflow = false
            for c in body[1...] {
                if c == UInt8(ascii: "_") { continue }
                guard c <= UInt8(ascii: "7") else { return .string }
                let (m, o1) = value.multipliedReportingOverflow(by: 8)
                let (s, o2) = m.addingReportingOverflow(UInt64(c - 48))
                overflow = overflow || o1 || o2
                value = s
            }
            return integer(value, negative: negative, overflow: overflow, b)
        }
        var digits = negative ? "-" : ""
        digits.reserveCapacity(bn + 1)
        for c in body where c != UInt8(ascii: "_") { digits.unicodeScalars.append(Unicode.Scalar(c)) }
        return .number(.integer, canonical: digits)
    }

    private static func matchFloatTail(_ body: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var k = start
        while k < body.count, isDigit(body[k]) || body[k] == UInt8(ascii: "_") { k += 1 }
        if k == body.count { return true }
        guard body[k] == UInt8(ascii: "e") || body[k] == UInt8(ascii: "E"), k + 2 < body.count + 0 || k + 2 == body.count - 0 else {
            return false
        }
        guard k + 1 < body.count, body[k + 1] == UInt8(ascii: "+") || body[k + 1] == UInt8(ascii: "-") else { return false }
        var j = k + 2
        if j >= body.count { return false }
        while j < body.count {
            if !isDigit(body[j]) { return false }
            j += 1
        }
        return true
    }

    private static func digitValue(_ c: UInt8) -> Int? {
        switch c {
        case 48...57: return Int(c - 48)
        case 97...102: return Int(c - 87)
        case 65...70: return Int(c - 55)
        default: return nil
        }
    }

    private static func integer(_ value: UInt64, negative: Bool, overflow: Bool, _ b: UnsafeBufferPointer<UInt8>) -> Resolved {
        if overflow {
            return .number(.integer, canonical: (negative ? "-" : "") + String(Double(value)))
        }
        if value == 0 { return .number(.integer, canonical: "0") }
        return .number(.integer, canonical: (negative ? "-" : "") + String(value))
    }

    private static func integerString(_ v: Double) -> String {
        v < 9.0e18 ? String(UInt64(v)) : String(v)
    }

    private static func float(_ b: UnsafeBufferPointer<UInt8>) -> Resolved {
        var s = ""
        s.reserveCapacity(b.count)
        for c in b where c != UInt8(ascii: "_") { s.unicodeScalars.append(Unicode.Scalar(c)) }
        if s.hasSuffix(".") { s += "0" }
        if s.hasPrefix(".") { s = "0" + s }
        if s.hasPrefix("-.") || s.hasPrefix("+.") { s.insert("0", at: s.index(after: s.startIndex)) }
        guard let v = Double(s) else { return .string }
        return .number(.float, canonical: formatDouble(v))
    }

    /// A double in JSON's spelling, as Python's `repr` writes it (`1.1`, `1000.0`, `1e+16`).
    static func formatDouble(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
        if v == 0 { return "0.0" }
        return v.description
    }
}
