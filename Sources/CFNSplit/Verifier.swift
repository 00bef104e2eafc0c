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
        let whole: MergedHierarchy
        do {
            whole = try MergedHierarchy(parent: parent, nested: children)
        } catch {
            throw fail(error.message)
        }
        let merged = whole.template.root["Resources"]?.mapValue ?? Map()

        // 3. Compare with the input.
        let original = r.source.root["Resources"]?.mapValue ?? Map()
        for e in original.entries {
            guard let node = merged[e.key] else { throw fail("resource \(e.key) is missing from the output") }
            var a = MergedHierarchy.normalize(e.value).mapValue ?? Map()
            var b = node.mapValue ?? Map()
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
        for (name, expression) in whole.nestedConditions {
            guard let o = originalConditions[name],
                MergedHierarchy.normalize(o).isSemanticallyEqual(to: MergedHierarchy.normalize(expression))
            else {
                throw fail("condition \(name) copied into a nested stack differs from the original")
            }
        }
        for o in r.source.outputs {
            guard let p = whole.template.root["Outputs"]?[o.name], p.isSemanticallyEqual(to: MergedHierarchy.normalize(o.node)) else {
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
            let cf = whole.stacks[from] ?? []
            let ct = whole.stacks[to] ?? []
            var level = 0
            while level < cf.count && level < ct.count && cf[level] == ct[level] { level += 1 }
            let name = level == 0 ? r.parentFileName : cf[level - 1]
            let a = level < cf.count ? cf[level] : from
            let b = level < ct.count ? ct[level] : to
            let ok = reach.reaches(graphs[name]!, name, a, b)
            if !ok { throw fail("\(from) no longer waits for \(to)") }
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
