import CFNModel

/// What one SAM resource of the source became in the transform's output.
public struct Expansion: Sendable {
    /// The SAM resource's logical id (`GetUserFn`), or the implicit one the transform made
    /// (`ServerlessRestApi`, `ServerlessHttpApi`).
    public var logicalId: String
    /// Its type (`AWS::Serverless::Function`).
    public var type: String
    /// Where it is written in the source (for an implicit API: the first event that made it).
    public var range: SourceRange
    /// The output resources it made, by logical id, in output order.
    public var resources: [String]
    /// How many of each type, in the order the types first appear in the output.
    public var types: [(type: String, count: Int)]

    /// Creates an expansion.
    public init(logicalId: String, type: String, range: SourceRange, resources: [String], types: [(type: String, count: Int)]) {
        self.logicalId = logicalId
        self.type = type
        self.range = range
        self.resources = resources
        self.types = types
    }

    /// `Function, Role, Permission x2, Version`: the types by their last part, counted.
    public var summary: String {
        types.map { t in
            let short = t.type.split(separator: ":").last.map(String.init) ?? t.type
            return t.count == 1 ? short : "\(short) x\(t.count)"
        }.joined(separator: ", ")
    }
}

extension SAMTransform.Output {
    /// For each SAM resource of `source` (the template the transform was applied to), the
    /// resources of the output it made: biggest first, then in source order.
    ///
    /// A resource of the source that is not SAM (a bucket an S3 event adds its notifications to)
    /// stays its own, even when the transform changed it; a SAM resource that made nothing of its
    /// own (a connector that only adds policies) is left out.
    public func expansions(of source: Template) -> [Expansion] {
        let written = source.root["Resources"]?.mapValue ?? Map()
        var order: [String] = []
        var made: [String: [String]] = [:]
        var kinds: [String: (type: String, range: SourceRange)] = [:]
        for r in template.resources {
            guard let origin = origins[r.logicalId] else { continue }
            // A plain resource of the source keeps its own place, whatever changed it.
            if let type = written[r.logicalId]?["Type"]?.stringValue, !type.hasPrefix("AWS::Serverless::") { continue }
            if made[origin.logicalId] == nil {
                order.append(origin.logicalId)
                let entry = written[entry: origin.logicalId]
                kinds[origin.logicalId] = (origin.type, entry?.keyRange ?? origin.range)
            }
            made[origin.logicalId, default: []].append(r.logicalId)
        }
        let resources = template.root["Resources"]?.mapValue ?? Map()
        var out: [Expansion] = []
        for id in order {
            let ids = made[id]!
            var types: [(type: String, count: Int)] = []
            for r in ids {
                let type = resources[r]?["Type"]?.stringValue ?? "(no Type)"
                if let i = types.firstIndex(where: { $0.type == type }) { types[i].count += 1 } else { types.append((type, 1)) }
            }
            out.append(Expansion(logicalId: id, type: kinds[id]!.type, range: kinds[id]!.range, resources: ids, types: types))
        }
        let position = Dictionary(uniqueKeysWithValues: written.keys.enumerated().map { ($1, $0) })
        return out.enumerated().sorted { a, b in
            if a.element.resources.count != b.element.resources.count { return a.element.resources.count > b.element.resources.count }
            let (pa, pb) = (position[a.element.logicalId] ?? Int.max, position[b.element.logicalId] ?? Int.max)
            return pa != pb ? pa < pb : a.offset < b.offset
        }.map(\.element)
    }
}

extension SAMTransform.Output {
    /// An output: a processed template and the origins of its resources (as a tool that saved
    /// them has them back).
    public init(_ template: Template, origins: [String: Origin]) {
        self.template = template
        self.origins = origins
    }
}
