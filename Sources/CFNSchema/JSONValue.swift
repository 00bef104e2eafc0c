/// A plain JSON value, for the schema files: no positions, no intrinsic functions (a schema's
/// `{"Ref": ...}` is data, not a function).
public enum JSONValue: Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Keys in file order.
    case object([(String, JSONValue)])

    /// The member `key` of an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var number: Double? {
        if case .number(let d) = self { return d }
        return nil
    }

    public var array: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var members: [(String, JSONValue)]? {
        if case .object(let m) = self { return m }
        return nil
    }

    /// The value as text the way a template scalar would be compared with it (`5`, `true`).
    public var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { m in y.contains { $0.0 == m.0 && $0.1 == m.1 } }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .string(let s): hasher.combine(s)
        case .number(let d): hasher.combine(d)
        case .bool(let b): hasher.combine(b)
        case .null: hasher.combine(0)
        case .array(let a): hasher.combine(a)
        case .object(let m): hasher.combine(m.count)
        }
    }

    /// Parses JSON text; nil when it is not JSON (the bundle is machine-written, so a failure
    /// means a damaged file, reported by the caller).
    public static func parse(_ bytes: [UInt8]) -> JSONValue? {
        var parser = JSONParser(bytes: bytes)
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipSpace()
        return parser.at == bytes.count ? value : nil
    }

    /// The value written at `range` of `bytes` (a definition kept unparsed by `parseDocument`);
    /// nil when it is not one JSON value.
    static func parse(_ bytes: [UInt8], in range: Range<Int>) -> JSONValue? {
        var parser = JSONParser(bytes: bytes, at: range.lowerBound, end: range.upperBound)
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipSpace()
        return parser.at == range.upperBound ? value : nil
    }

    /// Parses a schema document, all but the members of its top-level `definitions`, which are
    /// only stepped over: each is left as the byte range of its value (the first of a repeated
    /// name), parsed when a `$ref` first needs it. A resource schema's definitions are most of
    /// its bytes and a template reaches few of them. The root comes back without its
    /// `definitions` member. Nil when the text is not JSON; a definition's body is only checked
    /// for balanced brackets and closed strings here, and fully when it is parsed.
    static func parseDocument(_ bytes: [UInt8]) -> (root: JSONValue, definitions: [String: Range<Int>])? {
        var parser = JSONParser(bytes: bytes)
        guard let (root, definitions) = parser.document() else { return nil }
        parser.skipSpace()
        return parser.at == bytes.count ? (root, definitions) : nil
    }
}

/// A small recursive-descent JSON reader over bytes.
private struct JSONParser {
    let bytes: [UInt8]
    var at = 0
    /// Where the text ends (the end of `bytes`, or of the range being parsed).
    let end: Int

    init(bytes: [UInt8]) {
        self.bytes = bytes
        end = bytes.count
    }

    init(bytes: [UInt8], at: Int, end: Int) {
        self.bytes = bytes
        self.at = at
        self.end = end
    }

    mutating func skipSpace() {
        while at < end, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
    }

    /// The top-level value, its `definitions` object stepped over member by member (see
    /// `JSONValue.parseDocument`).
    mutating func document() -> (JSONValue, [String: Range<Int>])? {
        skipSpace()
        guard at < end, bytes[at] == UInt8(ascii: "{") else { return value(depth: 0).map { ($0, [:]) } }
        at += 1
        var members: [(String, JSONValue)] = []
        var definitions: [String: Range<Int>] = [:]
        var seenDefinitions = false
        skipSpace()
        if at < end, bytes[at] == UInt8(ascii: "}") {
            at += 1
            return (.object(members), definitions)
        }
        while true {
            skipSpace()
            guard at < end, bytes[at] == UInt8(ascii: "\""), let key = string() else { return nil }
            skipSpace()
            guard at < end, bytes[at] == UInt8(ascii: ":") else { return nil }
            at += 1
            skipSpace()
            if key == "definitions", !seenDefinitions, at < end, bytes[at] == UInt8(ascii: "{") {
                // `root["definitions"]` is the first member of that name: only it is kept aside.
                seenDefinitions = true
                guard let found = ranges() else { return nil }
                definitions = found
            } else {
                guard let v = value(depth: 1) else { return nil }
                members.append((key, v))
            }
            skipSpace()
            guard at < end else { return nil }
            if bytes[at] == UInt8(ascii: ",") {
                at += 1
                continue
            }
            guard bytes[at] == UInt8(ascii: "}") else { return nil }
            at += 1
            return (.object(members), definitions)
        }
    }

    /// The members of the object at `at`, each as the byte range of its value (the first of a
    /// repeated key), stepped over without being parsed.
    private mutating func ranges() -> [String: Range<Int>]? {
        at += 1
        var out: [String: Range<Int>] = [:]
        skipSpace()
        if at < end, bytes[at] == UInt8(ascii: "}") {
            at += 1
            return out
        }
        while true {
            skipSpace()
            guard at < end, bytes[at] == UInt8(ascii: "\""), let key = string() else { return nil }
            skipSpace()
            guard at < end, bytes[at] == UInt8(ascii: ":") else { return nil }
            at += 1
            skipSpace()
            let start = at
            guard skipValue() else { return nil }
            if out[key] == nil { out[key] = start..<at }
            skipSpace()
            guard at < end else { return nil }
            if bytes[at] == UInt8(ascii: ",") {
                at += 1
                continue
            }
            guard bytes[at] == UInt8(ascii: "}") else { return nil }
            at += 1
            return out
        }
    }

    /// Steps over one value: an object or a list by its brackets and strings, anything else by
    /// parsing it.
    private mutating func skipValue() -> Bool {
        guard at < end else { return false }
        guard bytes[at] == UInt8(ascii: "{") || bytes[at] == UInt8(ascii: "[") else { return value(depth: 1) != nil }
        let stop = end
        let from = at
        let next: Int? = bytes.withUnsafeBufferPointer { b -> Int? in
            var i = from
            var depth = 0
            while i < stop {
                let c = b[i]
                i += 1
                switch c {
                case UInt8(ascii: "\""):
                    while i < stop, b[i] != UInt8(ascii: "\"") { i += b[i] == UInt8(ascii: "\\") ? 2 : 1 }
                    guard i < stop else { return nil }
                    i += 1
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i }
                default: break
                }
            }
            return nil
        }
        guard let next else { return false }
        at = next
        return true
    }

    mutating func value(depth: Int) -> JSONValue? {
        guard depth < 256 else { return nil }
        skipSpace()
        guard at < end else { return nil }
        switch bytes[at] {
        case UInt8(ascii: "{"):
            at += 1
            var members: [(String, JSONValue)] = []
            skipSpace()
            if at < end, bytes[at] == UInt8(ascii: "}") {
                at += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard at < end, bytes[at] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipSpace()
                guard at < end, bytes[at] == UInt8(ascii: ":") else { return nil }
                at += 1
                guard let v = value(depth: depth + 1) else { return nil }
                members.append((key, v))
                skipSpace()
                guard at < end else { return nil }
                if bytes[at] == UInt8(ascii: ",") {
                    at += 1
                    continue
                }
                guard bytes[at] == UInt8(ascii: "}") else { return nil }
                at += 1
                return .object(members)
            }
        case UInt8(ascii: "["):
            at += 1
            var items: [JSONValue] = []
            skipSpace()
            if at < end, bytes[at] == UInt8(ascii: "]") {
                at += 1
                return .array(items)
            }
            while true {
                guard let v = value(depth: depth + 1) else { return nil }
                items.append(v)
                skipSpace()
                guard at < end else { return nil }
                if bytes[at] == UInt8(ascii: ",") {
                    at += 1
                    continue
                }
                guard bytes[at] == UInt8(ascii: "]") else { return nil }
                at += 1
                return .array(items)
            }
        case UInt8(ascii: "\""):
            return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default:
            let start = at
            while at < end, "+-0123456789.eE".utf8.contains(bytes[at]) { at += 1 }
            guard at > start, let d = Double(String(decoding: bytes[start..<at], as: UTF8.self)) else { return nil }
            return .number(d)
        }
    }

    mutating func literal(_ word: String, _ v: JSONValue) -> JSONValue? {
        let w = Array(word.utf8)
        guard at + w.count <= end, Array(bytes[at..<at + w.count]) == w else { return nil }
        at += w.count
        return v
    }

    /// A string starting at the opening quote.
    mutating func string() -> String? {
        at += 1
        // Most strings have no escape: made from the bytes in place.
        let start = at
        while at < end, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\") { at += 1 }
        guard at < end else { return nil }
        if bytes[at] == UInt8(ascii: "\"") {
            at += 1
            return String(decoding: bytes[start..<at - 1], as: UTF8.self)
        }
        var out = Array(bytes[start..<at])
        while at < end {
            let c = bytes[at]
            at += 1
            if c == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                continue
            }
            guard at < end else { return nil }
            let e = bytes[at]
            at += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard var scalar = hex4() else { return nil }
                if scalar >= 0xD800 && scalar < 0xDC00, at + 1 < end, bytes[at] == UInt8(ascii: "\\"),
                    bytes[at + 1] == UInt8(ascii: "u")
                {
                    at += 2
                    guard let low = hex4() else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
            default: out.append(e)
            }
        }
        return nil
    }

    mutating func hex4() -> UInt32? {
        guard at + 4 <= end, let v = UInt32(String(decoding: bytes[at..<at + 4], as: UTF8.self), radix: 16) else { return nil }
        at += 4
        return v
    }
}
