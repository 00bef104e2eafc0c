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
    public init(_ string: String) {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(string)
        while let open = rest.dollarBrace() {
            literal += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}") else {
                literal += rest[open.lowerBound...]
                rest = ""
                break
            }
            let body = after[..<close]
            if body.hasPrefix("!") {
                literal += "${" + body.dropFirst() + "}"
            } else {
                if !literal.isEmpty {
                    parts.append(.literal(literal))
                    literal = ""
                }
                let name = body.trimmingSpaces()
                if let dot = name.firstIndex(of: ".") {
                    parts.append(.variable(name: String(name[..<dot]), attribute: String(name[name.index(after: dot)...])))
                } else {
                    parts.append(.variable(name: String(name), attribute: nil))
                }
            }
            rest = after[after.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.literal(literal)) }
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

    fileprivate func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
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
