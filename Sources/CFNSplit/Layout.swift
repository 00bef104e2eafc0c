import CFNModel

/// Where each resource of a split hierarchy is: the layout `split` writes into `manifest.json`
/// and reads back with `--previous`.
public struct Layout: Sendable, Equatable {
    /// Resource logical id -> the nested stack whose template holds it (nil: the parent).
    public var holder: [String: String?]
    /// Nested stack -> the nested stack whose template holds its stack resource (absent: the
    /// parent holds it).
    public var parentOf: [String: String]

    /// Creates a layout.
    public init(holder: [String: String?], parentOf: [String: String] = [:]) {
        self.holder = holder
        self.parentOf = parentOf
    }

    /// Reads a split manifest (`resources` and `stacks` as `split` writes them), or takes a
    /// template as deployed whole: every resource in the parent.
    public init(_ document: Template) {
        if SplitManifest.isManifest(document) {
            var holder: [String: String?] = [:]
            for e in document.root["resources"]?.mapValue?.entries ?? [] { holder[e.key] = e.value.stringValue }
            var parentOf: [String: String] = [:]
            for e in document.root["stacks"]?.mapValue?.entries ?? [] {
                if let p = e.value["parent"]?.stringValue { parentOf[e.key] = p }
            }
            self.init(holder: holder, parentOf: parentOf)
        } else {
            var holder: [String: String?] = [:]
            for r in document.resources { holder[r.logicalId] = String?.none }
            self.init(holder: holder)
        }
    }

    /// The stacks from the top down to the one holding `id` (empty: the parent); nil when the
    /// layout does not know `id`.
    public func path(of id: String) -> [String]? {
        guard let h = holder[id] else { return nil }
        guard let stack = h else { return [] }
        return stackPath(stack)
    }

    /// The stacks from the top down to `stack` itself.
    func stackPath(_ stack: String) -> [String] {
        var chain = [stack]
        var seen: Set<String> = [stack]
        while let p = parentOf[chain[0]], seen.insert(p).inserted { chain.insert(p, at: 0) }
        return chain
    }

    /// Every nested stack the layout names.
    var stackNames: Set<String> {
        var names = Set(holder.values.compactMap { $0 })
        for (s, p) in parentOf {
            names.insert(s)
            names.insert(p)
        }
        return names
    }
}
