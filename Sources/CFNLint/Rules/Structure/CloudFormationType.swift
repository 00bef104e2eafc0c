import CFNModel

/// The JSON types of CloudFormation's section schemas, read as CloudFormation reads a template:
/// a number or boolean is also a string, `"5"` is also a number, `"true"` also a boolean.
enum CloudFormationType: String {
    case string, number, integer, boolean, array, object

    /// Whether `node` can be read as a value of this type.
    func accepts(_ node: Node) -> Bool {
        switch (self, node.value) {
        case (_, .null): return false
        case (.array, .list), (.object, .map): return true
        case (.array, _), (.object, _): return false
        case (.string, .string), (.string, .number), (.string, .bool): return true
        case (.number, .number), (.integer, .number): return true
        case (.number, .string(let s)):
            return Double(s.trimmingCharacters(in: " \t\n")) != nil
                || ["inf", "-inf", "nan", "infinity", "-infinity"].contains(s.lowercased())
        case (.integer, .string(let s)): return Int(s.trimmingCharacters(in: " \t\n")) != nil
        case (.boolean, .bool): return true
        case (.boolean, .string(let s)): return ["true", "false"].contains(s.lowercased())
        default: return false
        }
    }

    /// The type in words ("a string", "a list").
    var described: String {
        switch self {
        case .string: return "a string"
        case .number: return "a number"
        case .integer: return "an integer"
        case .boolean: return "a boolean"
        case .array: return "a list"
        case .object: return "a mapping"
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return s
    }
}
