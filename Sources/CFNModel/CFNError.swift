/// A template that cannot be read: where and why.
///
/// Decoding never crashes and never guesses: every problem with the input comes back as a
/// `CFNError` with the file, a 1-based position and a message a person can act on.
public struct CFNError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public enum Kind: String, Sendable, Hashable {
        /// The file could not be read at all (missing, a directory, no permission, too big).
        case io
        /// The bytes are not valid YAML or JSON.
        case syntax
        /// The text parses but is not a template this tool can take (duplicate keys, unknown tags...).
        case structure
        /// A safety limit was hit (nesting depth, alias expansion, size).
        case limit
        /// The file is YAML or JSON but no CloudFormation template (a docker-compose file, a
        /// `package.json`, a split manifest, an empty file, a list): see `Template.notTemplateReason`.
        case notTemplate
    }

    /// The file's path as given, or `-` for standard input.
    public var file: String
    /// Where the problem is.
    public var position: SourcePosition
    /// A plain sentence saying what is wrong.
    public var message: String
    /// The class of the problem.
    public var kind: Kind

    /// Creates an error.
    public init(file: String, position: SourcePosition, message: String, kind: Kind = .syntax) {
        self.file = file
        self.position = position
        self.message = message
        self.kind = kind
    }

    /// `file:line:col: message`.
    public var description: String {
        "\(file):\(max(position.line, 1)):\(max(position.column, 1)): \(message)"
    }
}
