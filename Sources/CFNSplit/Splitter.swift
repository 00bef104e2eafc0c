import CFNModel
import CFNSAM
import CFNSchema

/// Settings for `split`.
public struct SplitOptions: Sendable {
    /// How to group resources; nil picks `routes` when the template has an API, else `auto`.
    public var strategy: Strategy?
    /// Most resources in any one template of the output, the parent and every nested stack
    /// (CloudFormation's own limit is 500).
    public var maxResources: Int
    /// Absolute URL prefix for `TemplateURL`s; nil writes relative file names for `aws cloudformation package`.
    public var templateURLBase: String?
    /// The format of the written templates; nil keeps the input's.
    public var format: Template.Format?
    /// Merge the output back and prove it equals the input before writing anything.
    public var verify: Bool
    /// Where each resource was in the last deployed layout: resources stay where they are.
    public var previous: Layout?
    /// With `previous`: whether a resource with a fixed physical name may move to another stack
    /// (it then needs a stack refactor); without, such a move is refused.
    public var allowMoves: Bool
    /// Where the resource schemas are read from (which properties fix a physical name); nil
    /// falls back to `<Type>Name` and `Name`.
    public var schemas: SchemaStore?
    /// The input's folder as seen from the folder the output is written to (`..`, `../app`):
    /// each local artifact path (a function's `Code: src/`, a layer's `Content`, a nested
    /// stack's `TemplateURL`, ... everything `aws cloudformation package` uploads), which is
    /// relative to the input's folder, is prefixed with it, so that the written templates point
    /// at the same files. nil or empty: the output sits beside the input.
    public var artifactBase: String?

    /// Creates options.
    public init(
        strategy: Strategy? = nil,
        maxResources: Int = 200,
        templateURLBase: String? = nil,
        format: Template.Format? = nil,
        verify: Bool = true,
        previous: Layout? = nil,
        allowMoves: Bool = false,
        schemas: SchemaStore? = SchemaStore.bundled,
        artifactBase: String? = nil
    ) {
        self.strategy = strategy
        self.maxResources = maxResources
        self.templateURLBase = templateURLBase
        self.format = format
        self.verify = verify
        self.previous = previous
        self.allowMoves = allowMoves
        self.schemas = schemas
        self.artifactBase = artifactBase
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
    /// - Throws: `SplitError` when the input cannot be split within the quotas and
    ///   `maxResources` (a dependency cycle, a transform: a SAM template splits with
    ///   `split(sam:source:options:)`, a group that cannot be cut), when a
    ///   resource with a fixed physical name would have to move and `allowMoves` is off, or when
    ///   the output fails verification.
    public static func split(_ template: Template, options: SplitOptions = SplitOptions()) throws(SplitError) -> SplitResult {
        let transforms = template.transforms
        if transforms.contains(SAMTransform.name) {
            throw SplitError(
                file: template.path,
                message:
                    "the template declares Transform \(SAMTransform.name): split what it deploys, split(sam: SAMTransform(options).apply(to: template), source: template)"
            )
        }
        if !transforms.isEmpty {
            // Only CloudFormation can expand a macro (or language extensions without SAM); the
            // template it expanded is plain, and that one splits.
            throw SplitError(
                file: template.path,
                message:
                    "the template uses Transform \(transforms.joined(separator: ", ")), which only CloudFormation expands: split the processed template it deploys (aws cloudformation get-template --template-stage Processed)"
            )
        }
        return try split(processed: template, options: options, sam: nil)
    }

    /// Splits a template without transforms (`sam`: what the SAM source says about it).
    static func split(processed input: Template, options: SplitOptions, sam: SAMLayout?) throws(SplitError) -> SplitResult {
        let path = input.path
        guard options.maxResources >= 1 && options.maxResources <= maxStackResources else {
            throw SplitError(file: path, message: "--max-resources must be between 1 and \(maxStackResources)")
        }
        var template = input
        if let base = options.artifactBase, !base.isEmpty { template = Artifacts.rebased(template, onto: base) }
        let graph = DependencyGraph(template)
        if let cycle = graph.cycles().first {
            throw SplitError(file: path, message: "dependency cycle: " + (cycle + [cycle[0]]).map(graph.describe).joined(separator: " -> "))
        }
        let grouper = Grouper(template, graph: graph, sam: sam)
        let strategy = options.strategy ?? (grouper.hasAPI ? .routes : .auto)
        let context = Context(
            template: template,
            grouper: grouper,
            max: options.maxResources,
            // Only a previous layout asks which resources have fixed names (it reads schemas).
            names: options.previous == nil ? PhysicalNames(fixed: [:]) : PhysicalNames(template, schemas: options.schemas),
            previous: options.previous,
            strategy: strategy
        )
        let groups = grouper.separatingLate(grouper.groups(strategy))
        let fresh = try context.build(
            pack(groups, grouper: grouper, max: options.maxResources, reserved: Set(grouper.order)),
            sticky: false
        )
        var chosen = fresh
        var moves: [Move] = []
        if let previous = options.previous {
            (chosen, moves) = try choose(fresh, groups: groups, previous: previous, context: context, allowMoves: options.allowMoves)
        }
        var result = SplitResult(source: template, strategy: strategy, hierarchy: chosen, options: options, moves: moves, sam: sam)
        try result.finish()
        if options.verify { try Verifier.verify(result, sourceGraph: graph) }
        return result
    }

    /// Of the layouts that keep resources where they were, the one with the fewest moves of
    /// resources with fixed names, then the fewest moves; never one that moves more than a
    /// fresh split does.
    static func choose(
        _ fresh: Hierarchy,
        groups: [Group],
        previous: Layout,
        context: Context,
        allowMoves: Bool
    ) throws(SplitError) -> (Hierarchy, [Move]) {
        var candidates: [Hierarchy] = []
        var problems: [String] = []
        let sticky = Sticky(context: context, groups: groups, fresh: fresh.layers[0].plan, previous: previous)
        if let plan = sticky.plan() {
            do {
                var h = try context.build(plan.plan, sticky: true, homes: plan.homes)
                h.why.merge(plan.why) { a, _ in a }
                candidates.append(h)
            } catch {
                problems.append(error.message)
            }
        }
        do {
            candidates.append(try context.build(keepInParent(fresh.layers[0].plan, previous, context: context), sticky: true))
        } catch {
            problems.append(error.message)
        }
        candidates.append(fresh)
        let freshMoves = context.moves(of: fresh).count
        var best: (h: Hierarchy, moves: [Move])? = nil
        for h in candidates {
            let m = context.moves(of: h)
            guard m.count <= freshMoves else { continue }
            if let b = best {
                let (bn, n) = (b.moves.filter(\.named).count, m.filter(\.named).count)
                if n < bn || (n == bn && m.count < b.moves.count) { best = (h, m) }
            } else {
                best = (h, m)
            }
        }
        let (h, moves) = best!
        let named = moves.filter(\.named)
        if !named.isEmpty && !allowMoves {
            let list = named.prefix(5).map { m in
                "\(m.logicalId) (\(m.type), \(m.fixedName.joined(separator: "+"))) \(Move.describe(m.fromPath)) -> \(Move.describe(m.toPath)): \(m.reason)"
            }
            throw SplitError(
                file: context.template.path,
                message: """
                    \(named.count) resource\(named.count == 1 ? "" : "s") with a fixed physical name would move to another stack, \
                    which fails (CloudFormation creates the new copy before it deletes the old one): \
                    \(list.joined(separator: "; "))\(named.count > 5 ? "; and \(named.count - 5) more" : ""). \
                    Raise --max-resources, or pass --allow-moves to write this layout with the stack refactor mappings that move them
                    """
            )
        }
        return (h, moves)
    }

    /// A fresh plan, with whole stacks whose every resource was in the parent going back to it
    /// while the parent stays within the limit (those with named resources first).
    static func keepInParent(_ plan: Plan, _ previous: Layout, context: Context) -> Plan {
        var plan = plan
        let order = context.grouper.order
        let members = plan.members(in: order)
        var candidates: [(stack: Int, named: Int, size: Int)] = []
        for (s, m) in members.enumerated() where !m.isEmpty && m.allSatisfy({ previous.path(of: $0) == [] }) {
            candidates.append((s, m.filter(context.names.isNamed).count, m.count))
        }
        candidates.sort { $0.named != $1.named ? $0.named > $1.named : $0.size != $1.size ? $0.size < $1.size : $0.stack < $1.stack }
        var parentSize = order.count - plan.stackOf.count
        var stacksLeft = members.filter { !$0.isEmpty }.count
        for c in candidates where parentSize + c.size + stacksLeft - 1 <= context.max {
            for id in members[c.stack] { plan.stackOf[id] = nil }
            parentSize += c.size
            stacksLeft -= 1
        }
        return plan
    }
}

/// What every step of one split shares.
struct Context {
    let template: Template
    let grouper: Grouper
    let max: Int
    let names: PhysicalNames
    let previous: Layout?
    let strategy: Strategy

    var path: String { template.path }

    /// The resources that change place compared with `previous`: a resource moves when the
    /// chain of stacks that holds it differs (a stack that moves takes its resources along).
    func moves(of h: Hierarchy) -> [Move] {
        guard let previous else { return [] }
        let now = layout(of: h)
        var moves: [Move] = []
        for id in grouper.order {
            guard let was = previous.path(of: id), let place = now.path(of: id), was != place else { continue }
            let fixed = names.fixed[id] ?? []
            moves.append(
                Move(
                    logicalId: id,
                    type: grouper.type(id),
                    from: was.last,
                    to: place.last,
                    named: !fixed.isEmpty,
                    fromPath: was,
                    toPath: place,
                    fixedName: fixed,
                    reason: h.why[id]
                        ?? "keeping it where it was did not fit within --max-resources \(max) (the \(strategy.rawValue) layout puts it here)"
                )
            )
        }
        return moves.enumerated().sorted { a, b in
            a.element.named != b.element.named ? a.element.named : a.offset < b.offset
        }.map(\.element)
    }
}
