extension DependencyGraph {
    /// The text formats a graph can be written in.
    public enum OutputFormat: String, Sendable, Hashable, CaseIterable {
        /// Graphviz DOT (`dot -Tsvg`).
        case dot
        /// A Mermaid `flowchart LR` (renders in GitHub and GitLab Markdown).
        case mermaid
        /// JSON: `{"nodes": [...], "edges": [...], "cycles": [...], "unresolved": [...]}`.
        case json
    }

    /// The part of a graph to write: node indices and edge indices.
    public struct View: Sendable, Hashable {
        /// The nodes, by index into `vertices`.
        public var nodes: [Int]
        /// The edges, by index into `edges`; both ends must be in `nodes`.
        public var edges: [Int]

        /// Creates a view.
        public init(nodes: [Int], edges: [Int]) {
            self.nodes = nodes
            self.edges = edges
        }
    }

    /// A node's id, unique in the graph and stable across runs: `kind:name`, e.g.
    /// `resource:Queue`, `output:Queue`, `pseudoParameter:AWS::Region`.
    public func id(of node: Int) -> String {
        vertices[node].kind.rawValue + ":" + vertices[node].name
    }

    /// The whole graph: every node except the pseudo-parameters nothing refers to, every edge.
    public func view() -> View {
        let used = Set(usedPseudoParameters)
        let nodes = vertices.indices.filter { vertices[$0].kind != .pseudoParameter || used.contains($0) }
        return View(nodes: nodes, edges: Array(edges.indices))
    }

    /// A node's neighbourhood: the node, what it depends on and what depends on it (one hop each
    /// way), and the edges between the node and those neighbours.
    public func view(around node: Int) -> View {
        let edgeIndices = edges.indices.filter { edges[$0].from == node || edges[$0].to == node }
        return View(nodes: neighbourhood(of: node), edges: edgeIndices)
    }

    /// Writes a view. The output is the same for the same template: nodes sorted by kind
    /// (resources, parameters, pseudo-parameters, conditions, mappings, outputs) then name, edges
    /// by their ends in that order, then kind and attribute, and an edge written once for each
    /// (from, to, kind, attribute).
    /// JSON's `cycles` and `unresolved` cover the whole template, whatever the view.
    public func render(_ view: View, as format: OutputFormat, title: String = "dependencies") -> String {
        let nodes = sortedNodes(view.nodes)
        let lines = distinctEdges(view.edges)
        switch format {
        case .dot: return dot(nodes, lines, title: title)
        case .mermaid: return mermaid(nodes, lines)
        case .json: return json(nodes, lines)
        }
    }

    /// Each cycle (from `cycles()`) as node indices: `simpleCycle(in:)` first, each node
    /// depending on the next and the last on the first, then any other nodes caught in the
    /// same tangle, by index. Cycles are ordered by their first node's id.
    public func cyclePaths() -> [[Int]] {
        cycles().map { component in
            let path = simpleCycle(in: component)
            let onPath = Set(path)
            return path + component.filter { !onPath.contains($0) }.sorted()
        }.sorted { id(of: $0[0]) < id(of: $1[0]) }
    }

    // MARK: - Ordering

    /// Kind order (as `Kind.allCases` lists them), then name.
    private func precedes(_ a: Int, _ b: Int) -> Bool {
        let (ka, kb) = (vertices[a].kind, vertices[b].kind)
        if ka != kb { return Kind.allCases.firstIndex(of: ka)! < Kind.allCases.firstIndex(of: kb)! }
        return vertices[a].name < vertices[b].name
    }

    private func sortedNodes(_ nodes: [Int]) -> [Int] {
        Set(nodes).sorted(by: precedes)
    }

    /// One edge per (from, to, kind, attribute), the first in document order, sorted by ids.
    private func distinctEdges(_ indices: [Int]) -> [Edge] {
        struct Key: Hashable {
            var from: Int
            var to: Int
            var kind: Reference.Kind
            var attribute: String?
            var via: String?
        }
        var seen: Set<Key> = []
        var out: [Edge] = []
        for i in indices.sorted() {
            let e = edges[i]
            if seen.insert(Key(from: e.from, to: e.to, kind: e.reference.kind, attribute: e.reference.attribute, via: e.via)).inserted {
                out.append(e)
            }
        }
        return out.sorted { a, b in
            if a.from != b.from { return precedes(a.from, b.from) }
            if a.to != b.to { return precedes(a.to, b.to) }
            if a.reference.kind != b.reference.kind { return a.reference.kind.rawValue < b.reference.kind.rawValue }
            if a.reference.attribute != b.reference.attribute { return (a.reference.attribute ?? "") < (b.reference.attribute ?? "") }
            return (a.via ?? "") < (b.via ?? "")
        }
    }

    /// Edges whose two ends are in the same cycle.
    private func cycleMembership() -> [Int: Int] {
        var component: [Int: Int] = [:]
        for (k, c) in cycles().enumerated() { for v in c { component[v] = k } }
        return component
    }

    private func inCycle(_ e: Edge, _ membership: [Int: Int]) -> Bool {
        guard let a = membership[e.from], let b = membership[e.to] else { return false }
        return a == b
    }

    private func edgeLabel(_ e: Edge) -> String {
        (e.via.map { $0 + ": " } ?? "") + e.reference.kind.rawValue + (e.reference.attribute.map { " " + $0 } ?? "")
    }

    // MARK: - DOT

    private func dot(_ nodes: [Int], _ lines: [Edge], title: String) -> String {
        let membership = cycleMembership()
        var out = "digraph \(dotQuoted(title)) {\n"
        out += "  rankdir=LR;\n"
        out += "  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=9];\n"
        for n in nodes {
            let v = vertices[n]
            let label = v.name + (v.type.map { "\n" + $0 } ?? "") + (v.note.map { "\n" + $0 } ?? "")
            var attributes = ["label=\(dotQuoted(label))"]
            switch v.kind {
            case .resource: break
            case .parameter: attributes.append("shape=parallelogram")
            case .pseudoParameter: attributes.append("shape=parallelogram, style=dashed")
            case .condition: attributes.append("shape=diamond")
            case .mapping: attributes.append("shape=cylinder")
            case .output: attributes.append("shape=ellipse")
            }
            out += "  \(dotQuoted(id(of: n))) [\(attributes.joined(separator: ", "))];\n"
        }
        for e in lines {
            var attributes = ["label=\(dotQuoted(edgeLabel(e)))"]
            if inCycle(e, membership) { attributes.append("color=red, fontcolor=red") }
            out += "  \(dotQuoted(id(of: e.from))) -> \(dotQuoted(id(of: e.to))) [\(attributes.joined(separator: ", "))];\n"
        }
        return out + "}\n"
    }

    /// A DOT double-quoted string: `"` and `\` escaped, line breaks as `\n`.
    private func dotQuoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": break
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    // MARK: - Mermaid

    private func mermaid(_ nodes: [Int], _ lines: [Edge]) -> String {
        let membership = cycleMembership()
        let prefixes: [Kind: String] = [
            .resource: "Res_", .parameter: "Param_", .pseudoParameter: "Pseudo_", .condition: "Cond_", .mapping: "Map_", .output: "Out_",
        ]
        // Mermaid ids must be plain words: letters, digits and `_`; a clash gets a numeric suffix.
        var ids: [Int: String] = [:]
        var taken: Set<String> = []
        for n in nodes {
            var base = prefixes[vertices[n].kind]!
            for c in vertices[n].name.unicodeScalars {
                base.unicodeScalars.append(c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c)) ? c : "_")
            }
            var candidate = base
            var k = 2
            while taken.contains(candidate) {
                candidate = base + "_\(k)"
                k += 1
            }
            taken.insert(candidate)
            ids[n] = candidate
        }
        var out = "flowchart LR\n"
        for n in nodes {
            let v = vertices[n]
            let label =
                mermaidText(v.name) + (v.type.map { "<br/>" + mermaidText($0) } ?? "") + (v.note.map { "<br/>" + mermaidText($0) } ?? "")
            let shaped: String
            switch v.kind {
            case .resource: shaped = "[\"\(label)\"]"
            case .parameter, .pseudoParameter: shaped = "[/\"\(label)\"/]"
            case .condition: shaped = "{\"\(label)\"}"
            case .mapping: shaped = "[(\"\(label)\")]"
            case .output: shaped = "([\"\(label)\"])"
            }
            out += "  \(ids[n]!)\(shaped)\n"
        }
        var red: [Int] = []
        for (k, e) in lines.enumerated() {
            out += "  \(ids[e.from]!) -->|\"\(mermaidText(edgeLabel(e)))\"| \(ids[e.to]!)\n"
            if inCycle(e, membership) { red.append(k) }
        }
        if !red.isEmpty { out += "  linkStyle \(red.map(String.init).joined(separator: ",")) stroke:#d00,color:#d00\n" }
        return out
    }

    /// Text for inside a quoted Mermaid label: markup characters as entity codes.
    private func mermaidText(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "#": out += "#35;"
            case "\"": out += "#quot;"
            case "`": out += "#96;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "\n", "\r", "\t": out += " "
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    // MARK: - JSON

    private func json(_ nodes: [Int], _ lines: [Edge]) -> String {
        func line(_ r: SourceRange) -> Node { r.isKnown ? Node(.number(Number(r.start.line))) : Node(.null) }
        func string(_ s: String?) -> Node { s.map { Node(.string($0)) } ?? Node(.null) }
        func object(_ pairs: [(String, Node)]) -> Node { Node(.map(Map(pairs.map { Map.Entry(key: $0.0, value: $0.1) }))) }

        let nodeList = nodes.map { n in
            object([
                ("id", string(id(of: n))), ("kind", string(vertices[n].kind.rawValue)), ("name", string(vertices[n].name)),
                ("type", string(vertices[n].type)), ("line", line(vertices[n].range)), ("note", string(vertices[n].note)),
            ])
        }
        let edgeList = lines.map { e in
            object([
                ("from", string(id(of: e.from))), ("to", string(id(of: e.to))), ("kind", string(e.reference.kind.rawValue)),
                ("attribute", string(e.reference.attribute)), ("via", string(e.via)), ("line", line(e.reference.range)),
            ])
        }
        let cycleList = cyclePaths().map { Node(.list($0.map { string(id(of: $0)) })) }
        let unresolvedList = unresolved.map { u in
            object([
                ("from", string(id(of: u.from))), ("kind", string(u.reference.kind.rawValue)), ("target", string(u.reference.target)),
                ("attribute", string(u.reference.attribute)), ("line", line(u.reference.range)),
            ])
        }
        let document = object([
            ("nodes", Node(.list(nodeList))), ("edges", Node(.list(edgeList))), ("cycles", Node(.list(cycleList))),
            ("unresolved", Node(.list(unresolvedList))),
        ])
        return String(decoding: Formatter.json(document), as: UTF8.self)
    }
}
