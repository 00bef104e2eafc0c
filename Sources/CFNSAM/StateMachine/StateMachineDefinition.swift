import CFNModel

/// An inline `Definition` as Step Functions takes it: a `DefinitionString` written as a `Fn::Join`
/// of JSON lines (so it stays readable in the output), each intrinsic function or dynamic reference
/// moved out into `DefinitionSubstitutions` as `${definition_substitution_N}`.
enum StateMachineDefinition {
    /// The definition string and the substitutions it needs (in the order they were numbered).
    static func build(_ definition: Node) -> (string: Node, substitutions: [(String, Node)]) {
        var substitutions: [(String, Node)] = []
        let replaced = substitute(definition, &substitutions)
        let text = indentedJSON(replaced)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Node.string(String($0)) }
        return (.join("\n", lines), substitutions)
    }

    /// Whether aws-sam-translator takes `node` for an intrinsic function: a function call, or a
    /// one-key mapping whose key is `Ref`, `Condition` or `Fn::...`.
    static func isIntrinsic(_ node: Node) -> Bool {
        if node.isIntrinsic { return true }
        guard let map = node.mapValue, map.count == 1, let key = map.keys.first else { return false }
        return key == "Ref" || key == "Condition" || key.hasPrefix("Fn::")
    }

    /// `{{resolve:service:key}}`, the whole string.
    static func isDynamicReference(_ node: Node) -> Bool {
        guard let s = node.stringValue, s.hasPrefix("{{resolve:"), s.hasSuffix("}}") else { return false }
        let body = s.dropFirst("{{resolve:".count).dropLast(2)
        guard let colon = body.firstIndex(of: ":") else { return false }
        let service = body[..<colon]
        let key = body[body.index(after: colon)...]
        return !service.isEmpty && service.allSatisfy { ($0 >= "a" && $0 <= "z") || $0 == "-" } && !key.isEmpty
    }

    /// The node with every intrinsic and dynamic reference below it replaced by a substitution
    /// variable, visiting mapping keys in sorted order and list items in order (which fixes the
    /// numbering).
    private static func substitute(_ node: Node, _ substitutions: inout [(String, Node)]) -> Node {
        func placeholder(for value: Node) -> Node {
            let n = substitutions.count + 1
            substitutions.append(("definition_substitution_\(n)", value))
            return Node(.string("${definition_substitution_\(n)}"), range: value.range)
        }
        func visit(_ child: Node) -> Node {
            if isIntrinsic(child) || isDynamicReference(child) { return placeholder(for: child) }
            switch child.value {
            case .map, .list, .function: return substitute(child, &substitutions)
            default: return child
            }
        }
        var out = node
        switch node.value {
        case .map(let map):
            var result = map
            for key in map.keys.sorted(by: codePointOrder) { result[key] = visit(map[key]!) }
            out.value = .map(result)
        case .list(let items):
            out.value = .list(items.map(visit))
        case .function(let f):
            // A definition that is itself a function call is walked as the one-key mapping it is.
            var m = Map()
            m[f.name.rawValue] = visit(f.argument)
            out.value = .map(m)
        default:
            break
        }
        return out
    }

    static func codePointOrder(_ a: String, _ b: String) -> Bool { a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) }

    /// Python's `json.dumps(value, sort_keys=True, indent=4, separators=(",", ": "))`.
    static func indentedJSON(_ node: Node) -> String {
        var out: [UInt8] = []
        write(node, 0, &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ node: Node, _ depth: Int, _ out: inout [UInt8]) {
        func newline(_ level: Int) {
            out.append(UInt8(ascii: "\n"))
            out += [UInt8](repeating: UInt8(ascii: " "), count: 4 * level)
        }
        switch node.value {
        case .string(let s): PythonJSON.string(s, &out)
        case .number(let n): out += Array(PythonJSON.number(n).utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .null: out += Array("null".utf8)
        case .list(let items):
            guard !items.isEmpty else {
                out += Array("[]".utf8)
                return
            }
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                write(item, depth + 1, &out)
            }
            newline(depth)
            out.append(UInt8(ascii: "]"))
        case .map(let map):
            guard !map.isEmpty else {
                out += Array("{}".utf8)
                return
            }
            out.append(UInt8(ascii: "{"))
            for (i, key) in map.keys.sorted(by: codePointOrder).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                PythonJSON.string(key, &out)
                out += Array(": ".utf8)
                write(map[key]!, depth + 1, &out)
            }
            newline(depth)
            out.append(UInt8(ascii: "}"))
        case .function(let f):
            var m = Map()
            m[f.name.rawValue] = f.argument
            write(Node(.map(m)), depth, &out)
        }
    }
}
