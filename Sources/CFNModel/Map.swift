/// An ordered mapping with string keys, as templates write them. Keys are unique.
///
/// Lookups are by linear scan for small maps and by an index for large ones (a 5,000-resource
/// `Resources` section), so finding a key never costs more than a hash lookup.
public struct Map: Sendable {
    /// One `key: value` pair.
    public struct Entry: Sendable {
        /// The key.
        public var key: String
        /// Where the key was read from.
        public var keyRange: SourceRange
        /// How the key was written (`plain`, quoted).
        public var keyStyle: Node.Style
        /// The value.
        public var value: Node

        /// Creates an entry.
        public init(key: String, value: Node, keyRange: SourceRange = .unknown, keyStyle: Node.Style = .plain) {
            self.key = key
            self.value = value
            self.keyRange = keyRange
            self.keyStyle = keyStyle
        }
    }

    /// Maps with more entries than this keep a hash index.
    static let indexThreshold = 12

    /// The entries in source order.
    public private(set) var entries: [Entry]
    private var index: [String: Int]?

    /// An empty map.
    public init() {
        entries = []
        index = nil
    }

    /// A map of the given entries; a later duplicate key replaces the earlier value.
    public init(_ entries: [Entry]) {
        self.init()
        self.entries.reserveCapacity(entries.count)
        for e in entries { self[entry: e.key] = e }
    }

    /// Builds a map from entries already known to have unique keys.
    init(uniqueEntries: [Entry], index: [String: Int]?) {
        self.entries = uniqueEntries
        self.index = index
        if index == nil && uniqueEntries.count > Map.indexThreshold { rebuildIndex() }
    }

    /// The number of entries.
    public var count: Int { entries.count }
    /// Whether the map is empty.
    public var isEmpty: Bool { entries.isEmpty }
    /// The keys in order.
    public var keys: [String] { entries.map(\.key) }

    /// The position of `key` in `entries`.
    public func indexOf(_ key: String) -> Int? {
        if let index { return index[key] }
        return entries.firstIndex { $0.key == key }
    }

    /// Replaces the value of the entry at `index` in `entries` (its key and key range stay).
    public mutating func setValue(_ value: Node, at index: Int) { entries[index].value = value }

    /// Replaces the key range of the entry at `index` in `entries`.
    public mutating func setKeyRange(_ range: SourceRange, at index: Int) { entries[index].keyRange = range }

    /// The value under `key`; setting `nil` removes the entry, setting a new key appends it.
    public subscript(key: String) -> Node? {
        get {
            guard let i = indexOf(key) else { return nil }
            return entries[i].value
        }
        set {
            if let newValue {
                if let i = indexOf(key) {
                    entries[i].value = newValue
                } else {
                    self[entry: key] = Entry(key: key, value: newValue)
                }
            } else {
                remove(key)
            }
        }
    }

    /// The whole entry under `key`.
    public subscript(entry key: String) -> Entry? {
        get { indexOf(key).map { entries[$0] } }
        set {
            guard let newValue else {
                remove(key)
                return
            }
            precondition(newValue.key == key, "entry key must match subscript key")
            if let i = indexOf(key) {
                entries[i] = newValue
            } else {
                entries.append(newValue)
                if index != nil {
                    index![key] = entries.count - 1
                } else if entries.count > Map.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    /// The same keys, in the same order, with each value transformed (no key lookups, no re-indexing).
    public func mapValues(_ transform: (Node) throws -> Node) rethrows -> Map {
        var out = self
        for i in out.entries.indices { out.entries[i].value = try transform(out.entries[i].value) }
        return out
    }

    /// Removes the entry under `key`, if any, and returns its value.
    @discardableResult
    public mutating func remove(_ key: String) -> Node? {
        guard let i = indexOf(key) else { return nil }
        let removed = entries.remove(at: i)
        if index != nil {
            // Only the entries after the removed one move.
            index![key] = nil
            for j in i..<entries.count { index![entries[j].key] = j }
        }
        return removed.value
    }

    /// Reorders the entries: those whose key is in `order` first, in that order, then the rest
    /// in their current order, or at the position `restAt` of `order` if given.
    public mutating func reorder(_ order: [String], restAt: Int? = nil) {
        var rank: [String: Int] = [:]
        for (i, k) in order.enumerated() { rank[k] = i }
        let restRank = restAt ?? order.count
        let sorted = entries.enumerated().sorted { a, b in
            let ra = rank[a.element.key].map { $0 < restRank ? $0 : $0 + 1 } ?? restRank
            let rb = rank[b.element.key].map { $0 < restRank ? $0 : $0 + 1 } ?? restRank
            return ra != rb ? ra < rb : a.offset < b.offset
        }
        entries = sorted.map(\.element)
        if index != nil { rebuildIndex() }
    }

    private mutating func rebuildIndex() {
        var ix: [String: Int] = [:]
        ix.reserveCapacity(entries.count)
        for (i, e) in entries.enumerated() { ix[e.key] = i }
        index = ix
    }
}

extension Map: Sequence {
    /// Iterates the entries in order.
    public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }
}
