/// The bytes of a source file with a line table, turning marks and offsets into positions.
struct SourceText {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Byte offset of the start of each line (index 0 is line 1).
    private(set) var lineStarts: [Int] = [0]

    /// Whether every byte is ASCII (then character columns are byte columns), eight bytes at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        let raw = UnsafeRawPointer(base)
        var acc: UInt64 = 0
        while i + 8 <= n {
            acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < n {
            acc |= UInt64(base[i])
            i += 1
        }
        return acc & 0x8080_8080_8080_8080 == 0
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>, yamlBreaks: Bool, lineTable: Bool = true) {
        self.bytes = bytes
        guard lineTable else { return }
        var starts = [0]
        let n = bytes.count
        var i = 0
        while i < n {
            let c = bytes[i]
            if c == 10 {
                starts.append(i + 1)
            } else if c == 13 {
                if i + 1 < n && bytes[i + 1] == 10 { i += 1 }
                starts.append(i + 1)
            } else if yamlBreaks && c == 0xC2 && i + 1 < n && bytes[i + 1] == 0x85 {
                i += 1
                starts.append(i + 1)
            } else if yamlBreaks && c == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) {
                i += 2
                starts.append(i + 1)
            }
            i += 1
        }
        lineStarts = starts
    }

    /// The 1-based line holding byte `offset`.
    func line(ofOffset offset: Int) -> Int {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// The position of byte `offset` (columns count characters, not bytes).
    func position(ofOffset offset: Int) -> SourcePosition {
        let o = min(max(offset, 0), bytes.count)
        let line = line(ofOffset: o)
        var col = 1
        var i = lineStarts[line - 1]
        while i < o {
            if bytes[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        return SourcePosition(line: line, column: col, offset: o)
    }

    /// The byte offset of a 1-based line and a 1-based character column.
    func offset(line: Int, column: Int) -> Int {
        guard line >= 1, line <= lineStarts.count else { return bytes.count }
        var i = lineStarts[line - 1]
        var col = 1
        while col < column && i < bytes.count {
            i += 1
            while i < bytes.count && bytes[i] & 0xC0 == 0x80 { i += 1 }
            col += 1
        }
        return i
    }
}
