import CFNModel

/// A check that a value has the shape the transform needs, with aws-sam-translator's messages
/// ("Property 'Events.Api.Properties' should be a map.").
struct Expect {
    var value: Node?
    var logicalId: String
    var path: String
    /// Set when the value belongs to an event: the error names the event.
    var event: String?
    /// A resource attribute (`Connectors`, `Condition`): "Attribute ..." rather than "Property ...".
    var isAttribute: Bool
    var range: SourceRange

    enum Shape: String {
        case map, list, string, integer, boolean
    }

    private func fail(_ message: String) -> SAMError {
        SAMError(message, logicalId: logicalId, event: event, range: value.map { $0.range.isKnown ? $0.range : range } ?? range)
    }

    private func shaped(_ shape: Shape, _ message: String?) -> SAMError {
        let word = isAttribute ? "Attribute" : "Property"
        return fail(message ?? "\(word) '\(path)' should be a \(shape.rawValue).")
    }

    /// The value, which must be a mapping.
    func map(_ message: String? = nil) throws(SAMError) -> Map {
        guard let m = value?.mapValue else { throw shaped(.map, message) }
        return m
    }

    /// The value, which must be a list.
    func list(_ message: String? = nil) throws(SAMError) -> [Node] {
        guard let l = value?.listValue else { throw shaped(.list, message) }
        return l
    }

    /// The value, which must be a list of strings.
    func listOfStrings(_ message: String? = nil) throws(SAMError) -> [String] {
        let items = try list(message)
        var out: [String] = []
        for (i, item) in items.enumerated() {
            guard let s = item.stringValue else {
                throw Expect(value: item, logicalId: logicalId, path: "\(path)[\(i)]", event: event, isAttribute: false, range: range)
                    .shaped(.string, message)
            }
            out.append(s)
        }
        return out
    }

    /// The value, which must be a string.
    func string(_ message: String? = nil) throws(SAMError) -> String {
        guard let s = value?.stringValue else { throw shaped(.string, message) }
        return s
    }

    /// The value, which must be an integer.
    func integer(_ message: String? = nil) throws(SAMError) -> Int {
        if case .bool(let b) = value?.value { return b ? 1 : 0 }
        guard case .number(let n) = value?.value, let i = n.intValue else { throw shaped(.integer, message) }
        return i
    }

    /// The value, which must be a boolean.
    func boolean(_ message: String? = nil) throws(SAMError) -> Bool {
        guard case .bool(let b) = value?.value else { throw shaped(.boolean, message) }
        return b
    }

    /// The value, which must be there.
    func present(_ message: String? = nil) throws(SAMError) -> Node {
        guard let value, !value.isNull else { throw fail(message ?? "Property '\(path)' is required.") }
        return value
    }
}

extension Node {
    /// Whether this is a YAML/JSON null.
    var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// Whether this is `{"Ref": "AWS::NoValue"}`.
    var isNoValue: Bool { functionValue?.refTarget == "AWS::NoValue" }

    /// Whether this is an intrinsic function call.
    var isIntrinsic: Bool { functionValue != nil }

    /// For a `Fn::If`: its condition, then and else values (when it has that shape).
    var ifBranches: (condition: Node, then: Node, otherwise: Node)? {
        guard let f = functionValue, f.name == .if, let items = f.argument.listValue, items.count == 3 else { return nil }
        return (items[0], items[1], items[2])
    }

    /// Python's truth of a value: empty strings, collections, zero, false and null are false.
    var isTruthy: Bool {
        switch value {
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .map(let m): return !m.isEmpty
        case .null: return false
        case .bool(let b): return b
        case .number(let n): return n.doubleValue != 0
        case .function: return true
        }
    }
}
