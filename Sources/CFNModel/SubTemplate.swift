/// The parsed string of a `Fn::Sub`: literal text and `${Name}` / `${Name.Attribute}` variables.
/// `${!Literal}` is the literal text `${Literal}`.
public struct SubTemplate: Sendable, Hashable {
    /// One piece of the string.
    public enum Part: Sendable, Hashable {
        /// Text written as is.
        case literal(String)
        /// `${Name}` or `${Name.Attribute}`.
        case variable(name: String, attribute: String?)
    }

    /// The pieces in order.
    public var parts: [Part]

    /// Parses a `Fn::Sub` string. An unclosed `${` is literal text, as CloudFormation reads it.
    /// One pass over the UTF-8 bytes (the markers are ASCII), so a long string costs little.
    public init(_ string: String) {
        let bytes = Array(string.utf8)
        let n = bytes.count
        func text(_ from: Int, _ to: Int) -> String { String(decoding: bytes[from..<to], as: UTF8.self) }
        var parts: [Part] = []
        var literal: [UInt8] = []
        var i = 0
        var copied = 0  // bytes before this are in `literal` or a part
        while i + 1 < n {
            guard bytes[i] == UInt8(ascii: "$"), bytes[i + 1] == UInt8(ascii: "{") else {
                i += 1
                continue
            }
            guard let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: "}")) else { break }
            literal += bytes[copied..<i]
            let bodyStart = i + 2
            if bodyStart < close, bytes[bodyStart] == UInt8(ascii: "!") {
                literal += Array("${".utf8) + bytes[(bodyStart + 1)..<close] + [UInt8(ascii: "}")]
            } else {
                if !literal.isEmpty {
                    parts.append(.literal(String(decoding: literal, as: UTF8.self)))
                    literal = []
                }
                var from = bodyStart, to = close
                while from < to, bytes[from] == 0x20 { from += 1 }
                while to > from, bytes[to - 1] == 0x20 { to -= 1 }
                if let dot = bytes[from..<to].firstIndex(of: UInt8(ascii: ".")) {
                    parts.append(.variable(name: text(from, dot), attribute: text(dot + 1, to)))
                } else {
                    parts.append(.variable(name: text(from, to), attribute: nil))
                }
            }
            i = close + 1
            copied = i
        }
        literal += bytes[copied..<n]
        if !literal.isEmpty { parts.append(.literal(String(decoding: literal, as: UTF8.self))) }
        self.parts = parts
    }

    /// Creates a template from parts.
    public init(parts: [Part]) { self.parts = parts }

    /// The `Fn::Sub` string again: literal `${` written as `${!`.
    public var string: String {
        var out = ""
        for (i, part) in parts.enumerated() {
            switch part {
            case .literal(let s):
                out += s.replacingDollarBraces(keepUnclosedTail: i == parts.count - 1)
            case .variable(let name, let attribute):
                out += "${" + name + (attribute.map { "." + $0 } ?? "") + "}"
            }
        }
        return out
    }

    /// The variables, in order.
    public var variables: [(name: String, attribute: String?)] {
        parts.compactMap {
            if case .variable(let n, let a) = $0 { return (n, a) }
            return nil
        }
    }
}

extension Substring {
    /// The range of the first `${`.
    fileprivate func dollarBrace() -> Range<Index>? {
        var i = startIndex
        while i < endIndex {
            if self[i] == "$" {
                let j = index(after: i)
                if j < endIndex && self[j] == "{" { return i..<index(after: j) }
            }
            i = index(after: i)
        }
        return nil
    }
}

extension String {
    /// Literal text with each `${` escaped as `${!` so `Fn::Sub` leaves it alone.
    ///
    /// At the end of the string (`keepUnclosedTail`), a `${` that no `}` follows is already
    /// literal and stays as written: escaping it would add a `!` that reads back as text, so the
    /// string changed on every round (found by fuzz-split: `!Sub ${` failed the split's
    /// verification, which compares `Fn::Sub` strings through this form).
    fileprivate func replacingDollarBraces(keepUnclosedTail: Bool) -> String {
        guard contains("${") else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.dollarBrace() {
            if keepUnclosedTail && !rest[r.upperBound...].contains("}") { break }
            out += rest[..<r.lowerBound] + "${!"
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
