import CFNModel

/// Settings for `split`.
public struct SplitOptions: Sendable {
    /// How to group resources; nil picks `routes` when the template has an API, else `auto`.
    public var strategy: Strategy?
    /// Most resources in one nested stack (CloudFormation's own limit is 500).
    public var maxResources: Int
    /// Absolute URL prefix for `TemplateURL`s; nil writes relative file names for `aws cloudformation package`.
    public var templateURLBase: String?
    /// The format of the written templates; nil keeps the input's.
    public var format: Template.Format?
    /// Merge the output back and prove it equals the input before writing anything.
    public var verify: Bool
    /// Where each resource was in the last deployed layout (logical id -> stack logical id, nil: the parent).
    public var previous: [String: String?]?

    /// Creates options.
    public init(
        strategy: Strategy? = nil,
        maxResources: Int = 200,
        templateURLBase: String? = nil,
        format: Template.Format? = nil,
        verify: Bool = true,
        previous: [String: String?]? = nil
    ) {
        self.strategy = strategy
        self.maxResources = maxResources
        self.templateURLBase = templateURLBase
        self.format = format
        self.verify = verify
        self.previous = previous
    }
}

/// Splits an oversized template into a parent and nested stacks that each stay within every quota.
public enum Splitter {
    /// The limits every template of the output keeps.
    static let maxStackResources = 500
    static let maxParameters = 200
    static let maxOutputs = 200
    static let maxBodyBytes = 1_000_000

    /// Splits `template`.
    ///
    /// - Throws: `SplitError` when the input cannot be split within the quotas (a dependency
    ///   cycle, a transform, a group that alone is too big) or the output fails verification.
    public static func split(_ template: Template, options: SplitOptions = SplitOptions()) throws(SplitError) -> SplitResult {
        let path = template.path
        guard options.maxResources >= 1 && options.maxResources <= maxStackResources else {
            throw SplitError(file: path, message: "--max-resources must be between 1 and \(maxStackResources)")
        }
        if !template.transforms.isEmpty {
            throw SplitError(
                file: path,
                message:
                    "the template uses Transform (\(template.transforms.joined(separator: ", "))): split the processed template (sam build / package output)"
            )
        }
        let graph = DependencyGraph(template)
        if let cycle = graph.cycles().first {
            throw SplitError(file: path, message: "dependency cycle: " + (cycle + [cycle[0]]).map(graph.describe).joined(separator: " -> "))
        }
        let grouper = Grouper(template, graph: graph)
        let strategy = options.strategy ?? (grouper.hasAPI ? .routes : .auto)
        var plan = pack(grouper.groups(strategy), grouper: grouper, max: options.maxResources, reserved: Set(grouper.order))
        if let previous = options.previous { plan = keepPrevious(plan, previous, grouper: grouper) }
        // The parent itself must fit: what is left in it beyond the limit is packed too.
        plan = relieveParent(plan, grouper: grouper, max: options.maxResources)

        var attempt = 0
        while true {
            attempt += 1
            plan = mergeCycles(plan, grouper: grouper, max: options.maxResources)
            plan.compact(order: grouper.order)
            let builder = StackBuilder(source: template, plan: plan)
            let (parent, children) = builder.build()
            if let problem = builder.problems.first { throw SplitError(file: path, message: problem) }
            // Cut any nested stack that went over a quota, and try again.
            var over: [Int] = []
            for (i, child) in children.enumerated() {
                let resources = child.resources.count
                let params = child.parameters.count
                let outputs = child.outputs.count
                if resources > min(options.maxResources, maxStackResources) || params > maxParameters || outputs > maxOutputs {
                    over.append(i)
                }
            }
            if !over.isEmpty {
                guard attempt < 64 else {
                    let c = children[over[0]]
                    throw SplitError(
                        file: path,
                        message:
                            "cannot split within the quotas: stack \(plan.stackNames[over[0]]) keeps exceeding them (\(c.resources.count) resources, \(c.parameters.count) parameters, \(c.outputs.count) outputs)"
                    )
                }
                plan = halve(plan, over, order: grouper.order)
                continue
            }
            var top = parent
            var intermediates: [Template] = []
            var nestPlan: Plan? = nil
            if parent.resources.count > maxStackResources {
                // A second level: the nested stack resources themselves go into intermediate stacks.
                let stackIds = Set(plan.stackNames)
                let nested = parent.resources.map(\.logicalId).filter { stackIds.contains($0) }
                let perStack = min(maxStackResources - 50, Swift.max(2, (nested.count + 1) / 2))
                var used = Set(parent.resources.map(\.logicalId)).union(grouper.order)
                var names: [String] = []
                var stackOf: [String: Int] = [:]
                for (i, id) in nested.enumerated() {
                    if i % perStack == 0 {
                        var name = "Nest\(names.count + 1)Stack"
                        while used.contains(name) { name = "X" + name }
                        used.insert(name)
                        names.append(name)
                    }
                    stackOf[id] = names.count - 1
                }
                var second = Plan(stackNames: names, stackOf: stackOf)
                // Grouping stacks can make circles too (a parent resource between two of them).
                let parentGrouper = Grouper(parent, graph: DependencyGraph(parent))
                second = mergeCycles(second, grouper: parentGrouper, max: perStack)
                second.compact(order: parentGrouper.order)
                let nestBuilder = StackBuilder(source: parent, plan: second)
                (top, intermediates) = nestBuilder.build()
                if let problem = nestBuilder.problems.first { throw SplitError(file: path, message: problem) }
                for (i, t) in intermediates.enumerated()
                where t.parameters.count > maxParameters || t.outputs.count > maxOutputs || t.resources.count > maxStackResources {
                    throw SplitError(
                        file: path,
                        message:
                            "cannot split within the quotas: intermediate stack \(second.stackNames[i]) would have \(t.resources.count) resources, \(t.parameters.count) parameters, \(t.outputs.count) outputs: raise --max-resources"
                    )
                }
                nestPlan = second
            }
            if top.resources.count > maxStackResources {
                var byType: [String: Int] = [:]
                for r in top.resources { byType[r.type ?? "", default: 0] += 1 }
                let most = byType.sorted { $0.value > $1.value }.prefix(3).map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                throw SplitError(
                    file: path,
                    message: "the parent would hold \(top.resources.count) resources (\(most)), over 500: raise --max-resources"
                )
            }
            if parent.parameters.count > maxParameters || parent.outputs.count > maxOutputs {
                throw SplitError(file: path, message: "the template has more than 200 parameters or outputs: splitting cannot reduce those")
            }
            var result = SplitResult(source: template, strategy: strategy, plan: plan, parent: top, children: children, options: options)
            if let nestPlan { result.nest(nestPlan, intermediates) }
            try result.finish()
            if options.verify { try Verifier.verify(result, sourceGraph: graph) }
            return result
        }
    }

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
        var bins: [(stack: Int, size: Int, groups: Int)] = []
        for g in small.enumerated().sorted(by: {
            $0.element.members.count != $1.element.members.count
                ? $0.element.members.count > $1.element.members.count : $0.offset < $1.offset
        }).map(\.element) {
            if let b = bins.firstIndex(where: { $0.size + g.members.count <= max }) {
                for m in g.members { stackOf[m] = bins[b].stack }
                bins[b].size += g.members.count
                bins[b].groups += 1
            } else {
                let s = newStack(g.name)
                for m in g.members { stackOf[m] = s }
                bins.append((s, g.members.count, 1))
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

    /// Resources stay where they were deployed: those in a nested stack go back to it, and whole
    /// groups of resources that were in the parent return to it while it has room (groups with
    /// named resources first: those cannot be recreated before their old copy is gone).
    static func keepPrevious(_ plan: Plan, _ previous: [String: String?], grouper: Grouper) -> Plan {
        var plan = plan
        for id in grouper.order {
            guard let was = previous[id], let stack = was else { continue }
            if let s = plan.stackNames.firstIndex(of: stack) {
                plan.stackOf[id] = s
            } else {
                plan.stackNames.append(stack)
                plan.stackOf[id] = plan.stackNames.count - 1
            }
        }
        let members = plan.members(in: grouper.order)
        func named(_ id: String) -> Bool { grouper.template.resource(id).map(SplitResult.hasPhysicalName) ?? false }
        var candidates: [(stack: Int, named: Int, size: Int)] = []
        for (s, m) in members.enumerated() where !m.isEmpty && m.allSatisfy({ previous[$0] != nil && previous[$0]! == nil }) {
            candidates.append((s, m.filter(named).count, m.count))
        }
        candidates.sort { $0.named != $1.named ? $0.named > $1.named : $0.size != $1.size ? $0.size < $1.size : $0.stack < $1.stack }
        var parentSize = grouper.order.count - plan.stackOf.count
        var stacksLeft = members.filter { !$0.isEmpty }.count
        let budget = maxStackResources - 50
        for c in candidates where parentSize + c.size + stacksLeft - 1 <= budget {
            for id in members[c.stack] { plan.stackOf[id] = nil }
            parentSize += c.size
            stacksLeft -= 1
        }
        return plan
    }

    /// When the parent would keep more than `max` resources besides its stacks, the rest of them
    /// (those no other resource depends on first) are packed into more stacks.
    static func relieveParent(_ plan: Plan, grouper: Grouper, max: Int) -> Plan {
        var plan = plan
        let left = grouper.order.filter { plan.stackOf[$0] == nil }
        let room = maxStackResources - plan.stackNames.count - 20
        guard left.count > Swift.max(room, 0) else { return plan }
        let extra = pack(
            [Group(name: "Shared", members: left.suffix(left.count - Swift.max(room / 2, 0)).map { $0 })],
            grouper: grouper,
            max: max,
            reserved: Set(grouper.order).union(plan.stackNames)
        )
        let base = plan.stackNames.count
        plan.stackNames += extra.stackNames
        for (id, s) in extra.stackOf { plan.stackOf[id] = base + s }
        return plan
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
