/// Canonical formatting: section and resource-attribute order, YAML or JSON output, and a proof
/// that the output means the same as the input (the output is decoded again and compared).
public enum Formatter {
    /// Top-level section order; sections the list does not name (SAM's `Globals`, `Hooks`, ...)
    /// go after `Transform`, before `Resources`, in their source order.
    public static let sectionOrder: [String] = Section.allCases.map(\.rawValue)
    /// Attribute order inside a resource; other attributes follow in their source order.
    public static let resourceAttributeOrder = ["Type", "Condition", "DependsOn", "Properties"]

    /// The template with its sections and resource attributes in canonical order.
    public static func canonicalized(_ template: Template) -> Template {
        var t = template
        let restAt = sectionOrder.firstIndex(of: "Resources")
        t.root.reorder(sectionOrder, restAt: restAt)
        if var resources = t.root["Resources"]?.mapValue, let node = t.root["Resources"] {
            var changed = false
            for e in resources.entries {
                guard case .map(var attrs) = e.value.value else { continue }
                let before = attrs.keys
                attrs.reorder(resourceAttributeOrder)
                if attrs.keys != before {
                    var v = e.value
                    v.value = .map(attrs)
                    resources[e.key] = v
                    changed = true
                }
            }
            if changed {
                var n = node
                n.value = .map(resources)
                t.root["Resources"] = n
            }
        }
        return t
    }

    /// Any node written as JSON, `indent` spaces per level, keys in the node's order, functions
    /// in long form, with a final newline. For machine output built as a node tree.
    public static func json(_ node: Node, indent: Int = 2) -> [UInt8] {
        var w = JSONWriter(indent: indent)
        w.writeDocument(node)
        return w.out
    }

    /// The template written in `format` (its own format by default), canonical order, no check.
    public static func render(_ template: Template, as format: Template.Format? = nil, indent: Int = 2) -> [UInt8] {
        let t = canonicalized(template)
        switch format ?? template.format {
        case .yaml:
            var w = YAMLWriter(comments: t.comments)
            w.writeDocument(t.root, blankBetween: ["Resources"])
            return w.out
        case .json:
            var w = JSONWriter(indent: indent)
            w.writeDocument(t.rootNode)
            return w.out
        }
    }

    /// Renders the template and proves the output decodes to the same template.
    ///
    /// - Throws: `CFNError` if the output would mean something else (a bug in the writer: nothing
    ///   should be written then).
    public static func format(_ template: Template, as format: Template.Format? = nil, indent: Int = 2) throws(CFNError) -> [UInt8] {
        let out = render(template, as: format, indent: indent)
        let again: Template
        do {
            again = try Template(bytes: out, path: template.path, options: DecodeOptions(maxBytes: Int.max))
        } catch {
            throw CFNError(
                file: template.path,
                position: error.position,
                message: "formatting produced output that does not parse (\(error.message)); nothing was written",
                kind: .structure
            )
        }
        // The cheap comparison first; the path to the difference only when there is one.
        if !template.isSemanticallyEqual(to: again), let diff = template.firstDifference(from: again) {
            throw CFNError(
                file: template.path,
                position: SourcePosition(line: 1, column: 1, offset: 0),
                message: "formatting would change the template at \(diff); nothing was written",
                kind: .structure
            )
        }
        return out
    }
}
