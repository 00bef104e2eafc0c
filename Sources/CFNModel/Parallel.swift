import Dispatch

/// Independent work spread over the cores, results in input order.
public enum Parallel {
    /// `transform` over `items`, at most `jobs` at once (default: as many as Dispatch runs).
    public static func map<T: Sendable, R: Sendable>(_ items: [T], jobs: Int = Int.max, _ transform: @Sendable (T) -> R) -> [R] {
        guard jobs > 1 && items.count > 1 else { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        // The slots own their results: deinitialize before freeing, or every result leaks (found
        // by fuzz-split under LeakSanitizer; the returned array holds its own copies).
        defer {
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        // Each lane takes the next item when it is free: one slow item (a big template, the
        // schema check's share of one) does not hold up the items dealt to the same lane.
        let next = Locked(0)
        DispatchQueue.concurrentPerform(iterations: min(jobs, items.count)) { _ in
            while true {
                let i = next.withLock { n in
                    defer { n += 1 }
                    return n
                }
                guard i < items.count else { return }
                slots[i] = transform(items[i])
            }
        }
        return results.map { $0! }
    }
}

/// 64-bit FNV-1a: a fast, stable (not cryptographic) fingerprint for content names and ids.
public enum FNV1a {
    /// The hash of `bytes`.
    public static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    /// The hash as 16 hex digits.
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let hex = String(hash(bytes), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
