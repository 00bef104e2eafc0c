#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension StringProtocol {
    /// Whether `needle` occurs in the text, compared byte for byte in UTF-8. For the ASCII
    /// needles templates are searched for (`://`, `{{resolve:`, `${`, `List<`), that is what
    /// `contains(_:)` answers, without its Unicode-aware matching, which costs many times more
    /// (about 20,000 instructions a call) on the paths every value goes through.
    public func containsBytes(_ needle: String) -> Bool {
        guard let first = needle.utf8.first else { return true }
        // A native string's bytes are searched in place by the C library (long inline code and
        // policy texts are checked at every schema that may hold them).
        if let found = utf8.withContiguousStorageIfAvailable({ hay in
            var needle = needle
            return needle.withUTF8 { n in
                guard let h = hay.baseAddress, let p = n.baseAddress else { return false }
                var at = 0
                while hay.count - at >= n.count, let hit = memchr(h + at, Int32(first), hay.count - at - n.count + 1) {
                    let i = UnsafeRawPointer(hit) - UnsafeRawPointer(h)
                    if memcmp(h + i, p, n.count) == 0 { return true }
                    at = i + 1
                }
                return false
            }
        }) {
            return found
        }
        var from = utf8.startIndex
        while let hit = utf8[from...].firstIndex(of: first) {
            if utf8[hit...].starts(with: needle.utf8) { return true }
            from = utf8.index(after: hit)
        }
        return false
    }
}
