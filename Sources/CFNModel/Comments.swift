/// Comments recovered from a YAML source, attached to the map entries and list items they sit
/// beside. libyaml drops comments; they are found again in the text between node ranges.
///
/// Keys are byte offsets of entry or item starts in the source the template was read from, so
/// the comments follow their entries when `fmt` reorders sections.
public struct Comments: Sendable {
    /// Whole-line comments before the entry or item starting at an offset.
    public var leading: [Int: [String]] = [:]
    /// A comment at the end of the line of the entry or item starting at an offset.
    public var trailing: [Int: String] = [:]
    /// Comments before the first entry of the template.
    public var header: [String] = []
    /// Comments after the last entry.
    public var footer: [String] = []

    /// No comments.
    public init() {}

    /// Whether there are no comments.
    public var isEmpty: Bool { leading.isEmpty && trailing.isEmpty && header.isEmpty && footer.isEmpty }

    /// How many comment lines there are in all.
    public var count: Int {
        leading.values.reduce(0) { $0 + $1.count } + trailing.count + header.count + footer.count
    }

    static func extract(from text: SourceText, scalarSpans: [(start: Int, end: Int)], anchors: [CommentAnchor]) -> Comments {
        var c = Comments()
        let b = text.bytes
        let n = b.count
        var spans = scalarSpans
        spans.sort { $0.start < $1.start }
        var anchors = anchors
        anchors.sort { $0.offset < $1.offset }
        var span = 0
        var anchor = 0
        var lineStart = 0
        var onlySpace = true
        var i = 0
        while i < n {
            let ch = b[i]
            if ch == 10 || ch == 13 {
                if ch == 13 && i + 1 < n && b[i + 1] == 10 { i += 1 }
                i += 1
                lineStart = i
                onlySpace = true
                continue
            }
            while span < spans.count && spans[span].end <= i { span += 1 }
            let inScalar = span < spans.count && spans[span].start <= i && i < spans[span].end
            if ch == UInt8(ascii: "#") && !inScalar && (i == lineStart || b[i - 1] == 32 || b[i - 1] == 9) {
                var e = i
                while e < n && b[e] != 10 && b[e] != 13 { e += 1 }
                var t = e
                while t > i && (b[t - 1] == 32 || b[t - 1] == 9) { t -= 1 }
                let comment = String(decoding: UnsafeBufferPointer(rebasing: b[i..<t]), as: UTF8.self)
                while anchor < anchors.count && anchors[anchor].offset < i { anchor += 1 }
                if onlySpace {
                    if anchor == 0 {
                        c.header.append(comment)
                    } else if anchor < anchors.count {
                        c.leading[anchors[anchor].offset, default: []].append(comment)
                    } else {
                        c.footer.append(comment)
                    }
                } else if anchor > 0 {
                    // The outermost entry starting on this line owns it (`Key: !If [a, b]  # c`).
                    var k = anchor - 1
                    while k > 0 && anchors[k - 1].line == anchors[anchor - 1].line { k -= 1 }
                    let owner = anchors[k].offset
                    if let old = c.trailing[owner] {
                        c.trailing[owner] = old + " " + comment
                    } else {
                        c.trailing[owner] = comment
                    }
                } else {
                    c.header.append(comment)
                }
                i = e
                continue
            }
            if ch != 32 && ch != 9 { onlySpace = false }
            i += 1
        }
        return c
    }
}
