/// Reading a schema as a person would: what type a property takes and what limits its value,
/// in short phrases (`list of string`, `length 1 to 80`). What `cfntool schema` prints.
extension SchemaNode {
    /// This node, then each node its `$ref` leads to: a referencing node may add keywords.
    var referenceChain: [SchemaNode] {
        var chain = [self]
        var node = self
        while let next = node.ref, chain.count < 32 {
            chain.append(next)
            node = next
        }
        return chain
    }

    /// The first value of a keyword along the `$ref` chain.
    private func first<T>(_ keyword: (SchemaNode) -> T?) -> T? {
        for node in referenceChain {
            if let v = keyword(node) { return v }
        }
        return nil
    }

    /// The definition this node names through `$ref` (`LoadBalancer`), if any.
    public var referencedDefinition: String? { first { $0.definitionName } }

    /// The values an `enum` (or `const`) allows, following `$ref`; nil when any value of the type goes.
    public var allowedValues: [JSONValue]? { first { $0.enumValues } ?? first { $0.constValue }.map { [$0] } }

    /// The `pattern` a string must match (also one the matcher cannot check), following `$ref`.
    public var patternSource: String? { first { $0.pattern?.source ?? $0.skippedPattern } }

    /// The schema of the list's items, following `$ref`.
    public var itemSchema: SchemaNode? { first { $0.items } }

    /// The object whose properties live under this node: itself, its list's items, or the
    /// first `oneOf`/`anyOf`/`allOf` branch that has properties; nil when none declares any.
    public var propertyContainer: SchemaNode? { propertyContainer(depth: 0) }

    private func propertyContainer(depth: Int) -> SchemaNode? {
        let r = resolved
        if !r.propertyOrder.isEmpty { return r }
        guard depth < 4 else { return nil }
        if let items = itemSchema?.propertyContainer(depth: depth + 1) { return items }
        for branch in r.oneOf + r.anyOf + r.allOf {
            if let found = branch.propertyContainer(depth: depth + 1) { return found }
        }
        return nil
    }

    /// The value type in words: `string`, `integer`, `list of string`, `object LoadBalancer`,
    /// `map of string`, `string or object`, `any`.
    public var typeDescription: String { typeDescription(depth: 0) }

    private func typeDescription(depth: Int) -> String {
        let r = resolved
        let own = first { $0.types }
        let branches = r.oneOf + r.anyOf
        if own == nil, !branches.isEmpty, depth < 3 {
            let kinds = uniqued(branches.map { $0.typeDescription(depth: depth + 1) })
            if !kinds.contains("any") { return kinds.joined(separator: " or ") }
        }
        guard let types = own ?? effectiveTypes, types != .any, !types.isEmpty else {
            if !r.propertyOrder.isEmpty { return objectDescription(depth: depth) }
            return "any"
        }
        var words: [String] = []
        for name in types.names {
            switch name {
            case "array":
                if let items = itemSchema, depth < 4 {
                    words.append("list of " + items.typeDescription(depth: depth + 1))
                } else {
                    words.append("list")
                }
            case "object": words.append(objectDescription(depth: depth))
            default: words.append(name)
            }
        }
        return words.joined(separator: " or ")
    }

    private func objectDescription(depth: Int) -> String {
        let r = resolved
        if let name = referencedDefinition, !r.propertyOrder.isEmpty { return "object " + name }
        if r.propertyOrder.isEmpty, depth < 4 {
            if let (_, value) = r.patternProperties.first { return "map of " + value.typeDescription(depth: depth + 1) }
            if case .schema(let value) = r.additional { return "map of " + value.typeDescription(depth: depth + 1) }
        }
        return "object"
    }

    /// What limits the value, one phrase each: allowed values, pattern, length, range, item and
    /// entry counts, and for a list of scalars the limits on each item. `full` gives every
    /// allowed value and the whole pattern; otherwise a few values and a pattern cut to 40
    /// characters, for a table.
    public func constraints(full: Bool) -> [String] {
        var out: [String] = []
        if let values = first({ $0.enumValues }) {
            let texts = values.map(Self.text)
            let shown = full || texts.count <= 5 ? texts : Array(texts.prefix(4)) + ["+\(texts.count - 4) more"]
            let anyCase = referenceChain.contains { $0.enumCaseInsensitive } ? " (any case)" : ""
            out.append((full ? "allowed values" : "one of") + anyCase + ": " + shown.joined(separator: ", "))
        }
        if let value = first({ $0.constValue }) { out.append("must be " + Self.text(value)) }
        if let source = first({ $0.pattern?.source ?? $0.skippedPattern }) {
            out.append("pattern " + (full || source.count <= 40 ? source : String(source.prefix(39)) + "…"))
        }
        if let range = Self.span(first { $0.minLength }, first { $0.maxLength }) { out.append("length " + range) }
        let low =
            first { $0.minimum }.map { "at least " + Self.number($0) } ?? first { $0.exclusiveMinimum }.map { "over " + Self.number($0) }
        let high =
            first { $0.maximum }.map { "at most " + Self.number($0) } ?? first { $0.exclusiveMaximum }.map { "under " + Self.number($0) }
        if let min = first({ $0.minimum }), let max = first({ $0.maximum }) {
            out.append("range \(Self.number(min)) to \(Self.number(max))")
        } else if let words = [low, high].compactMap({ $0 }).joined(separator: ", ").nonEmpty {
            out.append(words)
        }
        if let step = first({ $0.multipleOf }) { out.append("multiple of " + Self.number(step)) }
        if let range = Self.span(first { $0.minItems }, first { $0.maxItems }) { out.append("items: " + range) }
        if referenceChain.contains(where: { $0.uniqueItems }) { out.append("unique items") }
        if let range = Self.span(first { $0.minProperties }, first { $0.maxProperties }) { out.append("entries: " + range) }
        if let format = first({ $0.format }) { out.append("format " + format) }
        if let items = itemSchema, items.resolved.propertyOrder.isEmpty, items !== self {
            out += items.constraints(full: full).map { "each " + $0 }
        }
        return out
    }

    /// Rules between an object's properties: exactly one of, at least one of, what needs or
    /// excludes what, and the alternative shapes of a `oneOf`/`anyOf`.
    public var objectRules: [String] {
        let r = resolved
        var out: [String] = []
        if !r.requiredXor.isEmpty { out.append("exactly one of: " + r.requiredXor.joined(separator: ", ")) }
        if !r.requiredOr.isEmpty { out.append("at least one of: " + r.requiredOr.joined(separator: ", ")) }
        for (name, needs) in r.dependentRequired where !needs.isEmpty {
            out.append("\(name) needs: " + needs.joined(separator: ", "))
        }
        for (name, excluded) in r.dependentExcluded where !excluded.isEmpty {
            out.append("\(name) excludes: " + excluded.joined(separator: ", "))
        }
        for (word, branches) in [("one", r.oneOf), ("any", r.anyOf)] where !branches.isEmpty {
            let shapes = branches.map { b -> String in
                let b = b.resolved
                if !b.required.isEmpty { return "with " + b.required.joined(separator: ", ") }
                return b.typeDescription
            }
            if shapes.contains(where: { $0.hasPrefix("with ") }) {
                out.append("\(word) of: " + shapes.joined(separator: " | "))
            }
        }
        return out
    }

    /// A JSON value as plain text: strings without quotes.
    static func text(_ value: JSONValue) -> String {
        if let s = value.scalarText { return s }
        if case .null = value { return "null" }
        return "\(value)"
    }

    static func number(_ d: Double) -> String { JSONValue.number(d).scalarText ?? String(d) }

    /// `1 to 80`, `at least 1`, `at most 80`; nil when neither bound is set.
    private static func span(_ low: Int?, _ high: Int?) -> String? {
        switch (low, high) {
        case (let l?, let h?): return l == h ? "exactly \(l)" : "\(l) to \(h)"
        case (let l?, nil): return "at least \(l)"
        case (nil, let h?): return "at most \(h)"
        case (nil, nil): return nil
        }
    }

    private func uniqued(_ words: [String]) -> [String] {
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}

/// One property of a resource type, as `cfntool schema` lists it.
public struct PropertyDescription: Sendable {
    /// `ContainerPort`.
    public let name: String
    /// `["LoadBalancers", "ContainerPort"]`: the path under `Properties` (list items skipped).
    public let path: [String]
    /// Its schema.
    public let schema: SchemaNode
    /// Whether the object that holds it requires it.
    public let isRequired: Bool
    /// Whether changing it replaces the resource (it or an object around it is create-only).
    public let isCreateOnly: Bool
    /// Whether changing it may replace the resource.
    public let isConditionalCreateOnly: Bool
    /// Whether CloudFormation sets it (an attribute for `Fn::GetAtt`, not for the template).
    public let isReadOnly: Bool

    /// `list of object LoadBalancer`.
    public var typeDescription: String { schema.typeDescription }

    /// `required, create-only`: the flags that hold, in words.
    public var flags: [String] {
        var out: [String] = []
        if isRequired { out.append("required") }
        if isCreateOnly {
            out.append("create-only")
        } else if isConditionalCreateOnly {
            out.append("conditional create-only")
        }
        if isReadOnly { out.append("read-only") }
        return out
    }

    /// An aligned table (a header line, then one line per property): name, type, flags and the
    /// short constraints, each line starting with `indent`.
    public static func table(_ properties: [PropertyDescription], indent: String = "  ") -> [String] {
        let header = ["property", "type", "flags", "constraints"]
        let rows =
            [header]
            + properties.map {
                [$0.name, $0.typeDescription, $0.flags.joined(separator: ", "), $0.schema.constraints(full: false).joined(separator: "; ")]
            }
        var widths = [0, 0, 0]
        for row in rows {
            for i in 0..<3 { widths[i] = max(widths[i], row[i].count) }
        }
        return rows.map { row in
            var line = indent
            for i in 0..<3 { line += row[i] + String(repeating: " ", count: widths[i] - row[i].count + 2) }
            line += row[3]
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}

extension ResourceSchema {
    /// The schema at `path` under `Properties`, stepping into list items and into the
    /// `oneOf`/`anyOf` branch that declares the next name; nil when there is none.
    public func propertySchema(_ path: [String]) -> SchemaNode? {
        var node: SchemaNode? = root
        for part in path {
            node = node?.propertyContainer?.properties[part]
        }
        return node
    }

    /// The property at `path` under `Properties`, described; nil when the schema has none there.
    public func describe(_ path: [String]) -> PropertyDescription? {
        guard let name = path.last, let node = propertySchema(path) else { return nil }
        let holder = propertySchema(Array(path.dropLast()))?.propertyContainer
        return PropertyDescription(
            name: name,
            path: path,
            schema: node,
            isRequired: holder?.required.contains(name) ?? false,
            isCreateOnly: createOnly.contains { Self.covers($0, path) },
            isConditionalCreateOnly: conditionalCreateOnly.contains { Self.covers($0, path) },
            isReadOnly: readOnly.contains { $0.filter { $0 != "*" } == path }
        )
    }

    /// The properties a template may set directly under `path` ([] for the resource's own), in
    /// schema order; read-only ones are left out (they are attributes). Nil when nothing at
    /// `path` has properties.
    public func properties(under path: [String]) -> [PropertyDescription]? {
        guard let holder = propertySchema(path)?.propertyContainer else { return nil }
        return holder.propertyOrder.compactMap { describe(path + [$0]) }.filter { !$0.isReadOnly }
    }

    /// The names a path may continue with after `path`, in schema order (read-only included).
    public func propertyNames(under path: [String]) -> [String] {
        propertySchema(path)?.propertyContainer?.propertyOrder ?? []
    }

    /// Whether a create-only `pointer` (list items as `*`) is `path` or an object around it.
    private static func covers(_ pointer: [String], _ path: [String]) -> Bool {
        let p = pointer.filter { $0 != "*" }
        return p.count <= path.count && Array(path.prefix(p.count)) == p
    }
}
