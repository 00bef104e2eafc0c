import CFNModel

extension Node {
    /// What kind of value this is, in words for messages ("a list", "a mapping", ...).
    var kindDescription: String {
        switch value {
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        case .list: return "a list"
        case .map: return "a mapping"
        case .function(let f): return "the function \(f.name)"
        }
    }

    /// The whole entry under `key` when this node is a mapping.
    subscript(entry key: String) -> Map.Entry? { mapValue?[entry: key] }

    /// Whether the value is null.
    var isNull: Bool {
        if case .null = value { return true }
        return false
    }
}

extension Template {
    /// Whether the template is processed by the SAM transform.
    var hasServerlessTransform: Bool {
        transforms.contains { $0.hasPrefix("AWS::Serverless") }
    }

    /// Whether the template uses CloudFormation's language extensions (`Fn::ForEach`, ...).
    var hasLanguageExtensions: Bool { transforms.contains("AWS::LanguageExtensions") }

    /// Whether `Fn::ForEach::` loops (language extensions) add resources or outputs that are not
    /// written out, so a name that is not found may still exist once expanded.
    var hasForEach: Bool {
        hasLanguageExtensions
            && ["Resources", "Outputs", "Conditions"].contains { section in
                root[section]?.mapValue?.keys.contains { $0.hasPrefix("Fn::ForEach::") } ?? false
            }
    }

    /// Whether the template names any transform (macros can rewrite anything).
    var hasTransform: Bool { root["Transform"] != nil }
}

/// Checks whether every character of `s` is an ASCII letter or digit (CloudFormation's logical ids).
func isAlphanumeric(_ s: String) -> Bool {
    !s.isEmpty && s.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }
}

extension Map.Entry {
    /// Whether the key is a logical id CloudFormation takes: a string of ASCII letters and
    /// digits. cfn-lint does not validate a resource under any other key against its type.
    var isLogicalId: Bool { isAlphanumeric(key) && !MappingConfiguration.isNotString(self) }
}

extension Node {
    /// Calls `body` for every intrinsic function in this value, outermost first.
    func forEachFunction(_ body: (Intrinsic) -> Void) {
        switch value {
        case .list(let items): for item in items { item.forEachFunction(body) }
        case .map(let m): for e in m { e.value.forEachFunction(body) }
        case .function(let f):
            body(f)
            f.argument.forEachFunction(body)
        default: break
        }
    }
}

extension Node {
    /// The number, if this node is a number scalar.
    var numberValue: Number? {
        if case .number(let n) = value { return n }
        return nil
    }
}

extension Node {
    /// The values a node can take through its `Fn::If`s, each with the conditions that choose it
    /// (`IsProd is true`).
    func branches(_ scenario: [String] = []) -> [(Node, [String])] {
        guard let f = functionValue, f.name == .if, let args = f.argument.listValue, args.count == 3,
            let condition = args[0].stringValue
        else { return [(self, scenario)] }
        return args[1].branches(scenario + ["\(condition) is true"]) + args[2].branches(scenario + ["\(condition) is false"])
    }
}
