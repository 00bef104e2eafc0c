/// A CloudFormation template: the decoded tree, the format it came in, and typed views on it.
///
/// The tree (`root`) holds everything that was read, known or not; the views (`resources`,
/// `parameters`, ...) read from it and never drop anything.
public struct Template: Sendable {
    /// The serialization a template was read from or is written in.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// YAML (with short-form tags).
        case yaml
        /// JSON.
        case json
    }

    /// The top-level mapping.
    public var root: Map
    /// Where the top-level mapping was read from.
    public var range: SourceRange
    /// The format the template was read from.
    public var format: Format
    /// The path it was read from (`-` for standard input).
    public var path: String
    /// Comments recovered from a YAML source (with `DecodeOptions.keepComments`).
    public var comments: Comments
    /// Where the mappings that used a YAML merge key (`<<: *anchor`) start. The tree holds them
    /// merged; CloudFormation itself does not take merge keys (only `aws cloudformation package`
    /// expands them), so the linter reports them.
    public var mergedMappings: [SourcePosition] = []

    /// Creates a template from a top-level mapping.
    public init(
        root: Map,
        format: Format = .yaml,
        path: String = "<memory>",
        range: SourceRange = .unknown,
        comments: Comments = Comments()
    ) {
        self.root = root
        self.format = format
        self.path = path
        self.range = range
        self.comments = comments
    }

    /// The template as one node.
    public var rootNode: Node { Node(.map(root), range: range) }

    /// A top-level section (`Resources`, `Parameters`, ...), as written.
    public subscript(section: Section) -> Node? { root[section.rawValue] }
}

/// The top-level sections of a template, in canonical order.
public enum Section: String, Sendable, CaseIterable {
    /// `AWSTemplateFormatVersion`.
    case formatVersion = "AWSTemplateFormatVersion"
    /// `Description`.
    case description = "Description"
    /// `Metadata`.
    case metadata = "Metadata"
    /// `Parameters`.
    case parameters = "Parameters"
    /// `Rules`.
    case rules = "Rules"
    /// `Mappings`.
    case mappings = "Mappings"
    /// `Conditions`.
    case conditions = "Conditions"
    /// `Transform`.
    case transform = "Transform"
    /// `Resources`.
    case resources = "Resources"
    /// `Outputs`.
    case outputs = "Outputs"
}
