/// What a template's parts depend on: resources, parameters (pseudo-parameters included),
/// conditions, mappings and outputs, with an edge for every `Ref`, `Fn::GetAtt`, `Fn::Sub`
/// variable, `DependsOn`, condition name and `Fn::FindInMap`.
///
/// An edge goes from the dependent to what it depends on (`Queue -> Topic` when the queue's
/// properties `!Ref Topic`). Building is linear in the size of the template.
public struct DependencyGraph: Sendable {
    /// The kind of a node.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A resource under `Resources`.
        case resource
        /// A parameter under `Parameters`.
        case parameter
        /// `AWS::Region`, `AWS::AccountId`, ...
        case pseudoParameter
        /// A condition under `Conditions`.
        case condition
        /// A mapping under `Mappings`.
        case mapping
        /// An output under `Outputs`.
        case output
    }

    /// A node: something with a name that can be depended on or depend on others.
    public struct Vertex: Sendable, Hashable {
        /// Its kind.
        public var kind: Kind
        /// Its name (logical id, parameter name, ...).
        public var name: String
        /// Where its name is written (unknown for pseudo-parameters).
        public var range: SourceRange
        /// A resource's or parameter's `Type`, when it is a string.
        public var type: String? = nil
        /// A word about where the node comes from, shown with it (`from GetUserFn's event Get`
        /// for a resource the SAM transform made); see `annotate(resource:with:)`.
        public var note: String? = nil
    }

    /// One dependency: `from` needs `to`.
    public struct Edge: Sendable, Hashable {
        /// The dependent node's index.
        public var from: Int
        /// The index of the node depended on.
        public var to: Int
        /// The reference that makes the dependency.
        public var reference: Reference
        /// What the reference goes through, when the graph was built to say (`event Get`,
        /// `policy`, `connector ReadTable`: see `init(_:references:)`); nil for a plain one.
        public var via: String? = nil
    }

    /// References of one resource that go through the same thing.
    public struct ReferenceGroup: Sendable, Hashable {
        /// What they go through (`event Get`), or nil.
        public var via: String?
        /// The references.
        public var references: [Reference]

        /// A group.
        public init(via: String?, references: [Reference]) {
            self.via = via
            self.references = references
        }
    }

    /// A reference to a name that the template does not define.
    public struct Unresolved: Sendable, Hashable {
        /// The node whose value holds the reference.
        public var from: Int
        /// The reference.
        public var reference: Reference
    }

    /// The pseudo-parameters CloudFormation defines.
    public static let pseudoParameters: [String] = [
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
        "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    ]

    /// The nodes.
    public private(set) var vertices: [Vertex] = []
    /// The edges.
    public private(set) var edges: [Edge] = []
    /// References to names that do not exist, in document order.
    public private(set) var unresolved: [Unresolved] = []
    private var outgoing: [[Int]] = []
    private var incoming: [[Int]] = []
    private var indexByKey: [Key: Int] = [:]

    private struct Key: Hashable {
        var kind: Kind
        var name: String
    }

    /// Builds the graph of a template.
    public init(_ template: Template) {
        self.init(template, references: { _ in nil })
    }

    /// Builds the graph of a template, asking `references` how each resource refers to others
    /// (but for its `DependsOn` and `Condition`): groups of references with what they go
    /// through, or nil for every reference of the resource, plain. A transform's own references
    /// (SAM's events, policies and connectors, which name resources by `Id` too) are drawn so.
    public init(_ template: Template, references: (Resource) -> [ReferenceGroup]?) {
        for p in DependencyGraph.pseudoParameters { add(.pseudoParameter, p, .unknown) }
        for p in template.parameters { add(.parameter, p.name, p.nameRange, type: p.type) }
        for m in template.mappings { add(.mapping, m.name, m.nameRange) }
        for c in template.conditions { add(.condition, c.name, c.nameRange) }
        for r in template.resources { add(.resource, r.logicalId, r.idRange, type: r.type) }
        for o in template.outputs { add(.output, o.name, o.nameRange) }
        outgoing = Array(repeating: [], count: vertices.count)
        incoming = Array(repeating: [], count: vertices.count)

        for c in template.conditions {
            let from = indexByKey[Key(kind: .condition, name: c.name)]!
            for ref in c.expression.references { connect(from, ref) }
        }
        for r in template.resources {
            let from = indexByKey[Key(kind: .resource, name: r.logicalId)]!
            let groups = references(r)
            for g in groups ?? [] { for ref in g.references { connect(from, ref, via: g.via) } }
            for e in r.attributes.entries {
                switch e.key {
                case "DependsOn":
                    let names = e.value.stringValue.map { _ in [e.value] } ?? e.value.listValue ?? []
                    for n in names {
                        if let s = n.stringValue { connect(from, Reference(kind: .dependsOn, target: s, range: n.range)) }
                    }
                case "Condition":
                    if let s = e.value.stringValue { connect(from, Reference(kind: .condition, target: s, range: e.value.range)) }
                default:
                    if groups == nil { for ref in e.value.references { connect(from, ref) } }
                }
            }
        }
        for o in template.outputs {
            let from = indexByKey[Key(kind: .output, name: o.name)]!
            for e in (o.node.mapValue?.entries ?? []) {
                if e.key == "Condition", let s = e.value.stringValue {
                    connect(from, Reference(kind: .condition, target: s, range: e.value.range))
                } else {
                    for ref in e.value.references { connect(from, ref) }
                }
            }
        }
    }

    private mutating func add(_ kind: Kind, _ name: String, _ range: SourceRange, type: String? = nil) {
        let key = Key(kind: kind, name: name)
        guard indexByKey[key] == nil else { return }
        indexByKey[key] = vertices.count
        vertices.append(Vertex(kind: kind, name: name, range: range, type: type))
    }

    private mutating func connect(_ from: Int, _ ref: Reference, via: String? = nil) {
        guard let to = resolve(ref) else {
            unresolved.append(Unresolved(from: from, reference: ref))
            return
        }
        outgoing[from].append(edges.count)
        incoming[to].append(edges.count)
        edges.append(Edge(from: from, to: to, reference: ref, via: via))
    }

    /// Gives a resource's node a note, shown with it in every format (`from GetUserFn`).
    public mutating func annotate(resource name: String, with note: String) {
        if let i = index(of: .resource, name) { vertices[i].note = note }
    }

    /// The node a reference points at, if it exists.
    public func resolve(_ ref: Reference) -> Int? {
        switch ref.kind {
        case .getAtt, .dependsOn:
            return indexByKey[Key(kind: .resource, name: ref.target)]
        case .condition:
            return indexByKey[Key(kind: .condition, name: ref.target)]
        case .findInMap:
            return indexByKey[Key(kind: .mapping, name: ref.target)]
        case .ref:
            return indexByKey[Key(kind: .parameter, name: ref.target)] ?? indexByKey[Key(kind: .pseudoParameter, name: ref.target)]
                ?? indexByKey[Key(kind: .resource, name: ref.target)]
        case .sub:
            if ref.attribute != nil { return indexByKey[Key(kind: .resource, name: ref.target)] }
            return indexByKey[Key(kind: .parameter, name: ref.target)] ?? indexByKey[Key(kind: .pseudoParameter, name: ref.target)]
                ?? indexByKey[Key(kind: .resource, name: ref.target)]
        }
    }

    /// The index of a node.
    public func index(of kind: Kind, _ name: String) -> Int? { indexByKey[Key(kind: kind, name: name)] }

    /// The edges leaving a node: what it depends on.
    public func dependencies(of node: Int) -> [Edge] { outgoing[node].map { edges[$0] } }

    /// The edges arriving at a node: what depends on it.
    public func dependents(of node: Int) -> [Edge] { incoming[node].map { edges[$0] } }

    /// A resource's dependencies and dependents by logical id.
    public func neighbours(ofResource logicalId: String) -> (dependencies: [Edge], dependents: [Edge])? {
        guard let i = index(of: .resource, logicalId) else { return nil }
        return (dependencies(of: i), dependents(of: i))
    }

    /// Strongly connected components (Tarjan's algorithm, iterative: no recursion on deep chains),
    /// each a list of node indices; components come out dependencies first.
    public func stronglyConnectedComponents() -> [[Int]] {
        StronglyConnected.components(of: outgoing.map { $0.map { edges[$0].to } })
    }

    /// The dependency cycles: components of more than one node, or a node that depends on itself.
    public func cycles() -> [[Int]] {
        stronglyConnectedComponents().filter { c in
            c.count > 1 || outgoing[c[0]].contains { edges[$0].to == c[0] }
        }
    }

    /// Every node, dependencies before dependents; nil when there is a cycle (see `cycles()`).
    public func topologicalOrder() -> [Int]? {
        let components = stronglyConnectedComponents()
        guard components.allSatisfy({ $0.count == 1 }) else { return nil }
        let order = components.map { $0[0] }
        for i in order where outgoing[i].contains(where: { edges[$0].to == i }) { return nil }
        return order
    }

    /// A node and its neighbours one hop each way (what it depends on and what depends on it),
    /// in index order.
    public func neighbourhood(of node: Int) -> [Int] {
        var set: Set<Int> = [node]
        for i in outgoing[node] { set.insert(edges[i].to) }
        for i in incoming[node] { set.insert(edges[i].from) }
        return set.sorted()
    }

    /// The pseudo-parameters something in the template refers to, in index order.
    public var usedPseudoParameters: [Int] {
        vertices.indices.filter { vertices[$0].kind == .pseudoParameter && !incoming[$0].isEmpty }
    }

    /// One simple cycle through the first (lowest) node of a strongly connected component from
    /// `cycles()`: nodes in dependency order, each depending on the next and the last on the first.
    /// A node that depends on itself gives a one-node cycle.
    public func simpleCycle(in component: [Int]) -> [Int] {
        guard let start = component.min() else { return [] }
        let members = Set(component)
        // Breadth-first inside the component from `start` until an edge leads back to it:
        // the shortest cycle through `start`, found in edge order, so the answer is stable.
        var parent: [Int: Int] = [start: start]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let v = queue[head]
            head += 1
            for i in outgoing[v] {
                let w = edges[i].to
                guard members.contains(w) else { continue }
                if w == start {
                    var path = [v]
                    while path[path.count - 1] != start { path.append(parent[path[path.count - 1]]!) }
                    return path.reversed()
                }
                if parent[w] == nil {
                    parent[w] = v
                    queue.append(w)
                }
            }
        }
        return component.sorted()
    }

    /// `Kind:Name` of a node, for messages.
    public func describe(_ node: Int) -> String {
        vertices[node].kind == .resource ? vertices[node].name : "\(vertices[node].kind.rawValue) \(vertices[node].name)"
    }
}
