import CFNModel

/// A split hierarchy (a parent and its nested stacks) merged back into the one template that it
/// deploys as a whole: each nested stack's resources take the place of its stack resource, its
/// parameters replaced by what its parent passes, and `Fn::GetAtt Stack.Outputs.X` by the
/// output's value. The split verifier proves a split with it; `cfntool diff` compares two
/// hierarchies with it.
public struct MergedHierarchy: Sendable {
    /// The whole: the parent's sections (Parameters, Outputs resolved, Metadata, ...), the
    /// conditions and mappings of every template (the parent's first; a name already taken is
    /// not added again), and every resource of every template except the expanded stack
    /// resources. A `DependsOn` entry naming an expanded stack is dropped: the stack is gone.
    public private(set) var template: Template
    /// For each resource of `template`, the nested stacks that hold it, outermost first
    /// (empty: the parent).
    public private(set) var stacks: [String: [String]] = [:]
    /// For each resource of `template`, the path of the template it is written in.
    public private(set) var files: [String: String] = [:]

    /// The conditions of the nested stacks, their parameters replaced, in expansion order
    /// (the verifier compares each with the input's).
    private(set) var nestedConditions: [(name: String, expression: Node)] = []

    /// A single template as a hierarchy of one (to compare it with a split one).
    public init(_ template: Template) {
        self.template = template
        for e in template.root["Resources"]?.mapValue?.entries ?? [] {
            stacks[e.key] = []
            files[e.key] = template.path
        }
    }

    /// Merges `parent` with `nested`, the templates of its nested stacks by the logical id of
    /// their `AWS::CloudFormation::Stack` resource (at any depth). A stack resource whose id is
    /// not in `nested` stays a resource.
    ///
    /// - Throws: `SplitError` when a nested stack's parameter is not passed by its parent.
    public init(parent: Template, nested: [String: Template]) throws(SplitError) {
        template = parent
        var merged: [(id: String, node: Node, range: SourceRange, chain: [String], file: String)] = []
        var outputs: [String: [String: Node]] = [:]
        var conditions: [(String, Node)] = []
        var mappings: [Map.Entry] = []
        var taken: Set<String> = []
        func expand(_ t: Template, _ lookup: (String, String?) -> Node?, chain: [String]) throws(SplitError) {
            for e in t.root["Resources"]?.mapValue?.entries ?? [] {
                guard let child = nested[e.key] else {
                    // Two nested stacks may use one logical id: the later one is named by its stack.
                    let id = taken.contains(e.key) ? (chain + [e.key]).joined(separator: "/") : e.key
                    taken.insert(id)
                    merged.append((id, Self.substitute(e.value, lookup), e.keyRange, chain, t.path))
                    continue
                }
                var sigma: [String: Node] = [:]
                let values = e.value["Properties"]?["Parameters"]?.mapValue ?? Map()
                for p in child.parameters {
                    guard var v = values[p.name] else {
                        throw SplitError(file: parent.path, message: "stack \(e.key) does not pass its parameter \(p.name)")
                    }
                    v = Self.unguard(Self.substitute(v, lookup))
                    if StackBuilder.isListType(p.type ?? ""), let f = v.functionValue, f.name == .join, let items = f.argument.listValue,
                        items.count == 2, items[0].stringValue == ","
                    {
                        v = items[1]
                    }
                    sigma[p.name] = v
                }
                let childLookup: (String, String?) -> Node? = { name, attribute in attribute == nil ? sigma[name] : nil }
                try expand(child, childLookup, chain: chain + [e.key])
                for c in child.conditions { conditions.append((c.name, Self.substitute(c.expression, childLookup))) }
                for m in child.root["Mappings"]?.mapValue?.entries ?? [] { mappings.append(m) }
                var outs: [String: Node] = [:]
                for o in child.outputs { outs[o.name] = o.value.map { Self.substitute($0, childLookup) } }
                outputs[e.key] = outs
            }
        }
        try expand(parent, { _, _ in nil }, chain: [])
        nestedConditions = conditions

        let outputLookup: (String, String?) -> Node? = { name, attribute in
            guard let a = attribute, a.hasPrefix("Outputs.") else { return nil }
            return outputs[name]?[String(a.dropFirst(8))]
        }
        let expanded = Set(outputs.keys)
        func resolve(_ n: Node) -> Node {
            var n = n
            for _ in 0..<8 {
                let next = Self.substitute(n, outputLookup)
                if next.isSemanticallyEqual(to: n) { break }
                n = next
            }
            return Self.normalize(n)
        }

        var resources: [Map.Entry] = []
        resources.reserveCapacity(merged.count)
        for r in merged {
            var node = resolve(r.node)
            if !expanded.isEmpty, var m = node.mapValue, let d = m["DependsOn"] {
                let kept = (d.listValue ?? [d]).filter { !expanded.contains($0.stringValue ?? "") }
                if kept.isEmpty {
                    m.remove("DependsOn")
                } else {
                    var list = d
                    list.value = .list(kept)
                    m["DependsOn"] = list
                }
                node.value = .map(m)
            }
            resources.append(Map.Entry(key: r.id, value: node, keyRange: r.range))
            stacks[r.id] = r.chain
            files[r.id] = r.file
        }
        var root = parent.root
        if root["Resources"] != nil || !resources.isEmpty { root["Resources"] = Node(.map(Map(resources))) }
        if let out = root["Outputs"]?.mapValue {
            root["Outputs"] = Node(.map(out.mapValues(resolve)))
        }
        func add(_ section: String, _ entries: [Map.Entry]) {
            guard !entries.isEmpty else { return }
            var m = root[section]?.mapValue ?? Map()
            for e in entries where m[e.key] == nil { m[e.key] = e.value }
            root[section] = Node(.map(m))
        }
        add("Conditions", conditions.map { Map.Entry(key: $0.0, value: $0.1) })
        add("Mappings", mappings)
        template.root = root
    }

    /// `Fn::If [C, value, ""]` guards a value passed to a nested stack: the value is what counts.
    static func unguard(_ v: Node) -> Node {
        if let f = v.functionValue, f.name == .if, let items = f.argument.listValue, items.count == 3, items[2].stringValue == "" {
            return items[1]
        }
        return v
    }

    /// `Fn::Split [",", Fn::Join [",", x]]` is `x`: a list that crossed a boundary as a string.
    static func normalize(_ n: Node) -> Node {
        switch n.value {
        case .list(let items):
            var m = n
            m.value = .list(items.map(normalize))
            return m
        case .map(let map):
            var m = n
            m.value = .map(map.mapValues(normalize))
            return m
        case .function(var f):
            f.argument = normalize(f.argument)
            // `${ Name }` and `${Name}` are the same variable.
            if f.name == .sub {
                if let s = f.argument.stringValue {
                    f.argument.value = .string(SubTemplate(s).string)
                } else if var items = f.argument.listValue, let s = items.first?.stringValue {
                    items[0].value = .string(SubTemplate(s).string)
                    f.argument.value = .list(items)
                }
            }
            if f.name == .split, let items = f.argument.listValue, items.count == 2, items[0].stringValue == ",",
                let inner = items[1].functionValue, inner.name == .join, let j = inner.argument.listValue, j.count == 2,
                j[0].stringValue == ","
            {
                return j[1]
            }
            var m = n
            m.value = .function(f)
            return m
        default:
            return n
        }
    }

    /// Replaces `Ref name` (attribute nil) and `Fn::GetAtt [name, attribute]`, also inside `Fn::Sub`.
    static func substitute(_ n: Node, _ lookup: (String, String?) -> Node?) -> Node {
        switch n.value {
        case .list(let items):
            var m = n
            m.value = .list(items.map { substitute($0, lookup) })
            return m
        case .map(let map):
            var m = n
            m.value = .map(map.mapValues { substitute($0, lookup) })
            return m
        case .function(var f):
            switch f.name {
            case .ref:
                if let name = f.argument.stringValue, let v = lookup(name, nil) { return v }
                return n
            case .getAtt:
                if let (x, a) = f.getAttTarget, let v = lookup(x, a) { return v }
            case .sub where f.argument.stringValue != nil || f.argument.listValue?.first?.stringValue != nil:
                var locals: Set<String> = []
                var items = f.argument.listValue ?? [f.argument]
                if items.count > 1 {
                    locals = Set(items[1].mapValue?.keys ?? [])
                    items[1] = substitute(items[1], lookup)
                }
                if let s = items[0].stringValue {
                    var t = SubTemplate(s)
                    t.parts = t.parts.map { part in
                        guard case .variable(let name, let attr) = part, !locals.contains(name), let v = lookup(name, attr) else {
                            return part
                        }
                        if let target = v.functionValue?.refTarget { return .variable(name: target, attribute: nil) }
                        if let (x, a) = v.functionValue?.getAttTarget { return .variable(name: x, attribute: a) }
                        return part
                    }
                    items[0].value = .string(t.string)
                }
                if case .string = f.argument.value { f.argument = items[0] } else { f.argument.value = .list(items) }
                var m = n
                m.value = .function(f)
                return m
            default:
                break
            }
            f.argument = substitute(f.argument, lookup)
            var m = n
            m.value = .function(f)
            return m
        default:
            return n
        }
    }
}
