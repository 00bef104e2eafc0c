import CFNModel
import CFNSAM

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
    /// Whether it has a fixed physical name or identity (it cannot be created before its old
    /// copy is gone: it needs a stack refactor).
    public var named: Bool
    /// The stacks from the top down to the one it was in (empty: the parent).
    public var fromPath: [String]
    /// The stacks from the top down to the one it goes to.
    public var toPath: [String]
    /// The properties that fix its name (`FunctionName`), empty when CloudFormation names it.
    public var fixedName: [String]
    /// Why it moves.
    public var reason: String

    /// Creates a move.
    public init(
        logicalId: String,
        type: String,
        from: String?,
        to: String?,
        named: Bool,
        fromPath: [String]? = nil,
        toPath: [String]? = nil,
        fixedName: [String] = [],
        reason: String = ""
    ) {
        self.logicalId = logicalId
        self.type = type
        self.from = from
        self.to = to
        self.named = named
        self.fromPath = fromPath ?? from.map { [$0] } ?? []
        self.toPath = toPath ?? to.map { [$0] } ?? []
        self.fixedName = fixedName
        self.reason = reason
    }

    /// `parent`, `UsersStack`, `Nest1Stack/UsersStack`.
    public static func describe(_ path: [String]) -> String { path.isEmpty ? "parent" : path.joined(separator: "/") }

    /// The `StackName` a stack refactor mapping names the stack by: the stack's logical-id path
    /// from the root, `ROOT` for the root itself (`ROOT/UsersStack`). CloudFormation wants the
    /// deployed stacks' names there: replace each before running the refactor.
    public static func stackReference(_ path: [String]) -> String { (["ROOT"] + path).joined(separator: "/") }
}

/// The output of `split`: the parent template, the nested ones, and the manifest tying them.
public struct SplitResult: Sendable {
    /// The input.
    public let source: Template
    /// The strategy used.
    public let strategy: Strategy
    /// Where each resource went, level by level.
    let hierarchy: Hierarchy
    /// The parent template.
    public private(set) var parent: Template
    /// The nested stacks: the leaves first, then the stacks that hold other stacks.
    public private(set) var stacks: [NestedStack] = []
    /// The parent's file name.
    public private(set) var parentFileName = ""
    /// The rendered parent.
    public private(set) var parentBytes: [UInt8] = []
    /// Resources that change stack compared with `SplitOptions.previous`, named ones first.
    public let moves: [Move]
    let options: SplitOptions
    /// Under the SAM transform: what the source says (the origins the manifest records).
    let sam: SAMLayout?

    /// Under the SAM transform: for each resource the transform made, the SAM resource (and
    /// event or property) it came from; empty for a template split as it is.
    public var origins: [String: Origin] { sam?.origins ?? [:] }

    init(source: Template, strategy: Strategy, hierarchy: Hierarchy, options: SplitOptions, moves: [Move], sam: SAMLayout? = nil) {
        self.sam = sam
        self.source = source
        self.strategy = strategy
        self.hierarchy = hierarchy
        self.parent = hierarchy.top
        self.options = options
        self.moves = moves
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
        let layers = hierarchy.layers
        for (k, layer) in layers.enumerated() {
            for (i, child) in layer.children.enumerated() {
                let name = layer.plan.stackNames[i]
                // The stack that holds this one: made by some later level (a stack may stay in
                // the parent for a level or more before one takes it).
                let up = layers[(k + 1)...].lazy.compactMap { l in l.plan.stackOf[name].map { l.plan.stackNames[$0] } }.first
                let s = render(child, name, parentStack: up)
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

    /// Where each resource is: the logical id of the stack whose template holds it, or nil for
    /// the parent.
    public var placement: [String: String?] { layout.holder }

    /// Where each resource is, and which stack holds each nested stack: what `--previous` reads.
    public var layout: Layout {
        var holder: [String: String?] = [:]
        var parentOf: [String: String] = [:]
        let names = hierarchy.stackNames
        for layer in hierarchy.layers {
            for (id, s) in layer.plan.stackOf {
                if names.contains(id) {
                    parentOf[id] = layer.plan.stackNames[s]
                } else if holder[id] == nil {
                    holder[id] = layer.plan.stackNames[s]
                }
            }
        }
        for r in source.resources where holder[r.logicalId] == nil { holder[r.logicalId] = String?.none }
        return Layout(holder: holder, parentOf: parentOf)
    }

    /// Moves grouped for CloudFormation stack refactoring: each batch spans at most 5 stacks (the
    /// most one refactor may involve), named resources first.
    public var refactorBatches: [[Move]] {
        var batches: [(stacks: Set<[String]>, moves: [Move])] = []
        for m in moves {
            let involved: Set<[String]> = [m.fromPath, m.toPath]
            if let i = batches.firstIndex(where: { $0.stacks.union(involved).count <= 5 }) {
                batches[i].stacks.formUnion(involved)
                batches[i].moves.append(m)
            } else {
                batches.append((involved, [m]))
            }
        }
        return batches.map(\.moves)
    }

    /// One file per refactor batch (`refactor-1.json`, ...): the value of
    /// `aws cloudformation create-stack-refactor --resource-mappings file://refactor-1.json`,
    /// a list of `{"Source": {"StackName", "LogicalResourceId"}, "Destination": {...}}`. Stacks
    /// are named by `Move.stackReference`.
    public var refactorFiles: [(name: String, bytes: [UInt8])] {
        refactorBatches.enumerated().map { (i, batch) in
            let list = Node(.list(batch.map(SplitResult.mapping)))
            return ("refactor-\(i + 1).json", Formatter.json(list))
        }
    }

    static func mapping(_ m: Move) -> Node {
        func location(_ path: [String]) -> Node {
            var l = Map()
            l["StackName"] = .string(Move.stackReference(path))
            l["LogicalResourceId"] = .string(m.logicalId)
            return Node(.map(l))
        }
        var o = Map()
        o["Source"] = location(m.fromPath)
        o["Destination"] = location(m.toPath)
        return Node(.map(o))
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
        let holder = layout.holder
        for r in source.resources {
            res[r.logicalId] = (holder[r.logicalId] ?? nil).map { .string($0) } ?? Node(.null)
        }
        root["resources"] = Node(.map(res))
        if let sam {
            // Which SAM resource each resource the transform made came from, in output order.
            root["transform"] = .string(SAMTransform.name)
            var origins = Map()
            for r in source.resources {
                guard let o = sam.origins[r.logicalId] else { continue }
                var m = Map()
                m["logicalId"] = .string(o.logicalId)
                m["type"] = .string(o.type)
                if let e = o.event { m["event"] = .string(e) }
                if let p = o.property { m["property"] = .string(p) }
                origins[r.logicalId] = Node(.map(m))
            }
            root["origins"] = Node(.map(origins))
        }
        if options.previous != nil {
            root["moves"] = Node(
                .list(
                    moves.map { m in
                        var o = Map()
                        o["logicalId"] = .string(m.logicalId)
                        o["type"] = .string(m.type)
                        o["from"] = m.from.map { .string($0) } ?? Node(.null)
                        o["to"] = m.to.map { .string($0) } ?? Node(.null)
                        o["fromPath"] = Node(.list(m.fromPath.map { .string($0) }))
                        o["toPath"] = Node(.list(m.toPath.map { .string($0) }))
                        o["named"] = Node(.bool(m.named))
                        if !m.fixedName.isEmpty { o["fixedName"] = Node(.list(m.fixedName.map { .string($0) })) }
                        o["reason"] = .string(m.reason)
                        return Node(.map(o))
                    }
                )
            )
            let batches = refactorBatches
            root["refactor"] = Node(
                .list(
                    refactorFiles.enumerated().map { (i, f) in
                        var o = Map()
                        o["file"] = .string(f.name)
                        var stacks: [String] = []
                        for m in batches[i] {
                            for p in [m.fromPath, m.toPath] where !stacks.contains(Move.stackReference(p)) {
                                stacks.append(Move.stackReference(p))
                            }
                        }
                        o["stacks"] = Node(.list(stacks.map { .string($0) }))
                        o["resources"] = num(batches[i].count)
                        o["named"] = num(batches[i].filter(\.named).count)
                        return Node(.map(o))
                    }
                )
            )
        }
        return Formatter.render(Template(root: root, format: .json), as: .json)
    }
}
