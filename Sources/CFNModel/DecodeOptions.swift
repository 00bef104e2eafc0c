/// Settings and safety limits for decoding a template.
public struct DecodeOptions: Sendable {
    /// Recover comments from the source text (needed by `fmt`; lint and the other readers skip it).
    public var keepComments: Bool
    /// Deepest nesting of lists and maps accepted; deeper input is an error, not a stack overflow.
    public var maxDepth: Int
    /// Most nodes that YAML aliases may copy in total (guards against "billion laughs").
    public var maxAliasNodes: Int
    /// Largest input accepted, in bytes. CloudFormation itself takes 1 MB; compiled templates
    /// waiting to be split can be bigger.
    public var maxBytes: Int

    /// Creates options; the defaults are the documented limits.
    public init(keepComments: Bool = false, maxDepth: Int = 512, maxAliasNodes: Int = 1_000_000, maxBytes: Int = 32 << 20) {
        self.keepComments = keepComments
        self.maxDepth = maxDepth
        self.maxAliasNodes = maxAliasNodes
        self.maxBytes = maxBytes
    }
}
