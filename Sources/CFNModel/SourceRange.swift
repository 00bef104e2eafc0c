/// A point in a source file: 1-based line and column (in characters), 0-based byte offset.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    // 32 bits each: inputs are bounded far below 4 GB, and every node carries two positions.
    private var storedLine: UInt32
    private var storedColumn: UInt32
    private var storedOffset: UInt32

    /// 1-based line number.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }
    /// 1-based column, counted in Unicode scalars as editors and cfn-lint count them.
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }
    /// 0-based byte offset into the file.
    public var offset: Int {
        get { Int(storedOffset) }
        set { storedOffset = UInt32(clamping: newValue) }
    }

    /// Creates a position.
    public init(line: Int, column: Int, offset: Int) {
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
        storedOffset = UInt32(clamping: offset)
    }

    /// The position of a node that was not read from a file.
    public static let unknown = SourcePosition(line: 0, column: 0, offset: 0)

    /// `line:column`.
    public var description: String { "\(line):\(column)" }

    /// Orders positions by byte offset.
    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool { lhs.offset < rhs.offset }
}

/// The half-open span of source text a node was read from.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    /// Where the node starts.
    public var start: SourcePosition
    /// Just past where the node ends.
    public var end: SourcePosition

    /// Creates a range.
    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// The range of a node built in memory rather than read from a file.
    public static let unknown = SourceRange(start: .unknown, end: .unknown)

    /// Whether the range points into a real file.
    public var isKnown: Bool { start.line > 0 }

    /// `line:column-line:column`.
    public var description: String { "\(start)-\(end)" }
}
