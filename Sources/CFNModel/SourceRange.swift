/// A point in a source file: 1-based line and column (in characters), 0-based byte offset.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode scalars as editors and cfn-lint count them.
    public var column: Int
    /// 0-based byte offset into the file.
    public var offset: Int

    /// Creates a position.
    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
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
