import CFNModel

/// The connector profiles of aws-sam-translator (`SAMData.connectors`): for each pair of source
/// and destination types, the kind of resource that grants the access (a managed policy on a
/// role, a Lambda permission, a topic or queue policy) and the statements of each access
/// category (`Read`, `Write`), written with `%{Source.Arn}`-style variables.
enum ConnectorProfile {
    /// The profile for a source and destination type, if connectors support the pair.
    static func profile(from source: String, to destination: String) -> Map? {
        SAMData.connectors["Permissions"]?[source]?[destination]?.mapValue
    }

    /// What a resource of `type` with logical id `logicalId` gives connectors: `Inputs` (the
    /// property that holds its role) and `Outputs` (`Arn`, `Name`, `Url`, `Id`, `Qualifier`).
    static func resourceProperties(of type: String, logicalId: String) -> Map {
        let properties = SAMData.connectors["CfnResourceProperties"]?[type] ?? Node(.map(Map()))
        // The only variable here is the logical id, which is never missing.
        return (try? replace(properties, [("logicalId", .string(logicalId))]))?.mapValue ?? Map()
    }

    /// A variable of a profile with no value (`Source.Arn is missing.`).
    struct MissingVariable: Error {
        var name: String
    }

    /// `node` with each `%{Name}` replaced: a string that is only the variable becomes the
    /// variable's value; a string that holds variables becomes a `Fn::Sub` with them as
    /// `${SourceArn}`-style variables; any string with a `${...}` left is a `Fn::Sub`.
    static func replace(_ node: Node, _ values: [(String, Node?)]) throws(MissingVariable) -> Node {
        switch node.value {
        case .string(let s): return try replace(string: s, values, range: node.range)
        case .list(let items):
            var out = node
            var replaced: [Node] = []
            for item in items { replaced.append(try replace(item, values)) }
            out.value = .list(replaced)
            return out
        case .map(let map):
            var out = map
            for entry in map { out[entry.key] = try replace(entry.value, values) }
            var n = node
            n.value = .map(out)
            return n
        case .function(var f):
            f.argument = try replace(f.argument, values)
            var n = node
            n.value = .function(f)
            return n
        default:
            return node
        }
    }

    private static func replace(string: String, _ values: [(String, Node?)], range: SourceRange) throws(MissingVariable) -> Node {
        var s = string
        var variables: [(String, Node)] = []
        for (name, value) in values {
            let pattern = "%{" + name + "}"
            guard s.contains(pattern) else { continue }
            guard let value else { throw MissingVariable(name: name) }
            if s == pattern { return value }
            // Fn::Sub variable names are alphanumeric.
            let variable = String(name.filter { $0.isLetter || $0.isNumber })
            s = s.replacing(pattern, with: "${" + variable + "}")
            variables.append((variable, value))
        }
        guard hasSubVariable(s) else { return Node(.string(s), range: range) }
        if variables.isEmpty { return .sub(s) }
        return .sub(s, .map(variables))
    }

    /// Whether a string holds `${...}` (at least one character between the braces, on one line).
    private static func hasSubVariable(_ s: String) -> Bool {
        for line in s.split(separator: "\n", omittingEmptySubsequences: false) {
            if let open = line.firstRange(of: "${"), line[open.upperBound...].dropFirst().contains("}") { return true }
        }
        return false
    }
}
