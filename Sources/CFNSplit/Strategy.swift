import CFNModel

/// How `split` groups resources into nested stacks.
public enum Strategy: String, Sendable, CaseIterable {
    /// One stack per API route group (first path segment), with the functions behind it.
    case routes
    /// Functions with their satellites, several to a stack.
    case function
    /// By resource type.
    case type
    /// By the graph: functions with what only they use, packed to keep references inside stacks.
    case auto
}

/// A named set of resources that should land in one stack.
struct Group {
    var name: String
    var members: [String]
    /// Members that must stay in the first stack if the group is cut (API Resource nodes).
    var head: [String] = []
    /// Where a big group may be cut: between these runs of members (a function and its
    /// satellites stay together), never inside one. Empty: between any two members.
    var units: [[String]] = []
    /// Members of another group that must be created after resources of the parent which
    /// themselves wait on that group (see `Grouper.separatingLate`): packed only with others
    /// of their kind.
    var late = false
}

/// Turns a template into groups of resources, one strategy at a time.
struct Grouper {
    let template: Template
    let graph: DependencyGraph
    let resources: Map
    let order: [String]
    let position: [String: Int]
    /// By resource position: the positions of the resources it depends on, and of its dependents.
    let dependencyIndex: [[Int]]
    let dependentIndex: [[Int]]
    let types: [String]
    /// Under the SAM transform: what the SAM source says about the functions.
    let sam: SAMLayout?

    init(_ template: Template, graph: DependencyGraph, sam: SAMLayout? = nil) {
        self.sam = sam
        self.template = template
        self.graph = graph
        self.resources = template.root["Resources"]?.mapValue ?? Map()
        self.order = resources.keys
        var pos: [String: Int] = [:]
        for (i, id) in order.enumerated() { pos[id] = i }
        self.position = pos
        var deps = Array(repeating: [Int](), count: order.count)
        var dents = Array(repeating: [Int](), count: order.count)
        var vertexToPosition = Array(repeating: -1, count: graph.vertices.count)
        for (v, vertex) in graph.vertices.enumerated() where vertex.kind == .resource { vertexToPosition[v] = pos[vertex.name] ?? -1 }
        for e in graph.edges {
            let a = vertexToPosition[e.from]
            let b = vertexToPosition[e.to]
            if a >= 0 && b >= 0 {
                deps[a].append(b)
                dents[b].append(a)
            }
        }
        self.dependencyIndex = deps
        self.dependentIndex = dents
        self.types = order.map { template.root["Resources"]?[$0]?["Type"]?.stringValue ?? "" }
    }

    static let functionTypes: Set<String> = ["AWS::Lambda::Function", "AWS::Serverless::Function"]

    func type(_ id: String) -> String { position[id].map { types[$0] } ?? "" }

    /// Resource ids a resource depends on (any kind of reference).
    func dependencies(_ id: String) -> [String] {
        guard let i = position[id] else { return [] }
        return dependencyIndex[i].map { order[$0] }
    }

    /// Resource ids that depend on a resource.
    func dependents(_ id: String) -> [String] {
        guard let i = position[id] else { return [] }
        return dependentIndex[i].map { order[$0] }
    }

    /// Each function with its satellites: what refers to it alone (versions, aliases, permissions,
    /// event source mappings, API methods) and what only it uses (its log group, its own role).
    func functionUnits() -> (unitOf: [String: String], units: [String: [String]]) {
        var unitOf: [String: String] = [:]
        for id in order where Grouper.functionTypes.contains(type(id)) { unitOf[id] = id }
        // What the SAM transform made for a function is that function's, whatever refers to it.
        for (id, fn) in sam?.function ?? [:] where unitOf[id] == nil && unitOf[fn] == fn { unitOf[id] = fn }
        // What refers to exactly one function joins it.
        for id in order where unitOf[id] == nil {
            let fns = Set(dependencies(id).filter { Grouper.functionTypes.contains(type($0)) })
            if fns.count == 1 { unitOf[id] = fns.first! }
        }
        // What only one unit uses joins it (repeat: a role used only by a function's log group...).
        var changed = true
        while changed {
            changed = false
            for id in order where unitOf[id] == nil {
                let users = Set(dependents(id).map { unitOf[$0] ?? "?" + $0 })
                if users.count == 1, let u = users.first, !u.hasPrefix("?") {
                    unitOf[id] = u
                    changed = true
                }
            }
        }
        var units: [String: [String]] = [:]
        for id in order { if let u = unitOf[id] { units[u, default: []].append(id) } }
        return (unitOf, units)
    }

    /// `users` -> `Users`, `{id}` -> `Id`, `order-items` -> `OrderItems`.
    static func camel(_ s: String) -> String {
        var out = ""
        var upper = true
        for ch in s {
            if ch.isLetter || ch.isNumber, ch.isASCII {
                out.append(upper ? Character(ch.uppercased()) : ch)
                upper = false
            } else {
                upper = true
            }
        }
        return out.isEmpty ? "Root" : out
    }

    func groups(_ strategy: Strategy) -> [Group] {
        switch strategy {
        case .routes: return routeGroups() ?? functionGroups()
        case .function: return functionGroups()
        case .type: return typeGroups()
        case .auto: return autoGroups()
        }
    }

    /// Whether the template has an API Gateway REST or HTTP API (then `routes` is the default).
    var hasAPI: Bool {
        order.contains { ["AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api"].contains(type($0)) }
    }

    private func functionGroups() -> [Group] {
        let (_, units) = functionUnits()
        return order.compactMap { id in units[id].map { Group(name: id, members: $0) } }
    }

    private func typeGroups() -> [Group] {
        var byType: [String: [String]] = [:]
        var typeOrder: [String] = []
        for id in order {
            let t = type(id)
            if byType[t] == nil { typeOrder.append(t) }
            byType[t, default: []].append(id)
        }
        return typeOrder.map { t in
            Group(name: Grouper.camel(t.split(separator: ":").last.map(String.init) ?? t), members: byType[t]!)
        }
    }

    private func autoGroups() -> [Group] {
        let (_, units) = functionUnits()
        // Units that share the same outside dependencies sit next to each other, so that packing
        // keeps the references they share inside one stack.
        let keyed: [(key: String, group: Group)] = order.compactMap { id in
            guard let members = units[id] else { return nil }
            let inside = Set(members)
            let outside = Set(members.flatMap(dependencies)).subtracting(inside).sorted().joined(separator: ",")
            return (outside, Group(name: id, members: members))
        }
        return keyed.enumerated().sorted { a, b in
            a.element.key != b.element.key ? a.element.key < b.element.key : a.offset < b.offset
        }.map(\.element.group)
    }

    /// Route groups of REST and HTTP APIs; nil when the template has no routes.
    private func routeGroups() -> [Group]? {
        var groupOf: [String: String] = [:]
        var heads: [String: [String]] = [:]
        // REST: resource tree by ParentId; the first path segment names the group.
        var changed = true
        while changed {
            changed = false
            for id in order where type(id) == "AWS::ApiGateway::Resource" && groupOf[id] == nil {
                guard let props = resources[id]?["Properties"] else { continue }
                let parent = props["ParentId"]
                if let f = parent?.functionValue, f.name == .getAtt {
                    groupOf[id] = Grouper.camel(props["PathPart"]?.stringValue ?? id)
                    changed = true
                } else if let p = parent?.functionValue?.refTarget, let g = groupOf[p] {
                    groupOf[id] = g
                    changed = true
                }
            }
        }
        for id in order where type(id) == "AWS::ApiGateway::Resource" {
            if let g = groupOf[id] { heads[g, default: []].append(id) }
        }
        for id in order where type(id) == "AWS::ApiGateway::Method" {
            if let r = resources[id]?["Properties"]?["ResourceId"]?.functionValue?.refTarget, let g = groupOf[r] { groupOf[id] = g }
        }
        // HTTP APIs: the route key's first segment; integrations follow their routes.
        for id in order where type(id) == "AWS::ApiGatewayV2::Route" {
            guard let key = resources[id]?["Properties"]?["RouteKey"]?.stringValue else { continue }
            let path = key.split(separator: " ").last.map(String.init) ?? key
            guard let first = path.split(separator: "/").first else { continue }
            groupOf[id] = Grouper.camel(String(first))
            for dep in dependencies(id) where type(dep) == "AWS::ApiGatewayV2::Integration" {
                groupOf[dep] = groupOf[dep] == nil || groupOf[dep] == groupOf[id] ? groupOf[id] : "*"
            }
        }
        // SAM: the API is one body; its routes are the functions' Api and HttpApi event paths.
        for (fn, g) in sam?.routeGroup ?? [:] where position[fn] != nil { groupOf[fn] = g }
        guard !groupOf.isEmpty else { return nil }
        // Functions (with their satellites) behind one group join it; shared ones stay in the parent.
        let (unitOf, units) = functionUnits()
        var unitGroups: [String: Set<String>] = [:]
        for (id, g) in groupOf where g != "*" {
            if let u = unitOf[id] { unitGroups[u, default: []].insert(g) }
            for dep in dependencies(id) { if let u = unitOf[dep] { unitGroups[u, default: []].insert(g) } }
        }
        var members: [String: [String]] = [:]
        var assigned: Set<String> = []
        for (u, gs) in unitGroups where gs.count == 1 {
            for m in units[u] ?? [] where unitOf[m] == u {
                members[gs.first!, default: []].append(m)
                assigned.insert(m)
            }
        }
        for (id, g) in groupOf where g != "*" && !assigned.contains(id) && (unitOf[id] == nil || unitGroups[unitOf[id]!]?.count == 1) {
            members[g, default: []].append(id)
            assigned.insert(id)
        }
        let names = members.keys.sorted()
        // Functions behind no route (queue consumers, schedules) are packed as `function` packs them.
        let unrouted: [Group] = order.compactMap { id in
            guard unitOf[id] == id, unitGroups[id] == nil, let ms = units[id], !ms.contains(where: assigned.contains) else { return nil }
            return Group(name: id, members: ms)
        }
        let routed = names.map { g in
            let ms = members[g]!.map { position[$0]! }.sorted().map { order[$0] }
            // Cut points: whole function units, in the order of their first member.
            var unitMembers: [String: [String]] = [:]
            var unitOrder: [String] = []
            for m in ms {
                let key = unitOf[m] ?? m
                if unitMembers[key] == nil { unitOrder.append(key) }
                unitMembers[key, default: []].append(m)
            }
            return Group(name: g, members: ms, head: heads[g] ?? [], units: unitOrder.map { unitMembers[$0]! })
        }
        return routed + unrouted
    }

    /// The groups, with the members that must wait for the parent split off into groups of
    /// their own (`late`).
    ///
    /// A member that depends on a resource left in the parent, which itself waits on the group,
    /// cannot share the group's stack: the two stacks would wait on each other. SAM's REST API
    /// is the case: its body names every function behind it, and each function's permission
    /// names the API. Such members (and what in the group depends on them) go into a group
    /// created after the parent's resource: `UsersPermissions` beside `Users`.
    func separatingLate(_ groups: [Group]) -> [Group] {
        var grouped = Set<Int>()
        for g in groups { for m in g.members { if let i = position[m] { grouped.insert(i) } } }
        var out: [Group] = []
        for g in groups {
            let inside = Set(g.members.compactMap { position[$0] })
            // The parent's resources that wait on the group, through parent resources only.
            var waiting = Set<Int>()
            var todo = Array(inside)
            while let i = todo.popLast() {
                for d in dependentIndex[i] where !inside.contains(d) && !grouped.contains(d) && waiting.insert(d).inserted {
                    todo.append(d)
                }
            }
            guard !waiting.isEmpty else {
                out.append(g)
                continue
            }
            var late = Set<Int>()
            var changed = true
            while changed {
                changed = false
                for m in g.members {
                    guard let i = position[m], !late.contains(i) else { continue }
                    if dependencyIndex[i].contains(where: { waiting.contains($0) || late.contains($0) }) {
                        late.insert(i)
                        changed = true
                    }
                }
            }
            guard !late.isEmpty else {
                out.append(g)
                continue
            }
            let isLate = { (m: String) in position[m].map(late.contains) ?? false }
            let lateMembers = g.members.filter(isLate)
            guard lateMembers.count < g.members.count else {
                var whole = g
                whole.late = true
                out.append(whole)
                continue
            }
            var early = g
            early.members = g.members.filter { !isLate($0) }
            early.head = g.head.filter { !isLate($0) }
            early.units = g.units.map { $0.filter { !isLate($0) } }.filter { !$0.isEmpty }
            let lateTypes = Set(lateMembers.map(type))
            let suffix = lateTypes.count == 1 ? (lateTypes.first!.split(separator: ":").last.map(String.init) ?? "") + "s" : "Late"
            out.append(early)
            out.append(Group(name: g.name + Grouper.camel(suffix), members: lateMembers, late: true))
        }
        return out
    }
}
