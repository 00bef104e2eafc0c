extension StringProtocol {
    /// Whether `needle` occurs in the text, compared byte for byte in UTF-8. For the ASCII
    /// needles the transform looks for (`://`, `{{resolve:`), that is what `contains(_:)` of a
    /// string answers, without its Unicode-aware matching, which costs many times more on the
    /// paths every resource goes through.
    func containsBytes(_ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard let first = n.first else { return true }
        let h = Array(utf8)
        if h.count < n.count { return false }
        var i = 0
        while i <= h.count - n.count {
            if h[i] == first {
                var j = 1
                while j < n.count, h[i + j] == n[j] { j += 1 }
                if j == n.count { return true }
            }
            i += 1
        }
        return false
    }
}
