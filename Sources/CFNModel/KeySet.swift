/// The keys of a mapping being read, for finding duplicates: a linear scan while the mapping is
/// small, a hash index once it is large (which `Map` then keeps for lookups).
struct KeySet {
    private var keys: [String] = []
    private(set) var index: [String: Int]? = nil

    /// Adds `key` as entry number `count`; returns the entry number of an earlier equal key instead.
    mutating func insert(_ key: String) -> Int? {
        if index != nil {
            if let first = index![key] { return first }
            index![key] = keys.count
        } else {
            if let first = keys.firstIndex(of: key) { return first }
            if keys.count >= Map.indexThreshold {
                var ix: [String: Int] = [:]
                ix.reserveCapacity(keys.count * 2)
                for (n, k) in keys.enumerated() { ix[k] = n }
                ix[key] = keys.count
                index = ix
            }
        }
        keys.append(key)
        return nil
    }

    mutating func reserveCapacity(_ n: Int) { keys.reserveCapacity(n) }
}
