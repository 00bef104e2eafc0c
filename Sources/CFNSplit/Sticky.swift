import CFNModel

/// The leaf plan of a split that keeps every resource where the previous layout had it, and
/// places only what is new: beside the rest of its function or group when that stack has room,
/// else where a fresh split would put it, else in a stack opened for it. Nothing already
/// deployed moves unless it must: a stack that now holds more than the limit gives up whole
/// units, unnamed and newest first, and of stacks that the changed template makes wait on each
/// other in a circle the smaller gives up its resources.
struct Sticky {
    let context: Context
    let groups: [Group]
    /// The fresh split's leaf plan: where new resources go when nothing better is known.
    let fresh: Plan
    let previous: Layout

    struct Result {
        var plan: Plan
        /// Resources of the previous layout that had to leave their stack, and why.
        var why: [String: String]
        /// New stacks that go into a stack of stacks of the previous layout (a level up), so
        /// that the stacks there do not wait on each other in a circle through them.
        var homes: [String: String]
    }

    private static let unplaced = -1
    private static let parent = -2

    /// The plan, or nil when some new resource fits nowhere without a circle between stacks.
    func plan() -> Result? {
        let g = context.grouper
        let order = g.order
        let n = order.count
        let max = context.max
        // Stacks that held other stacks are rebuilt a level up (see `Context.nest`), not here.
        let intermediates = Set(previous.parentOf.values)
        var names: [String] = []
        var index: [String: Int] = [:]
        var stackOf = Array(repeating: Sticky.unplaced, count: n)
        var why: [String: String] = [:]
        for i in 0..<n {
            guard let was = previous.holder[order[i]] else { continue }
            guard let s = was, !intermediates.contains(s) else {
                stackOf[i] = Sticky.parent
                continue
            }
            if index[s] == nil {
                index[s] = names.count
                names.append(s)
            }
            stackOf[i] = index[s]!
        }
        var size = Array(repeating: 0, count: names.count)
        for s in stackOf where s >= 0 { size[s] += 1 }

        // Units: what a fresh split keeps together (a function and its satellites).
        var groupOf = Array(repeating: -1, count: n)
        var units: [[Int]] = []
        var inUnit = Array(repeating: false, count: n)
        for (gi, grp) in groups.enumerated() {
            let members = grp.members.compactMap { g.position[$0] }
            for i in members { groupOf[i] = gi }
            if !grp.units.isEmpty {
                let head = Set(grp.head)
                for h in grp.head { if let i = g.position[h] { units.append([i]) } }
                for u in grp.units {
                    let ids = u.filter { !head.contains($0) }.compactMap { g.position[$0] }
                    if !ids.isEmpty { units.append(ids) }
                }
            } else if context.strategy == .type {
                units += members.map { [$0] }
            } else {
                units.append(members)
            }
        }
        for u in units { for i in u { inUnit[i] = true } }
        for i in 0..<n where !inUnit[i] { units.append([i]) }
        units.sort { $0.min()! < $1.min()! }
        var groupMembers = Array(repeating: [Int](), count: groups.count)
        for i in 0..<n where groupOf[i] >= 0 { groupMembers[groupOf[i]].append(i) }
        var freshMembers = Array(repeating: [Int](), count: fresh.stackNames.count)
        for i in 0..<n { if let s = fresh.stackOf[order[i]] { freshMembers[s].append(i) } }

        // A stack over the limit keeps its oldest units (a function with its satellites), those
        // with a named resource before all others: whole units leave, newest first.
        var unitOf = Array(repeating: -1, count: n)
        for (k, u) in units.enumerated() { for i in u { unitOf[i] = k } }
        for s in names.indices where size[s] > max {
            var byUnit: [Int: [Int]] = [:]
            for i in 0..<n where stackOf[i] == s { byUnit[unitOf[i], default: []].append(i) }
            let named = byUnit.mapValues { $0.contains { context.names.isNamed(order[$0]) } }
            let leavingFirst = byUnit.keys.sorted { a, b in
                named[a]! != named[b]! ? !named[a]! : byUnit[a]!.max()! > byUnit[b]!.max()!
            }
            var over = size[s] - max
            for u in leavingFirst where over > 0 {
                for i in byUnit[u]! {
                    stackOf[i] = Sticky.unplaced
                    why[order[i]] = "stack \(names[s]) would hold \(size[s]) resources, over --max-resources \(max)"
                }
                over -= byUnit[u]!.count
            }
            size[s] = (0..<n).filter { stackOf[$0] == s }.count
        }

        // The previous layout may hold stacks inside stacks, and those come back a level at a
        // time (see `Context.nest`): the stacks must not wait on each other in a circle at any
        // of those levels. At level `k` a stack is seen as its ancestor `k` levels up (level 0:
        // itself), and a resource that a stack of stacks held, as that stack from level 1 on.
        var paths: [[String]] = names.map { previous.stackPath($0) }
        var heldPath: [Int: [String]] = [:]
        for i in 0..<n {
            if let was = previous.holder[order[i]], let s = was, intermediates.contains(s) { heldPath[i] = previous.stackPath(s) }
        }
        let depth = Swift.max(1, (paths.map(\.count) + heldPath.values.map { $0.count + 1 }).max() ?? 1)
        var ids: [String: Int] = [:]
        func id(_ name: String) -> Int {
            if let k = index[name] { return k }
            if let k = ids[name] { return k }
            ids[name] = 1_000_000 + ids.count
            return ids[name]!
        }
        func stackKey(_ k: Int, _ s: Int) -> Int {
            if k == 0 || s >= paths.count { return s }
            return id(paths[s][Swift.max(0, paths[s].count - 1 - k)])
        }
        func key(_ k: Int, _ i: Int) -> Int? {
            if stackOf[i] >= 0 { return stackKey(k, stackOf[i]) }
            guard stackOf[i] == Sticky.parent else { return nil }
            if k > 0, let p = heldPath[i] { return id(p[Swift.max(0, p.count - k)]) }
            return -(i + 1)
        }
        var graphs = Array(repeating: PlaceGraph(), count: depth)
        func rebuildGraphs() {
            graphs = Array(repeating: PlaceGraph(), count: depth)
            for d in 0..<depth {
                for i in 0..<n {
                    guard let a = key(d, i) else { continue }
                    for j in g.dependencyIndex[i] { if let b = key(d, j) { graphs[d].link(a, b) } }
                }
            }
        }
        rebuildGraphs()
        // Stacks of the previous layout that now wait on each other in a circle (the template
        // changed): the smaller one's resources find a new place.
        for _ in 0..<names.count + 1 {
            guard let cycle = graphs[0].cycle() else { break }
            let stacks = cycle.filter { $0 >= 0 }
            let leaving: [Int]
            if stacks.count >= 2 {
                let smallest = stacks.min { size[$0] != size[$1] ? size[$0] < size[$1] : $0 < $1 }!
                leaving = (0..<n).filter { stackOf[$0] == smallest }
            } else {
                leaving = cycle.filter { $0 < 0 }.map { -$0 - 1 }
            }
            let between = stacks.map { names[$0] }.sorted().joined(separator: " and ")
            for i in leaving {
                if stackOf[i] >= 0 { size[stackOf[i]] -= 1 }
                stackOf[i] = Sticky.unplaced
                why[order[i]] = "\(between.isEmpty ? "its stack and the parent" : between) would wait on each other in a circle"
            }
            rebuildGraphs()
        }
        if graphs[0].cycle() != nil { return nil }

        /// Whether `members` can join place `x` (a stack index, or `-(i + 1)` for resource `i`
        /// in the parent) without a circle at any level.
        func fits(_ members: [Int], _ x: Int) -> Bool {
            let inside = Set(members)
            for d in 0..<depth {
                let target = x >= 0 ? stackKey(d, x) : (d > 0 ? heldPath[-x - 1].map { id($0[Swift.max(0, $0.count - d)]) } : nil) ?? x
                var dependencies = Set<Int>()
                var dependents: Set<Int> = [target]
                for i in members {
                    for j in g.dependencyIndex[i] where !inside.contains(j) {
                        if let k = key(d, j), k != target { dependencies.insert(k) }
                    }
                    for j in g.dependentIndex[i] where !inside.contains(j) {
                        if let k = key(d, j), k != target { dependents.insert(k) }
                    }
                }
                // A new circle runs through the target: out of it (along an edge it has or
                // gets) and back into it (along one it has or gets).
                dependents.remove(target)
                dependencies.formUnion(graphs[d].successors(of: target))
                dependents.insert(target)
                if graphs[d].reaches(from: dependencies, anyOf: dependents) { return false }
            }
            return true
        }
        func commit(_ members: [Int], _ x: Int) {
            for i in members {
                stackOf[i] = x >= 0 ? x : Sticky.parent
                if x >= 0 { size[x] += 1 }
            }
            for d in 0..<depth {
                for i in members {
                    let a = key(d, i)!
                    for j in g.dependencyIndex[i] { if let b = key(d, j) { graphs[d].link(a, b) } }
                    for j in g.dependentIndex[i] { if let b = key(d, j) { graphs[d].link(b, a) } }
                }
            }
        }
        var used = Set(order).union(context.template.parameters.map(\.name)).union(previous.stackNames).union(names)
        var opened: [String: Int] = [:]
        // How many stacks and resources each stack of stacks of the previous layout holds.
        var homes: [String: String] = [:]
        var held: [String: Int] = [:]
        for (child, holder) in previous.parentOf where index[child] != nil || intermediates.contains(child) {
            held[holder, default: 0] += 1
        }
        for p in heldPath.values { if let h = p.last { held[h, default: 0] += 1 } }
        func open(_ key: String, home: [String] = []) -> Int {
            // `PackedStack3` -> `Packed`: new stacks are numbered after the ones that exist.
            var base = Substring(key)
            while let last = base.last, last.isASCII, last.isNumber { base = base.dropLast() }
            if base.hasSuffix("Stack") { base = base.dropLast(5) }
            if base.isEmpty { base = Substring(key) }
            let stem = String(base)
            var name = stem + "Stack"
            var k = 2
            while used.contains(name) {
                name = stem + "Stack" + String(k)
                k += 1
            }
            used.insert(name)
            names.append(name)
            paths.append(home + [name])
            size.append(0)
            opened[key] = names.count - 1
            return names.count - 1
        }

        enum Candidate: Equatable {
            case stack(Int)
            case parent
            case open(String)
        }
        /// Where `ids` already are, the place holding most of them first.
        func ranked(_ ids: [Int]) -> [Candidate] {
            var count: [Int: Int] = [:]
            var first: [Int] = []
            for i in ids {
                let s = stackOf[i]
                guard s != Sticky.unplaced else { continue }
                if count[s] == nil { first.append(s) }
                count[s, default: 0] += 1
            }
            return first.enumerated().sorted { a, b in
                count[a.element]! != count[b.element]! ? count[a.element]! > count[b.element]! : a.offset < b.offset
            }.map { $0.element >= 0 ? .stack($0.element) : .parent }
        }
        // Packing strategies mix functions freely: any stack with room takes a new one.
        let packs = context.strategy == .function || context.strategy == .auto
        func candidates(_ unit: [Int], _ m: Int) -> [Candidate] {
            var out: [Candidate] = []
            func add(_ c: [Candidate]) { for c in c where !out.contains(c) { out.append(c) } }
            add(ranked(unit))
            if groupOf[m] >= 0 { add(ranked(groupMembers[groupOf[m]])) }
            if let f = fresh.stackOf[order[m]] {
                add(ranked(freshMembers[f]))
                if packs {
                    // The fullest stack that still has room, so that stacks stay few.
                    let room = names.indices.filter { size[$0] > 0 && size[$0] + unit.count <= max }
                    add(room.sorted { size[$0] != size[$1] ? size[$0] > size[$1] : $0 < $1 }.map { .stack($0) })
                }
                add([.open(fresh.stackNames[f])])
            } else {
                add([.parent])
            }
            add([.open(groupOf[m] >= 0 ? groups[groupOf[m]].name : "Shared")])
            return out
        }
        func place(_ members: [Int], _ c: Candidate) -> [Int] {
            switch c {
            case .stack(let s):
                guard size[s] + members.count <= max, fits(members, s) else { return members }
                commit(members, s)
                return []
            case .open(let k):
                if let s = opened[k], size[s] + members.count <= max, fits(members, s) {
                    commit(members, s)
                    return []
                }
                guard members.count <= max else { return members }
                if fits(members, names.count) {
                    commit(members, open(k))
                    return []
                }
                // A new stack inside the stack of stacks that holds a neighbour, if it has room.
                var tried: Set<String> = []
                for i in members {
                    for j in g.dependencyIndex[i] + g.dependentIndex[i] where stackOf[j] >= 0 {
                        let home = Array(paths[stackOf[j]].dropLast())
                        guard let holder = home.last, tried.insert(holder).inserted, held[holder, default: 0] < max else { continue }
                        paths.append(home + [""])
                        let ok = fits(members, names.count)
                        paths.removeLast()
                        if ok {
                            let s = open(k, home: home)
                            commit(members, s)
                            homes[names[s]] = holder
                            held[holder, default: 0] += 1
                            return []
                        }
                    }
                }
                return members
            case .parent:
                var left: [Int] = []
                for i in members {
                    if fits([i], -(i + 1)) { commit([i], -(i + 1)) } else { left.append(i) }
                }
                return left
            }
        }
        for unit in units {
            var left = unit.filter { stackOf[$0] == Sticky.unplaced }
            guard !left.isEmpty else { continue }
            for c in candidates(unit, left[0]) where !left.isEmpty { left = place(left, c) }
            // What does not fit as a whole goes one resource at a time.
            for i in left {
                var rest = [i]
                for c in candidates(unit, i) + names.indices.map({ Candidate.stack($0) }) + [.open("Shared")] where !rest.isEmpty {
                    rest = place(rest, c)
                }
                if !rest.isEmpty { return nil }
            }
        }
        var plan = Plan(stackNames: names, stackOf: [:])
        for i in 0..<n where stackOf[i] >= 0 { plan.stackOf[order[i]] = stackOf[i] }
        return Result(plan: plan, why: why, homes: homes)
    }
}

/// Edges between places (a stack, or one resource in the parent), counted.
struct PlaceGraph {
    private var out: [Int: [Int: Int]] = [:]

    mutating func link(_ a: Int, _ b: Int) {
        guard a != b else { return }
        out[a, default: [:]][b, default: 0] += 1
    }

    /// The places `a` has an edge to.
    func successors(of a: Int) -> Set<Int> { Set((out[a] ?? [:]).keys) }

    /// Whether some place of `starts` is, or leads to, one of `targets`.
    func reaches(from starts: Set<Int>, anyOf targets: Set<Int>) -> Bool {
        if !starts.isDisjoint(with: targets) { return true }
        var seen = starts
        var stack = Array(starts)
        while let v = stack.popLast() {
            for w in (out[v] ?? [:]).keys {
                if targets.contains(w) { return true }
                if seen.insert(w).inserted { stack.append(w) }
            }
        }
        return false
    }

    /// The places of one circle, if there is one.
    func cycle() -> [Int]? {
        let nodes = Set(out.keys).union(out.values.flatMap(\.keys)).sorted()
        var dense: [Int: Int] = [:]
        for (i, v) in nodes.enumerated() { dense[v] = i }
        let adjacency = nodes.map { v in (out[v] ?? [:]).keys.map { dense[$0]! }.sorted() }
        guard let c = StronglyConnected.components(of: adjacency).first(where: { $0.count > 1 }) else { return nil }
        return c.map { nodes[$0] }
    }
}
