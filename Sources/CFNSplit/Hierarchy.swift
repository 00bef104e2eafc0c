import CFNModel

/// One level of a split: where the resources of the template above it go, and the nested
/// templates that makes. The first level splits the input; each later one groups the
/// resources (nested stack resources among them) of the parent the level before left.
struct Layer {
    var plan: Plan
    var children: [Template]
}

/// A split before it is rendered: its levels, leaves first, and the parent at the top.
struct Hierarchy {
    var layers: [Layer]
    var top: Template
    /// Why a resource had to leave the place it had in the previous layout.
    var why: [String: String] = [:]

    /// Every stack name, all levels.
    var stackNames: Set<String> { Set(layers.flatMap(\.plan.stackNames)) }
}

extension Context {
    /// Where each resource of the input is in `h`: its holder, and each stack's parent stack.
    func layout(of h: Hierarchy) -> Layout {
        var holder: [String: String?] = [:]
        var parentOf: [String: String] = [:]
        let stacks = h.stackNames
        for layer in h.layers {
            for (id, s) in layer.plan.stackOf {
                let name = layer.plan.stackNames[s]
                if stacks.contains(id) {
                    parentOf[id] = name
                } else if holder[id] == nil {
                    holder[id] = name
                }
            }
        }
        for id in grouper.order where holder[id] == nil { holder[id] = String?.none }
        return Layout(holder: holder, parentOf: parentOf)
    }

    /// Builds the templates of a leaf plan, then adds levels of stacks above it until the parent
    /// holds at most `max` resources. With `sticky`, the resources that were in the parent and
    /// the stacks that were directly under it stay there as long as the limit allows, and
    /// stacks go back into the stacks that held them.
    func build(_ leaf: Plan, sticky: Bool, homes: [String: String] = [:]) throws(SplitError) -> Hierarchy {
        var why: [String: String] = [:]
        let (plan, parent, children) = try realize(leaf, sticky: sticky, why: &why)
        var layers = [Layer(plan: plan, children: children)]
        var used = Set(grouper.order).union(template.parameters.map(\.name)).union(plan.stackNames)
        if let previous { used.formUnion(previous.stackNames) }
        // Stack -> the input's resources under it, at any depth.
        var under: [String: [String]] = [:]
        for (i, m) in plan.members(in: grouper.order).enumerated() { under[plan.stackNames[i], default: []] += m }
        var top = parent
        var level = 1
        while true {
            guard
                let next = try nest(
                    top,
                    used: &used,
                    level: level,
                    lowerStacks: Set(layers.flatMap(\.plan.stackNames)),
                    under: under,
                    sticky: sticky,
                    homes: homes,
                    why: &why
                )
            else { break }
            layers.append(Layer(plan: next.plan, children: next.children))
            for (i, m) in next.plan.members(in: top.resources.map(\.logicalId)).enumerated() {
                under[next.plan.stackNames[i], default: []] += m.flatMap { under[$0] ?? [$0] }
            }
            top = next.top
            level += 1
            if level > 40 {
                throw SplitError(file: path, message: "cannot split within \(max) resources a stack: too many levels of nested stacks")
            }
        }
        if top.parameters.count > Splitter.maxParameters || top.outputs.count > Splitter.maxOutputs {
            throw SplitError(file: path, message: "the template has more than 200 parameters or outputs: splitting cannot reduce those")
        }
        return Hierarchy(layers: layers, top: top, why: why)
    }

    /// The leaf level: cycles between stacks untangled, then any stack over a quota cut, until
    /// every nested template keeps every quota. With `sticky`, a stack over a quota gives up
    /// what is new in it first, then the newer half of the rest, named resources last.
    func realize(_ leaf: Plan, sticky: Bool = false, why: inout [String: String]) throws(SplitError) -> (Plan, Template, [Template]) {
        var plan = leaf
        var attempt = 0
        while true {
            attempt += 1
            plan = Splitter.mergeCycles(plan, grouper: grouper, max: max)
            plan.compact(order: grouper.order)
            let builder = StackBuilder(source: template, plan: plan)
            let (parent, children) = builder.build()
            if let problem = builder.problems.first { throw SplitError(file: path, message: problem) }
            var over: [Int] = []
            for (i, child) in children.enumerated()
            where child.resources.count > max || child.parameters.count > Splitter.maxParameters
                || child.outputs.count > Splitter.maxOutputs
            {
                over.append(i)
            }
            if over.isEmpty { return (plan, parent, children) }
            guard attempt < 64 else {
                let c = children[over[0]]
                throw SplitError(
                    file: path,
                    message:
                        "cannot split within the quotas: stack \(plan.stackNames[over[0]]) keeps exceeding them (\(c.resources.count) resources, \(c.parameters.count) parameters, \(c.outputs.count) outputs)"
                )
            }
            guard sticky, let previous else {
                plan = Splitter.halve(plan, over, order: grouper.order)
                continue
            }
            let members = plan.members(in: grouper.order)
            for s in over {
                let name = plan.stackNames[s]
                let c = children[s]
                func tier(_ id: String) -> Int {
                    guard previous.holder[id] == .some(name) else { return 0 }
                    return names.isNamed(id) ? 2 : 1
                }
                let tiers = members[s].map(tier)
                guard let lowest = tiers.min() else { continue }
                var leaving: [String]
                if lowest == 0 && tiers.contains(where: { $0 > 0 }) {
                    leaving = zip(members[s], tiers).filter { $0.1 == 0 }.map(\.0)
                } else {
                    let same = zip(members[s], tiers).filter { $0.1 == lowest }.map(\.0)
                    leaving = Array(same[(same.count / 2)...])
                }
                if leaving.count == members[s].count { leaving.removeFirst() }
                guard !leaving.isEmpty else { continue }
                var newName = name + "B"
                while plan.stackNames.contains(newName) || grouper.position[newName] != nil || previous.stackNames.contains(newName) {
                    newName += "B"
                }
                plan.stackNames.append(newName)
                for id in leaving {
                    plan.stackOf[id] = plan.stackNames.count - 1
                    if tier(id) > 0 && why[id] == nil {
                        why[id] =
                            "stack \(name) would have \(c.resources.count) resources, \(c.parameters.count) parameters, \(c.outputs.count) outputs (at most \(max), 200, 200)"
                    }
                }
            }
        }
    }

    /// One more level above `top`: some of its resources (nested stack resources or not) go into
    /// new stacks so that it holds at most `max`; nil when it already does (and, `sticky`, no
    /// stack of the previous layout is to be rebuilt at this level).
    ///
    /// Each new stack takes a run of resources that are consecutive in a creation order of
    /// `top` (one where nothing comes before what it depends on): whatever depends on such a
    /// run from outside comes after all of it, so the new stacks never wait on each other in
    /// a circle.
    func nest(
        _ top: Template,
        used: inout Set<String>,
        level: Int,
        lowerStacks: Set<String>,
        under: [String: [String]],
        sticky: Bool,
        homes: [String: String],
        why: inout [String: String]
    ) throws(SplitError) -> (plan: Plan, top: Template, children: [Template])? {
        let g = Grouper(top, graph: DependencyGraph(top))
        let items = g.order
        let n = items.count
        // New stacks that the sticky plan put into a stack of stacks are placed as if they had been there.
        var previous = sticky ? self.previous : nil
        previous?.parentOf.merge(homes) { a, _ in a }

        // Stacks (and resources) that a stack of the previous layout held go back to it, at the
        // level that stack was made (one more than the highest stack it holds); until then they
        // stay where they are.
        var groupOf = Array(repeating: -1, count: n)
        var groupNames: [String] = []
        var waiting = Array(repeating: false, count: n)
        if let previous {
            let made = Nesting.levels(previous)
            var byName: [String: Int] = [:]
            for (i, id) in items.enumerated() {
                let p: String?
                if under[id] != nil { p = previous.parentOf[id] } else { p = previous.holder[id] ?? nil }
                guard let p, !lowerStacks.contains(p), grouper.position[p] == nil, g.position[p] == nil else { continue }
                if made[p, default: 0] > level {
                    waiting[i] = true
                    continue
                }
                if byName[p] == nil {
                    byName[p] = groupNames.count
                    groupNames.append(p)
                }
                groupOf[i] = byName[p]!
            }
            // A group over the limit, or groups waiting on each other in a circle, are not rebuilt.
            var sizes = Array(repeating: 0, count: groupNames.count)
            for gi in groupOf where gi >= 0 { sizes[gi] += 1 }
            for i in 0..<n where groupOf[i] >= 0 && sizes[groupOf[i]] > max { groupOf[i] = -1 }
            // Stacks that now wait on each other in a circle: the smallest is not rebuilt.
            while let circle = Nesting.circle(g, groupOf) {
                let smallest = circle.min { sizes[$0] != sizes[$1] ? sizes[$0] < sizes[$1] : $0 < $1 }!
                for i in 0..<n where groupOf[i] == smallest { groupOf[i] = -1 }
                sizes[smallest] = 0
            }
        }
        func tier(_ i: Int) -> Int {
            guard let previous else { return 0 }
            let id = items[i]
            if let u = under[id] {
                guard previous.stackNames.contains(id), previous.parentOf[id] == nil || waiting[i] else { return 0 }
                let kept = u.filter { previous.path(of: $0)?.contains(id) == true }
                if kept.isEmpty { return 0 }
                return kept.contains(where: names.isNamed) ? 2 : 1
            }
            guard previous.path(of: id) == [] || waiting[i] else { return 0 }
            return names.isNamed(id) ? 2 : 1
        }
        /// What moving item `i` costs: the resources that leave their place, named ones a thousand times.
        func cost(_ i: Int) -> Int {
            guard let previous, tier(i) > 0 else { return 0 }
            let id = items[i]
            let kept = (under[id] ?? [id]).filter { under[id] == nil ? true : previous.path(of: $0)?.contains(id) == true }
            return kept.reduce(0) { $0 + (names.isNamed($1) ? 1000 : 1) }
        }
        // What the previous layout will rebuild above this level, seen whole: its topmost stack.
        var coarse = Array(repeating: -1, count: n)
        if let previous {
            var ids: [String: Int] = [:]
            for i in 0..<n where groupOf[i] >= 0 || waiting[i] {
                let id = items[i]
                guard var p = under[id] != nil ? previous.parentOf[id] : (previous.holder[id] ?? nil) else { continue }
                var seen: Set<String> = [p]
                while let up = previous.parentOf[p], seen.insert(up).inserted { p = up }
                if ids[p] == nil { ids[p] = ids.count }
                coarse[i] = ids[p]!
            }
            // New resources and stacks join a stack of the previous layout that has room.
            var sizes = Array(repeating: 0, count: groupNames.count)
            for gi in groupOf where gi >= 0 { sizes[gi] += 1 }
            var coarseOfGroup: [Int: Int] = [:]
            for i in 0..<n where groupOf[i] >= 0 && coarse[i] >= 0 { coarseOfGroup[groupOf[i]] = coarse[i] }
            for i in 0..<n where groupOf[i] < 0 && !waiting[i] && tier(i) == 0 {
                let linked = Set((g.dependencyIndex[i] + g.dependentIndex[i]).map { groupOf[$0] }.filter { $0 >= 0 })
                for gi in groupNames.indices.sorted(by: { (linked.contains($0) ? 0 : 1, $0) < (linked.contains($1) ? 0 : 1, $1) })
                where sizes[gi] > 0 && sizes[gi] < max {
                    groupOf[i] = gi
                    coarse[i] = coarseOfGroup[gi] ?? -1
                    // No circle here, nor at the levels above, where the group's own stack of stacks takes it.
                    if Nesting.circle(g, groupOf) == nil && Nesting.circle(g, coarse) == nil {
                        sizes[gi] += 1
                        break
                    }
                    groupOf[i] = -1
                    coarse[i] = -1
                }
            }
        }
        let grouped = groupOf.filter { $0 >= 0 }
        let groupCount = Set(grouped).count
        let fixedCount = n - grouped.count + groupCount
        guard fixedCount > max || groupCount > 0 else { return nil }
        if max < 2 && fixedCount > max {
            throw SplitError(
                file: path,
                message:
                    "cannot split within 1 resource a stack: the parent would hold \(fixedCount) resources (each nested stack is one); use --max-resources 2 or more"
            )
        }

        var size = max
        while true {
            var plan = Plan(stackNames: [], stackOf: [:])
            var gStack: [Int: Int] = [:]
            for (i, gi) in groupOf.enumerated() where gi >= 0 {
                if gStack[gi] == nil {
                    gStack[gi] = plan.stackNames.count
                    plan.stackNames.append(groupNames[gi])
                }
                plan.stackOf[items[i]] = gStack[gi]!
            }
            var chunked: [Int] = []
            if fixedCount > max {
                // Stages: new resources and stacks that something here depends on; then new ones
                // nothing depends on (a Deployment waiting for every method is best left at the
                // top, where later stacks can join it); then what was here, unnamed; then all.
                // Until every stack the previous layout had above this level is rebuilt, what
                // was there stays: a level up takes it.
                let later = waiting.contains(true) || groupNames.contains { previous?.parentOf[$0] != nil }
                let maxStage = previous == nil || later ? 1 : 3
                let sink = (0..<n).map { g.dependentIndex[$0].isEmpty }
                for t in 0...maxStage {
                    let chunkable = (0..<n).map { groupOf[$0] < 0 && (t == 0 ? tier($0) == 0 && !sink[$0] : tier($0) <= t - 1) }
                    let contract = (0..<n).map { chunkable[$0] ? -1 : coarse[$0] }
                    // New resources and stacks go together when that makes no circle, else in runs.
                    var pieces = Nesting.pieces(g, contract: contract, chunkable: { chunkable[$0] }, size: size, across: t <= 1)
                    if t <= 1 {
                        // Checked here and at the levels above (what they rebuild, contracted).
                        var trial = groupOf
                        var above = contract
                        let base = Swift.max(groupNames.count, (contract.max() ?? -1) + 1)
                        for (k, p) in pieces.enumerated() {
                            for i in p {
                                trial[i] = base + k
                                above[i] = base + k
                            }
                        }
                        if Nesting.circle(g, trial) != nil || Nesting.circle(g, above) != nil {
                            pieces = Nesting.pieces(g, contract: contract, chunkable: { chunkable[$0] }, size: size)
                        }
                    }
                    // Free resources and stacks all go (the parent keeps room for what comes
                    // later); then the windows that free the most room for the least moved,
                    // until the parent fits.
                    var need = fixedCount - max
                    var picked: [[Int]] = []
                    if t == 0 {
                        for p in pieces {
                            picked.append(p)
                            need -= p.count - 1
                        }
                        pieces = []
                    }
                    while need > 0 {
                        var best: (piece: Int, start: Int, length: Int, cost: Int)? = nil
                        for (k, p) in pieces.enumerated() {
                            let length = Swift.min(p.count, need + 1)
                            guard length >= 2 else { continue }
                            var sum = p.prefix(length).reduce(0) { $0 + cost($1) }
                            var (low, at) = (sum, 0)
                            for start in 1..<Swift.max(1, p.count - length + 1) {
                                sum += cost(p[start + length - 1]) - cost(p[start - 1])
                                if sum < low { (low, at) = (sum, start) }
                            }
                            if let b = best {
                                let (mine, theirs) = (low * (b.length - 1), b.cost * (length - 1))
                                if mine > theirs || (mine == theirs && length <= b.length) { continue }
                            }
                            best = (k, at, length, low)
                        }
                        guard let b = best else { break }
                        let p = pieces[b.piece]
                        picked.append(Array(p[b.start..<(b.start + b.length)]))
                        pieces[b.piece] = Array(p[..<b.start])
                        pieces.append(Array(p[(b.start + b.length)...]))
                        need -= b.length - 1
                    }
                    if need <= 0 || t == maxStage {
                        for p in picked.sorted(by: { $0[0] < $1[0] }) {
                            var k = plan.stackNames.count + 1
                            var name = "Nest\(k)Stack"
                            while used.contains(name) || plan.stackNames.contains(name) {
                                k += 1
                                name = "Nest\(k)Stack"
                            }
                            let s = plan.stackNames.count
                            plan.stackNames.append(name)
                            for i in p { plan.stackOf[items[i]] = s }
                            chunked += p
                        }
                        break
                    }
                }
            }
            let builder = StackBuilder(source: top, plan: plan)
            let (newTop, children) = builder.build()
            if let problem = builder.problems.first { throw SplitError(file: path, message: problem) }
            let over = children.indices.filter {
                children[$0].parameters.count > Splitter.maxParameters || children[$0].outputs.count > Splitter.maxOutputs
                    || children[$0].resources.count > max
            }
            if !over.isEmpty {
                guard size > 2 else {
                    let c = children[over[0]]
                    throw SplitError(
                        file: path,
                        message:
                            "cannot split within the quotas: stack \(plan.stackNames[over[0]]) of nested stacks would have \(c.resources.count) resources, \(c.parameters.count) parameters, \(c.outputs.count) outputs"
                    )
                }
                size = Swift.max(2, size / 2)
                continue
            }
            for i in chunked where tier(i) > 0 {
                for id in under[items[i]] ?? [items[i]] where why[id] == nil {
                    why[id] = "the parent would hold \(fixedCount) resources, over --max-resources \(max)"
                }
            }
            used.formUnion(plan.stackNames)
            return (plan, newTop, children)
        }
    }
}

/// The graph work of a level of stacks above others.
enum Nesting {
    /// The level each stack of a layout was made at: 0 for one that holds no other stack, else
    /// one more than the highest stack it holds.
    static func levels(_ layout: Layout) -> [String: Int] {
        var children: [String: [String]] = [:]
        for (s, p) in layout.parentOf { children[p, default: []].append(s) }
        var memo: [String: Int] = [:]
        func level(_ s: String, _ depth: Int) -> Int {
            if let m = memo[s] { return m }
            guard depth < 64, let c = children[s] else { return 0 }
            let l = 1 + (c.map { level($0, depth + 1) }.max() ?? 0)
            memo[s] = l
            return l
        }
        for p in children.keys { _ = level(p, 0) }
        return memo
    }

    /// The groups (`groupOf[i] >= 0`) on a circle once each is contracted into one node, if any.
    static func circle(_ g: Grouper, _ groupOf: [Int]) -> [Int]? {
        let n = g.order.count
        let groups = (groupOf.max() ?? -1) + 1
        func node(_ i: Int) -> Int { groupOf[i] >= 0 ? n + groupOf[i] : i }
        var edges = Array(repeating: Set<Int>(), count: n + groups)
        for i in 0..<n {
            for d in g.dependencyIndex[i] where node(i) != node(d) { edges[node(i)].insert(node(d)) }
        }
        for c in StronglyConnected.components(of: edges.map { $0.sorted() }) where c.count > 1 {
            let inside = c.filter { $0 >= n }.map { $0 - n }
            if !inside.isEmpty { return inside }
        }
        return nil
    }

    /// Runs of chunkable resources (each its own node; the others contracted by `contract`),
    /// consecutive (`across`: in order, whatever lies between) in a creation order that takes chunkable ones
    /// whenever it can (nearest in a depth-first order first, so that a resource sits next to
    /// what it uses), each cut into pieces of at most `size`.
    static func pieces(_ g: Grouper, contract: [Int], chunkable: (Int) -> Bool, size: Int, across: Bool = false) -> [[Int]] {
        let n = g.order.count
        let groups = (contract.max() ?? -1) + 1
        func node(_ i: Int) -> Int { contract[i] >= 0 ? n + contract[i] : i }
        let total = n + groups
        // Depth first, dependencies before dependents, roots in template order.
        var rank = Array(repeating: Int.max, count: total)
        var next = 0
        var done = Array(repeating: false, count: n)
        for root in 0..<n where !done[root] {
            var stack: [(Int, Int)] = [(root, 0)]
            done[root] = true
            while let (v, k) = stack.last {
                let deps = g.dependencyIndex[v]
                if k < deps.count {
                    stack[stack.count - 1].1 += 1
                    let d = deps[k]
                    if !done[d] {
                        done[d] = true
                        stack.append((d, 0))
                    }
                } else {
                    stack.removeLast()
                    rank[node(v)] = Swift.min(rank[node(v)], next)
                    next += 1
                }
            }
        }
        var edges = Array(repeating: Set<Int>(), count: total)
        var waiting = Array(repeating: 0, count: total)
        for i in 0..<n {
            for d in g.dependencyIndex[i] where node(i) != node(d) && edges[node(d)].insert(node(i)).inserted {
                waiting[node(i)] += 1
            }
        }
        let isChunkable = (0..<total).map { $0 < n && chunkable($0) }
        // Two queues by rank: chunkable resources first.
        var ready: [[Int]] = [[], []]
        for v in 0..<total where waiting[v] == 0 { ready[isChunkable[v] ? 0 : 1].append(v) }
        var order: [Int] = []
        while true {
            let q = !ready[0].isEmpty ? 0 : !ready[1].isEmpty ? 1 : -1
            if q < 0 { break }
            var best = 0
            for (k, v) in ready[q].enumerated() where rank[v] < rank[ready[q][best]] { best = k }
            let v = ready[q].remove(at: best)
            order.append(v)
            for w in edges[v] {
                waiting[w] -= 1
                if waiting[w] == 0 { ready[isChunkable[w] ? 0 : 1].append(w) }
            }
        }
        var out: [[Int]] = []
        var run: [Int] = []
        func flush() {
            var i = 0
            while i < run.count {
                let piece = Array(run[i..<Swift.min(run.count, i + size)])
                if piece.count > 1 { out.append(piece) }
                i += size
            }
            run = []
        }
        for v in order {
            if isChunkable[v] { run.append(v) } else if !across { flush() }
        }
        flush()
        return out
    }
}
