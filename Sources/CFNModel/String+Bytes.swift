extension StringProtocol {
    /// Whether `needle` occurs in the text, compared byte for byte in UTF-8. For the ASCII
    /// needles templates are searched for (`://`, `{{resolve:`, `${`, `List<`), that is what
    /// `contains(_:)` answers, without its Unicode-aware matching, which costs many times more
    /// (about 20,000 instructions a call) on the paths every value goes through.
    public func containsBytes(_ needle: String) -> Bool {
        guard let first = needle.utf8.first else { return true }
        var from = utf8.startIndex
        while let hit = utf8[from...].firstIndex(of: first) {
            if utf8[hit...].starts(with: needle.utf8) { return true }
            from = utf8.index(after: hit)
        }
        return false
    }
}
