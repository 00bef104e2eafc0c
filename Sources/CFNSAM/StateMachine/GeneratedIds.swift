import CFNModel

/// aws-sam-translator refuses to make a resource whose logical id is not made of letters and
/// digits (an id built from an event, alias or connector name with a `-` in it), naming that id.
enum GeneratedIds {
    static func isAlphanumeric(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ($0 >= "A" && $0 <= "Z") || ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") }
    }

    /// The first of `made` whose logical id is not alphanumeric, as an error at `resource`.
    static func check(_ made: [CFNResource], _ resource: SAMResource) throws(SAMError) {
        guard let bad = made.first(where: { !isAlphanumeric($0.logicalId) }) else { return }
        throw SAMError(
            "Logical ids must be alphanumeric. \(resource.logicalId) would make '\(bad.logicalId)' (\(bad.type)) from a name "
                + "that holds other characters; use letters and digits only.",
            logicalId: bad.logicalId,
            range: bad.origin.range.isKnown ? bad.origin.range : resource.range
        )
    }

    /// Python's `repr` of a decoded value, as aws-sam-translator puts a value that is not a string
    /// into an f-string (`{'Ref': 'Stage'}`).
    static func pythonRepr(_ node: Node) -> String {
        func quoted(_ s: String) -> String {
            let escaped = s.replacing("\\", with: "\\\\").replacing("'", with: "\\'")
            return "'" + escaped + "'"
        }
        switch node.value {
        case .string(let s): return quoted(s)
        case .number(let n): return n.canonical
        case .bool(let b): return b ? "True" : "False"
        case .null: return "None"
        case .list(let items): return "[" + items.map(pythonRepr).joined(separator: ", ") + "]"
        case .map(let map): return "{" + map.entries.map { quoted($0.key) + ": " + pythonRepr($0.value) }.joined(separator: ", ") + "}"
        case .function(let f): return "{" + quoted(f.name.rawValue) + ": " + pythonRepr(f.argument) + "}"
        }
    }
}
