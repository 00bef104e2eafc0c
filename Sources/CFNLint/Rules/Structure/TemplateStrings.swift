import CFNModel
import CFNSchema

/// One string of the template, where cfn-lint's validation of the template reaches it.
struct TemplateString {
    var text: String
    /// Where cfn-lint places a finding on it: the key it is written under, the item itself in a
    /// list, the nearest key above for a short-form function's argument.
    var range: SourceRange
    var path: [String]
    /// Whether it is inside a `Ref` (a name, not a value).
    var inRef: Bool
    /// Whether it is in the top-level Metadata, where cfn-lint looks for pseudo-parameter names
    /// (W1054) but not for dynamic references (W1053).
    var inMetadata = false
}

/// The strings that may hold a dynamic reference or a pseudo-parameter's name, in the sections
/// that cfn-lint validates value by value: the description, the
/// top-level metadata (marked), parameters, mappings, conditions, rules, outputs, and the
/// resources of known types, less the properties the type's schema does not have (they are
/// E3002's and not looked into). Several rules read them; the walk is done once per template.
enum TemplateStrings {
    static func all(_ context: LintContext) -> [TemplateString] {
        let template = context.template
        var out: [TemplateString] = []
        var path: [String] = []
        let root = template.root
        if let d = root[entry: "Description"], let s = d.value.stringValue {
            out.append(TemplateString(text: s, range: d.keyRange, path: ["Description"], inRef: false))
        }
        for section in ["Metadata", "Parameters", "Mappings", "Conditions", "Rules", "Outputs"] {
            guard let e = root[entry: section] else { continue }
            path = [section]
            let first = out.count
            walk(e.value, anchor: e.keyRange, inRef: false, skip: [], &path, &out)
            if section == "Metadata" { for i in first..<out.count { out[i].inMetadata = true } }
        }
        guard let resources = root["Resources"]?.mapValue else { return out }
        let store = SchemaStore.bundled
        // Unknown properties are not descended into: their keys, as E3002 reported them.
        let unknown = Set(context.schemaFindings(PropertyUnknown.self).map(\.range.start))
        for r in resources {
            guard let type = r.value["Type"]?.stringValue else { continue }
            let known = type.hasPrefix("Custom::") || (FunctionWalker.hasSchema(type) && (store?.knows(type) ?? false))
            guard known else { continue }
            path = ["Resources", r.key]
            walk(r.value, anchor: r.keyRange, inRef: false, skip: unknown, &path, &out)
        }
        return out
    }

    /// A string with `{{` in it (W1053) or one that begins with `AWS::` (W1054).
    static func mayMatter(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { u in
            if u.count >= 5, u[0] == 65, u[1] == 87, u[2] == 83, u[3] == 58, u[4] == 58 { return true }
            guard u.count >= 2 else { return false }
            for i in 0..<(u.count - 1) where u[i] == 123 && u[i + 1] == 123 { return true }
            return false
        }
    }

    private static func walk(
        _ node: Node,
        anchor: SourceRange,
        inRef: Bool,
        skip: Set<SourcePosition>,
        _ path: inout [String],
        _ out: inout [TemplateString]
    ) {
        switch node.value {
        case .string(let s):
            // Only the strings a rule can report are kept (each copies its path).
            if mayMatter(s) { out.append(TemplateString(text: s, range: anchor, path: path, inRef: inRef)) }
        case .list(let items):
            for i in items.indices {
                path.append(String(i))
                walk(items[i], anchor: items[i].range, inRef: inRef, skip: skip, &path, &out)
                path.removeLast()
            }
        case .map(let m):
            for e in m where !skip.contains(e.keyRange.start) {
                path.append(e.key)
                // A `Ref` key in a mapping that is not a call (it has other keys) counts too:
                // cfn-lint goes by the key in the path.
                walk(e.value, anchor: e.keyRange, inRef: inRef || e.key == "Ref", skip: skip, &path, &out)
                path.removeLast()
            }
        case .function(let f):
            path.append(f.name.rawValue)
            let at = f.form == .long && f.keyRange.start.line > 0 ? f.keyRange : anchor
            walk(f.argument, anchor: at, inRef: inRef || f.name == .ref, skip: skip, &path, &out)
            path.removeLast()
        default:
            break
        }
    }
}
