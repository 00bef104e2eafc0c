import CFNModel

/// Packing groups into stacks, and the repairs a plan may need: cycles between stacks, stacks
/// over a quota.
extension Splitter {
    /// Packs groups into stacks of at most `max` resources: big groups get their own stacks (cut
    /// when over `max`), small ones share.
    static func pack(_ groups: [Group], grouper: Grouper, max: Int, reserved: Set<String>) -> Plan {
        var names: [String] = []
        var stackOf: [String: Int] = [:]
        var used = reserved
        func newStack(_ base: String) -> Int {
            var name = base + "Stack"
            var n = 2
            while used.contains(name) {
                name = base + "Stack" + String(n)
                n += 1
            }
            used.insert(name)
            names.append(name)
            return names.count - 1
        }
        // A group of ten or more gets a stack of its own; smaller ones share.
        let own = Swift.max(1, Swift.min(10, max / 4))
        var small: [Group] = []
        for g in groups where !g.members.isEmpty {
            guard g.members.count >= own else {
                small.append(g)
                continue
            }
            // Cut a big group: its head (API path nodes) first, then whole members in order.
            var chunk: [String] = g.head
            let head = Set(g.head)
            let units = (g.units.isEmpty ? g.members.map { [$0] } : g.units).map { $0.filter { !head.contains($0) } }.filter { !$0.isEmpty }
            var part = 0
            func flush() {
                guard !chunk.isEmpty else { return }
                part += 1
                let s = newStack(part == 1 ? g.name : g.name + String(part))
                for m in chunk { stackOf[m] = s }
                chunk = []
            }
            for unit in units {
                if chunk.count + unit.count > max { flush() }
                // A unit bigger than a whole stack is cut where it must be.
                for m in unit {
                    if chunk.count >= max { flush() }
                    chunk.append(m)
                }
            }
            flush()
        }
        // First fit, biggest first.
        var bins: [(stack: Int, size: Int, groups: Int, late: Bool)] = []
        for g in small.enumerated().sorted(by: {
            $0.element.members.count != $1.element.members.count
                ? $0.element.members.count > $1.element.members.count : $0.offset < $1.offset
        }).map(\.element) {
            // Late groups wait for the parent, the others are waited for: never in one stack.
            if let b = bins.firstIndex(where: { $0.size + g.members.count <= max && $0.late == g.late }) {
                for m in g.members { stackOf[m] = bins[b].stack }
                bins[b].size += g.members.count
                bins[b].groups += 1
            } else {
                let s = newStack(g.name)
                for m in g.members { stackOf[m] = s }
                bins.append((s, g.members.count, 1, g.late))
            }
        }
        // A stack holding several small groups is named for what it is.
        var packed = 0
        for b in bins where b.groups > 1 {
            packed += 1
            used.remove(names[b.stack])
            var name = "Packed" + (packed == 1 ? "" : String(packed)) + "Stack"
            while used.contains(name) { name = "X" + name }
            used.insert(name)
            names[b.stack] = name
        }
        return Plan(stackNames: names, stackOf: stackOf)
    }

    /// Breaks cycles between stacks: of two or more stacks that would depend on each other in a
    /// circle, the smallest goes back to the parent (where each resource is its own node, and the
    /// resources themselves have no cycle); a parent resource caught in a circle with one stack
    /// joins that stack.
    static func mergeCycles(_ plan: Plan, grouper: Grouper, max: Int) -> Plan {
        var plan = plan
        while true {
            // Places: stack i is node i; a parent resource is node stacks + its position.
            let stacks = plan.stackNames.count
            func place(_ id: String) -> Int { plan.stackOf[id] ?? stacks + grouper.position[id]! }
            let n = stacks + grouper.order.count
            var edges = Array(repeating: Set<Int>(), count: n)
            for (i, id) in grouper.order.enumerated() {
                let a = place(id)
                for d in grouper.dependencyIndex[i] {
                    let b = place(grouper.order[d])
                    if a != b { edges[a].insert(b) }
                }
            }
            let components = StronglyConnected.components(of: edges.map { $0.sorted() })
            guard let cycle = components.first(where: { $0.count > 1 }) else { return plan }
            let stackIds = cycle.filter { $0 < stacks }.sorted()
            let members = plan.members(in: grouper.order)
            if stackIds.count >= 2 {
                let smallest = stackIds.min { members[$0].count != members[$1].count ? members[$0].count < members[$1].count : $0 < $1 }!
                for id in members[smallest] { plan.stackOf[id] = nil }
            } else if let target = stackIds.first {
                let joining = grouper.order.filter { plan.stackOf[$0] == nil && cycle.contains(place($0)) }
                if members[target].count + joining.count <= max {
                    for id in joining { plan.stackOf[id] = target }
                } else {
                    for id in members[target] { plan.stackOf[id] = nil }
                }
            } else {
                return plan
            }
        }
    }

    /// Cuts each listed stack in two, by member order.
    static func halve(_ plan: Plan, _ stacks: [Int], order: [String]) -> Plan {
        var plan = plan
        let members = plan.members(in: order)
        for s in stacks {
            let m = members[s]
            guard m.count > 1 else { continue }
            let name = plan.stackNames[s]
            var newName = name + "B"
            while plan.stackNames.contains(newName) { newName += "B" }
            plan.stackNames.append(newName)
            for id in m[(m.count / 2)...] { plan.stackOf[id] = plan.stackNames.count - 1 }
        }
        return plan
    }
}
