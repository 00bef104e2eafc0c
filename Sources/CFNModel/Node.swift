/// One node of a template: a value, where it was read from, and how it was written.
///
/// Templates are trees of nodes. Short-form (`!Ref X`) and long-form (`{"Ref": "X"}`) intrinsic
/// functions decode to the same `Value`; `style` and `spelling` remember how the source wrote
/// them so that writing back is faithful.
public struct Node: Sendable {
    /// How a node was written in its source.
    public enum Style: UInt8, Sendable, Hashable {
        /// A plain (unquoted) YAML scalar, or a collection in block style.
        case plain
        /// A `'single-quoted'` YAML scalar.
        case singleQuoted
        /// A `"double-quoted"` YAML or JSON string.
        case doubleQuoted
        /// A `|` literal block scalar.
        case literal
        /// A `>` folded block scalar.
        case folded
        /// A `[flow]` or `{flow}` collection.
        case flow
    }

    /// What the node holds.
    public var value: Value
    /// Where the node was read from (`.unknown` for nodes built in memory).
    public var range: SourceRange
    /// How the source wrote it.
    public var style: Style
    private var spellingIndex: UInt8

    /// The source spelling of a plain boolean or null (`yes`, `~`, ``), kept so `fmt` can write it back.
    public var spelling: String? {
        get { spellingIndex == 0 ? nil : Node.spellings[Int(spellingIndex) - 1] }
        set { spellingIndex = newValue.flatMap { Node.spellings.firstIndex(of: $0) }.map { UInt8($0 + 1) } ?? 0 }
    }

    /// Every spelling YAML 1.1 has for booleans and nulls: a node stores an index, not a string.
    private static let spellings = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "~", "null", "Null", "NULL", "",
    ]

    /// Creates a node.
    public init(_ value: Value, range: SourceRange = .unknown, style: Style = .plain, spelling: String? = nil) {
        self.value = value
        self.range = range
        self.style = style
        self.spellingIndex = 0
        if let spelling { self.spelling = spelling }
    }
}

/// The value of a node.
public enum Value: Sendable {
    /// A string.
    case string(String)
    /// A number, with its source text.
    indirect case number(Number)
    /// A boolean (YAML 1.1: `true`, `yes`, `on`, ... ).
    case bool(Bool)
    /// A null (`null`, `~`, or an empty value).
    case null
    /// An ordered list.
    case list([Node])
    /// An ordered mapping of string keys.
    case map(Map)
    /// An intrinsic function call (`Ref`, `Fn::GetAtt`, `Fn::Sub`, ...) in either form.
    indirect case function(Intrinsic)
}

/// A number as the template wrote it, with its YAML 1.1 / JSON value.
public struct Number: Sendable, Hashable, CustomStringConvertible {
    /// Whether the number is an integer or a float.
    public enum Kind: UInt8, Sendable, Hashable {
        /// An integer (decimal, octal `0755`, hex `0x1F`, binary `0b101`, sexagesimal `1:30`).
        case integer
        /// A float (`1.10`, `.inf`, `1.0e+3`).
        case float
    }

    /// The source spelling, e.g. `0755`, `1.10`, `1_000`.
    public var text: String
    /// Integer or float.
    public var kind: Kind
    /// The value in JSON's spelling: `493` for `0755`, `1.1` for `1.10`; `Infinity`/`NaN` when JSON has none.
    public var canonical: String

    /// Creates a number from its parts; use `Number(json:)` or `ScalarResolver` to parse text.
    public init(text: String, kind: Kind, canonical: String) {
        self.text = text
        self.kind = kind
        self.canonical = canonical
    }

    /// A number from an integer.
    public init(_ value: Int) {
        self.init(text: String(value), kind: .integer, canonical: String(value))
    }

    /// The numeric value (integers beyond 2^53 lose precision).
    public var doubleValue: Double {
        switch canonical {
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        case "NaN": return .nan
        default: return Double(canonical) ?? .nan
        }
    }

    /// The value as an `Int`, if it is an integer that fits.
    public var intValue: Int? { kind == .integer ? Int(canonical) : nil }

    /// The source spelling.
    public var description: String { text }

    /// Two numbers are equal when their values are, whatever their spelling (`0755` == `493`).
    /// `.nan` equals `.nan`: a template's NaN is the same value on both sides (found by fuzz-split,
    /// fuzz-fmt and fuzz-diff: with IEEE equality `C: .nan` never equalled itself, so `fmt` refused
    /// the template and `split`'s verification failed).
    public static func == (lhs: Number, rhs: Number) -> Bool {
        if lhs.kind == .integer && rhs.kind == .integer { return lhs.canonical == rhs.canonical }
        let a = lhs.doubleValue
        let b = rhs.doubleValue
        return a == b || (a.isNaN && b.isNaN)
    }

    /// Hashes the value, consistently with `==` (every NaN hashes alike).
    public func hash(into hasher: inout Hasher) {
        let d = doubleValue
        hasher.combine(d.isNaN ? Double.nan : d)
    }
}

extension Node {
    /// A string node.
    public static func string(_ s: String) -> Node { Node(.string(s)) }

    /// The string, if this node is a string scalar.
    public var stringValue: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    /// The map, if this node is a mapping.
    public var mapValue: Map? {
        if case .map(let m) = value { return m }
        return nil
    }

    /// The items, if this node is a list.
    public var listValue: [Node]? {
        if case .list(let l) = value { return l }
        return nil
    }

    /// The intrinsic function, if this node is one.
    public var functionValue: Intrinsic? {
        if case .function(let f) = value { return f }
        return nil
    }

    /// The text of a scalar as CloudFormation would read it as a string:
    /// strings as they are, numbers in their JSON spelling, booleans as `true`/`false`.
    public var scalarText: String? {
        switch value {
        case .string(let s): return s
        case .number(let n): return n.canonical
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    /// Whether the node is a string, number, boolean or null.
    public var isScalar: Bool {
        switch value {
        case .string, .number, .bool, .null: return true
        default: return false
        }
    }

    /// The value under `key` when this node is a mapping.
    public subscript(key: String) -> Node? {
        mapValue?[key]
    }
}
