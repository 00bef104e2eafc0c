import CFNModel

/// A nested stack of a split: its logical id in the parent, its file and its template.
public struct NestedStack: Sendable {
    /// The `AWS::CloudFormation::Stack` resource's logical id in the parent.
    public var logicalId: String
    /// The file name, content-hashed (`UsersStack-3f2a9c01d4e5.yaml`).
    public var fileName: String
    /// The template.
    public var template: Template
    /// The rendered file.
    public var bytes: [UInt8]
    /// The nested stack whose template holds this one's stack resource (nil: the parent's).
    public var parentStack: String?
}

/// A resource that moves to another stack compared with the previous layout.
public struct Move: Sendable, Hashable {
    /// The resource's logical id.
    public var logicalId: String
    /// Its type.
    public var type: String
    /// The stack it was in (nil: the parent).
    public var from: String?
    /// The stack it goes to (nil: the parent).
    public var to: String?
    /// Whether it has an explicit physical name (it cannot be created before its old copy is gone).
    public var named: Bool
}

/// The output of `split`: the parent template, the nested ones, and the manifest tying them.
public struct SplitResult: Sendable {
    /// The input.
    public let source: Template
    /// The strategy used.
    public let strategy: Strategy
    /// Where each resource went.
    let plan: Plan
    /// The parent template.
    public private(set) var parent: Template
    /// The nested stacks, in the parent's order.
    public private(set) var stacks: [NestedStack] = []
    /// The parent's file name.
    public private(set) var parentFileName = ""
    /// The rendered parent.
    public private(set) var parentBytes: [UInt8] = []
    /// Resources that change stack compared with `SplitOptions.previous`, named ones first.
    public private(set) var moves: [Move] = []
    let options: SplitOptions
    private var childTemplates: [Template]
    /// The second level, when there is one: intermediate stacks holding nested stack resources.
    private var nestPlan: Plan? = nil
    private var intermediateTemplates: [Template] = []

    mutating func nest(_ plan: Plan, _ intermediates: [Template]) {
        nestPlan = plan
        intermediateTemplates = intermediates
    }

    init(source: Template, strategy: Strategy, plan: Plan, parent: Template, children: [Template], options: SplitOptions) {
        self.source = source
        self.strategy = strategy
        self.plan = plan
        self.parent = parent
        self.childTemplates = children
        self.options = options
    }

    var format: Template.Format { options.format ?? source.format }

    /// Renders the nested templates, names them by content, points their parents at them:
    /// leaves first, then intermediate stacks, then the parent.
    mutating func finish() throws(SplitError) {
        let ext = format == .json ? "json" : "yaml"
        let base = options.templateURLBase.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        var urls: [String: String] = [:]
        func render(_ t: Template, _ name: String, parentStack: String?) -> NestedStack {
            var t = SplitResult.pointing(t, at: urls)
            t.format = format
            let bytes = Formatter.render(t, as: format)
            let file = name + "-" + SplitResult.hash(bytes) + "." + ext
            t.path = file
            return NestedStack(logicalId: name, fileName: file, template: t, bytes: bytes, parentStack: parentStack)
        }
        var leafParent: [String: String] = [:]
        if let nestPlan {
            for (id, s) in nestPlan.stackOf { leafParent[id] = nestPlan.stackNames[s] }
        }
        for (i, child) in childTemplates.enumerated() {
            let s = render(child, plan.stackNames[i], parentStack: leafParent[plan.stackNames[i]])
            urls[s.logicalId] = base + s.fileName
            stacks.append(s)
        }
        if let nestPlan {
            for (i, t) in intermediateTemplates.enumerated() {
                let s = render(t, nestPlan.stackNames[i], parentStack: nil)
                urls[s.logicalId] = base + s.fileName
                stacks.append(s)
            }
        }
        parent = SplitResult.pointing(parent, at: urls)
        parent.format = format
        parentFileName = "parent." + ext
        parent.path = parentFileName
        parentBytes = Formatter.render(parent, as: format)
        for s in stacks where s.bytes.count > Splitter.maxBodyBytes {
            throw SplitError(
                file: source.path,
                message: "nested stack \(s.logicalId) would be \(s.bytes.count) bytes, over 1,000,000: lower --max-resources"
            )
        }
        if parentBytes.count > Splitter.maxBodyBytes {
            throw SplitError(file: source.path, message: "the parent would be \(parentBytes.count) bytes, over 1,000,000")
        }
        if let previous = options.previous { moves = computeMoves(previous) }
    }

    /// `t` with the `TemplateURL` of each of its stack resources named in `urls` filled in.
    static func pointing(_ t: Template, at urls: [String: String]) -> Template {
        guard var resources = t.root["Resources"]?.mapValue else { return t }
        var t = t
        for e in resources.entries {
            guard let url = urls[e.key], var stack = e.value.mapValue, var props = stack["Properties"]?.mapValue else { continue }
            props["TemplateURL"] = .string(url)
            stack["Properties"] = Node(.map(props))
            resources[e.key] = Node(.map(stack))
        }
        t.root["Resources"] = Node(.map(resources))
        return t
    }

    /// Replaces a nested stack's rendered bytes (tests use it to prove the verifier notices).
    mutating func replaceStackBytes(_ i: Int, _ bytes: [UInt8]) { stacks[i].bytes = bytes }

    /// Where each resource is: stack logical id, or nil for the parent.
    public var placement: [String: String?] {
        var out: [String: String?] = [:]
        for id in source.resources.map(\.logicalId) { out[id] = plan.stackOf[id].map { plan.stackNames[$0] } }
        return out
    }

    private func computeMoves(_ previous: [String: String?]) -> [Move] {
        var moves: [Move] = []
        for r in source.resources {
            guard let was = previous[r.logicalId] else { continue }
            let now = plan.stackOf[r.logicalId].map { plan.stackNames[$0] }
            guard was != now else { continue }
            moves.append(Move(logicalId: r.logicalId, type: r.type ?? "", from: was, to: now, named: SplitResult.hasPhysicalName(r)))
        }
        return moves.enumerated().sorted { a, b in
            a.element.named != b.element.named ? a.element.named : a.offset < b.offset
        }.map(\.element)
    }

    /// Whether a resource sets its own physical name (`FunctionName` on a function, `TableName` on a table...).
    static func hasPhysicalName(_ r: Resource) -> Bool {
        guard let type = r.type, let last = type.split(separator: ":").last, let props = r.properties else { return false }
        return props[String(last) + "Name"] != nil || props["Name"] != nil && type.hasPrefix("AWS::")
    }

    /// Moves grouped for CloudFormation stack refactoring: each batch spans at most 5 stacks.
    public var refactorBatches: [[Move]] {
        var batches: [(stacks: Set<String>, moves: [Move])] = []
        for m in moves {
            let involved: Set<String> = [m.from ?? "(parent)", m.to ?? "(parent)"]
            if let i = batches.firstIndex(where: { $0.stacks.union(involved).count <= 5 }) {
                batches[i].stacks.formUnion(involved)
                batches[i].moves.append(m)
            } else {
                batches.append((involved, [m]))
            }
        }
        return batches.map(\.moves)
    }
    /// 12 hex digits of the content's FNV-1a hash: a stable content name.
    static func hash(_ bytes: [UInt8]) -> String { String(FNV1a.hex(bytes).prefix(12)) }

    /// `manifest.json`: parent file, stack -> file, resource -> stack, counts, moves.
    public func manifest(generator: String) -> [UInt8] {
        func num(_ n: Int) -> Node { Node(.number(Number(n))) }
        var root = Map()
        root["version"] = num(1)
        root["generator"] = .string(generator)
        root["source"] = .string(source.path)
        root["strategy"] = .string(strategy.rawValue)
        root["maxResources"] = num(options.maxResources)
        root["parent"] = .string(parentFileName)
        var stacksMap = Map()
        for s in stacks {
            var m = Map()
            m["file"] = .string(s.fileName)
            m["parent"] = s.parentStack.map { .string($0) } ?? Node(.null)
            m["resources"] = num(s.template.resources.count)
            m["parameters"] = num(s.template.parameters.count)
            m["outputs"] = num(s.template.outputs.count)
            m["bytes"] = num(s.bytes.count)
            stacksMap[s.logicalId] = Node(.map(m))
        }
        root["stacks"] = Node(.map(stacksMap))
        var counts = Map()
        counts["parentResources"] = num(parent.resources.count)
        counts["parentParameters"] = num(parent.parameters.count)
        counts["parentOutputs"] = num(parent.outputs.count)
        counts["parentBytes"] = num(parentBytes.count)
        counts["stacks"] = num(stacks.count)
        counts["totalResources"] = num(parent.resources.count + stacks.reduce(0) { $0 + $1.template.resources.count })
        root["counts"] = Node(.map(counts))
        var res = Map()
        for r in source.resources {
            res[r.logicalId] = plan.stackOf[r.logicalId].map { .string(plan.stackNames[$0]) } ?? Node(.null)
        }
        root["resources"] = Node(.map(res))
        if options.previous != nil {
            root["moves"] = Node(
                .list(
                    moves.map { m in
                        var o = Map()
                        o["logicalId"] = .string(m.logicalId)
                        o["type"] = .string(m.type)
                        o["from"] = m.from.map { .string($0) } ?? Node(.null)
                        o["to"] = m.to.map { .string($0) } ?? Node(.null)
                        o["named"] = Node(.bool(m.named))
                        return Node(.map(o))
                    }
                )
            )
            root["refactorBatches"] = Node(
                .list(
                    refactorBatches.map { batch in
                        Node(
                            .list(
                                batch.map { m in
                                    var src = Map()
                                    src["StackName"] = .string(m.from ?? "(parent)")
                                    src["LogicalResourceId"] = .string(m.logicalId)
                                    var dst = Map()
                                    dst["StackName"] = .string(m.to ?? "(parent)")
                                    dst["LogicalResourceId"] = .string(m.logicalId)
                                    var o = Map()
                                    o["Source"] = Node(.map(src))
                                    o["Destination"] = Node(.map(dst))
                                    return Node(.map(o))
                                }
                            )
                        )
                    }
                )
            )
        }
        return Formatter.render(Template(root: root, format: .json), as: .json)
    }
}
