import CFNModel
import CFNSchema

/// How an LSP position counts characters within a line: UTF-16 code units (the protocol's
/// default) or bytes (`utf-8`, when the client offers it).
enum PositionEncoding: String {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
}

/// An open document: its text as bytes, a table of line starts, and the conversions between
/// LSP positions and byte offsets.
struct TextDocument {
    let uri: String
    var version: Int
    var languageId: String
    private(set) var bytes: [UInt8]
    private(set) var lineStarts: [Int]

    init(uri: String, version: Int, languageId: String, text: String) {
        self.uri = uri
        self.version = version
        self.languageId = languageId
        self.bytes = Array(text.utf8)
        self.lineStarts = TextDocument.lines(of: bytes)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    private static func lines(of bytes: [UInt8]) -> [Int] {
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
        return starts
    }

    /// The byte offset of an LSP position, clamped to the document (a line past the end is the
    /// end, a character past the line's end is the line's end).
    func offset(line: Int, character: Int, encoding: PositionEncoding) -> Int {
        guard line >= 0 else { return 0 }
        guard line < lineStarts.count else { return bytes.count }
        let start = lineStarts[line]
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        switch encoding {
        case .utf8:
            return min(start + max(character, 0), end)
        case .utf16:
            var units = 0
            var i = start
            while i < end && units < character {
                let (width, u) = TextDocument.widths(bytes[i])
                units += u
                i += width
            }
            return min(i, end)
        }
    }

    /// The LSP position of a byte offset.
    func position(of offset: Int, encoding: PositionEncoding) -> (line: Int, character: Int) {
        let offset = min(max(offset, 0), bytes.count)
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let start = lineStarts[lo]
        switch encoding {
        case .utf8:
            return (lo, offset - start)
        case .utf16:
            var units = 0
            var i = start
            while i < offset {
                let (width, u) = TextDocument.widths(bytes[i])
                units += u
                i += width
            }
            return (lo, units)
        }
    }

    /// The UTF-8 length of the character a lead byte starts, and its length in UTF-16 units.
    private static func widths(_ lead: UInt8) -> (bytes: Int, utf16: Int) {
        let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        return (width, width == 4 ? 2 : 1)
    }

    /// Replaces the bytes in `range` (or everything, for nil) with `text`.
    mutating func replace(_ range: Range<Int>?, with text: String) {
        if let range {
            let r = min(range.lowerBound, bytes.count)..<min(max(range.upperBound, range.lowerBound), bytes.count)
            bytes.replaceSubrange(r, with: Array(text.utf8))
        } else {
            bytes = Array(text.utf8)
        }
        lineStarts = TextDocument.lines(of: bytes)
    }

    /// The text of line `line` (0-based), without its line break.
    func lineText(_ line: Int) -> [UInt8] {
        guard line >= 0 && line < lineStarts.count else { return [] }
        let start = lineStarts[line]
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return Array(bytes[start..<end])
    }

    /// The 0-based line of a byte offset.
    func line(of offset: Int) -> Int { position(of: offset, encoding: .utf8).line }

    /// The offset where line `line` starts.
    func lineStart(_ line: Int) -> Int { line < lineStarts.count ? lineStarts[max(line, 0)] : bytes.count }

    var lineCount: Int { lineStarts.count }
}
