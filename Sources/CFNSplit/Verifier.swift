import CFNModel

/// Proves a split output equals its input: every written file parses, keeps every quota and holds
/// at most `maxResources` resources, no stack graph has a cycle, and merging the nested stacks
/// back into the parent (parameters and outputs resolved) gives the input's resources, types,
/// properties, attributes, conditions and outputs, with a creation order that keeps every
/// original dependency.
enum Verifier {
    static func verify(_ r: SplitResult, sourceGraph given: DependencyGraph? = nil) throws(SplitError) {
        let path = r.source.path
        func fail(_ message: String) -> SplitError { SplitError(file: path, message: "verification failed: " + message) }

        // 1. What is written parses, and keeps the quotas.
        var children: [String: Template] = [:]
        var files: [(String, [UInt8])] = [(r.parentFileName, r.parentBytes)]
        files += r.stacks.map { ($0.logicalId, $0.bytes) }
        var parsed: [String: Template] = [:]
        // Decoding the files and building their graphs is independent work: both cores take part.
        let decoded = Parallel.map(files) { file -> Result<(Template, DependencyGraph), CFNError> in
            Result { () throws(CFNError) -> (Template, DependencyGraph) in
                let t = try Template(bytes: file.1, path: file.0)
                return (t, DependencyGraph(t))
            }
        }
        var graphs: [String: DependencyGraph] = [:]
        for ((name, bytes), outcome) in zip(files, decoded) {
            let t: Template
            let graph: DependencyGraph
            switch outcome {
            case .success(let pair): (t, graph) = pair
            case .failure(let error): throw fail("\(name) does not parse: \(error.message)")
            }
            parsed[name] = t
            graphs[name] = graph
            if t.resources.count > Swift.min(r.options.maxResources, Splitter.maxStackResources)
                || t.parameters.count > Splitter.maxParameters
                || t.outputs.count > Splitter.maxOutputs || bytes.count > Splitter.maxBodyBytes
            {
                throw fail(
                    "\(name) exceeds a quota (\(t.resources.count) resources, \(t.parameters.count) parameters, \(t.outputs.count) outputs, \(bytes.count) bytes)"
                )
            }
            if let cycle = graph.cycles().first {
                throw fail("\(name) has a dependency cycle: " + cycle.map(graph.describe).joined(separator: " -> "))
            }
        }
        for s in r.stacks { children[s.logicalId] = parsed[s.logicalId] }
        let parent = parsed[r.parentFileName]!

        // 2. Merge back, level by level: each nested stack's parameters are replaced by what its
        // parent passes (itself expressed in the top namespace), its resources join the top.
        var outputs: [String: [String: Node]] = [:]
        var merged: [String: (node: Node, chain: [String])] = [:]
        var childConditions: [(String, Node)] = []
        func expand(_ t: Template, _ lookup: (String, String?) -> Node?, chain: [String]) throws(SplitError) {
            for e in t.root["Resources"]?.mapValue?.entries ?? [] {
                guard let child = children[e.key] else {
                    merged[e.key] = (substitute(e.value, lookup), chain)
                    continue
                }
                var sigma: [String: Node] = [:]
                let values = e.value["Properties"]?["Parameters"]?.mapValue ?? Map()
                for p in child.parameters {
                    guard var v = values[p.name] else { throw fail("stack \(e.key) does not pass its parameter \(p.name)") }
                    v = unguard(substitute(v, lookup))
                    if StackBuilder.isListType(p.type ?? ""), let f = v.functionValue, f.name == .join, let items = f.argument.listValue,
                        items.count == 2, items[0].stringValue == ","
                    {
                        v = items[1]
                    }
                    sigma[p.name] = v
                }
                let childLookup: (String, String?) -> Node? = { name, attribute in attribute == nil ? sigma[name] : nil }
                try expand(child, childLookup, chain: chain + [e.key])
                for c in child.conditions { childConditions.append((c.name, substitute(c.expression, childLookup))) }
                var outs: [String: Node] = [:]
                for o in child.outputs { outs[o.name] = o.value.map { substitute($0, childLookup) } }
                outputs[e.key] = outs
            }
        }
        try expand(parent, { _, _ in nil }, chain: [])

        let outputLookup: (String, String?) -> Node? = { name, attribute in
            guard let a = attribute, a.hasPrefix("Outputs.") else { return nil }
            return outputs[name]?[String(a.dropFirst(8))]
        }
        func resolveOutputs(_ n: Node) -> Node {
            var n = n
            for _ in 0..<8 {
                let next = substitute(n, outputLookup)
                if next.isSemanticallyEqual(to: n) { break }
                n = next
            }
            return normalize(n)
        }

        // 3. Compare with the input.
        let original = r.source.root["Resources"]?.mapValue ?? Map()
        for e in original.entries {
            guard let node = merged[e.key]?.node else { throw fail("resource \(e.key) is missing from the output") }
            var a = normalize(e.value).mapValue ?? Map()
            var b = resolveOutputs(node).mapValue ?? Map()
            a.remove("DependsOn")
            b.remove("DependsOn")
            if !a.isSemanticallyEqual(to: b) {
                let d = Template(root: a).firstDifference(from: Template(root: b)) ?? ""
                throw fail("resource \(e.key) differs after merging back (\(d))")
            }
        }
        for key in merged.keys where original[key] == nil {
            throw fail("the output adds resource \(key)")
        }
        let originalConditions = r.source.root["Conditions"]?.mapValue ?? Map()
        for (name, expression) in childConditions {
            guard let o = originalConditions[name], normalize(o).isSemanticallyEqual(to: normalize(expression)) else {
                throw fail("condition \(name) copied into a nested stack differs from the original")
            }
        }
        for o in r.source.outputs {
            guard let p = parent.root["Outputs"]?[o.name], resolveOutputs(p).isSemanticallyEqual(to: normalize(o.node)) else {
                throw fail("output \(o.name) differs after merging back")
            }
        }
        if !(parent.root["Parameters"]?.mapValue ?? Map()).isSemanticallyEqual(to: r.source.root["Parameters"]?.mapValue ?? Map()) {
            throw fail("the parent's parameters differ from the input's")
        }

        // 4. Every original dependency is kept by the creation order.
        var reach = Reachability()
        let sourceGraph = given ?? DependencyGraph(r.source)
        for edge in sourceGraph.edges {
            guard sourceGraph.vertices[edge.from].kind == .resource, sourceGraph.vertices[edge.to].kind == .resource else { continue }
            let from = sourceGraph.vertices[edge.from].name
            let to = sourceGraph.vertices[edge.to].name
            // Walk down from the top while both sit in the same stack; where they part, the
            // template at that level must order what holds `from` after what holds `to`.
            let cf = merged[from]?.chain ?? []
            let ct = merged[to]?.chain ?? []
            var level = 0
            while level < cf.count && level < ct.count && cf[level] == ct[level] { level += 1 }
            let name = level == 0 ? r.parentFileName : cf[level - 1]
            let a = level < cf.count ? cf[level] : from
            let b = level < ct.count ? ct[level] : to
            let ok = reach.reaches(graphs[name]!, name, a, b)
            if !ok { throw fail("\(from) no longer waits for \(to)") }
        }
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

/// Memoised reachability between resources in the graphs of the output templates.
struct Reachability {
    private var memo: [String: Set<String>] = [:]

    mutating func reaches(_ graph: DependencyGraph, _ file: String, _ from: String, _ to: String) -> Bool {
        let key = file + "\u{0}" + from
        if let known = memo[key] { return known.contains(to) }
        var seen: Set<String> = []
        var stack: [Int] = []
        if let i = graph.index(of: .resource, from) { stack.append(i) }
        while let v = stack.popLast() {
            for e in graph.dependencies(of: v) where graph.vertices[e.to].kind == .resource {
                if seen.insert(graph.vertices[e.to].name).inserted { stack.append(e.to) }
            }
        }
        memo[key] = seen
        return seen.contains(to)
    }
}
