import CFNModel

// How Python prints values, for aws-sam-translator's messages and for the few checks it makes on
// a value's printed form (an OpenApiVersion of 3.0 read as a float is "3.0").

/// Python's `str()` of a value: a string as it is, `True`, `None`, `3.0`; a collection as `repr()`.
func pythonText(_ node: Node) -> String {
    switch node.value {
    case .string(let s): return s
    case .number(let n): return PythonJSON.number(n)
    case .bool(let b): return b ? "True" : "False"
    case .null: return "None"
    default: return pythonLiteral(node)
    }
}

/// Python's `repr()` of a value: `'text'`, `True`, `None`, `['a', 1]`, `{'Ref': 'MyAuth'}` (as
/// aws-sam-translator puts a value that is not a string into a message or an f-string id).
func pythonLiteral(_ node: Node) -> String {
    func quoted(_ s: String) -> String { "'" + s.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'" }
    switch node.value {
    case .string(let s): return quoted(s)
    case .number(let n): return PythonJSON.number(n)
    case .bool(let b): return b ? "True" : "False"
    case .null: return "None"
    case .list(let items): return "[" + items.map(pythonLiteral).joined(separator: ", ") + "]"
    case .map(let map): return "{" + map.map { quoted($0.key) + ": " + pythonLiteral($0.value) }.joined(separator: ", ") + "}"
    case .function(let f): return "{" + quoted(f.name.rawValue) + ": " + pythonLiteral(f.argument) + "}"
    }
}

/// Python's name for the type of a decoded value (`dict` for a function call, as JSON holds it).
func pythonTypeName(_ node: Node) -> String {
    switch node.value {
    case .string: return "str"
    case .number(let n): return n.kind == .integer ? "int" : "float"
    case .bool: return "bool"
    case .null: return "NoneType"
    case .list: return "list"
    case .map, .function: return "dict"
    }
}
