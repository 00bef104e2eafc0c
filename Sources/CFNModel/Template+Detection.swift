/// Telling a CloudFormation template from the other YAML and JSON files beside it (a
/// docker-compose file, `package.json`, a workflow, a split manifest), by the keys at its top
/// level, never by searching its text.
///
/// A document is a template when its top level is a mapping with at least one of:
/// - a `Resources` key (whatever its value: a broken section is still a template to report on);
/// - an `AWSTemplateFormatVersion` key;
/// - a `Transform` that names `AWS::Serverless-2016-10-31` (SAM), alone or in a list.
///
/// Keys are case-sensitive, as CloudFormation reads them: a Serverless Framework
/// `serverless.yml` (`resources:`) or a split manifest (`"maxResources"`, `"resources"`) has
/// none of them. A mapping of only `Parameters`, `Outputs` or `Description` is no template:
/// CloudFormation refuses a template without `Resources`, and such files are more often a
/// CodePipeline template configuration (`{"Parameters": {...}}`) than a template. An empty file
/// and a top level that is a list or a single value are no template either.
extension Template {
    /// The name of the SAM transform.
    public static let serverlessTransform = "AWS::Serverless-2016-10-31"

    /// Why this document is not a CloudFormation template (see the rule above), or nil when it is one.
    public var notTemplateReason: String? {
        if root["Resources"] != nil || root["AWSTemplateFormatVersion"] != nil { return nil }
        if transforms.contains(Template.serverlessTransform) { return nil }
        if SplitManifest.isManifest(self) {
            return "it is a split manifest (cfntool count takes it; cfntool lint reads it beside the templates it lists)"
        }
        var reason = "no Resources, AWSTemplateFormatVersion or Transform: \(Template.serverlessTransform) at the top level"
        let keys = root.entries.map(\.key)
        if !keys.isEmpty {
            let shown = keys.prefix(4).joined(separator: ", ")
            reason += " (it has \(shown)\(keys.count > 4 ? ", ..." : ""))"
        }
        return reason
    }

    /// Whether this document is a CloudFormation template: `notTemplateReason` is nil.
    public var isTemplate: Bool { notTemplateReason == nil }

    /// Decodes bytes that must hold a CloudFormation template: what every command reads its
    /// input with, so that all of them agree on what a template is.
    ///
    /// - Throws: `CFNError` of kind `.notTemplate` ("not a CloudFormation template: ...", at the
    ///   top level's position) for a document that decodes but is no template, an empty file and
    ///   a top level that is not a mapping; the decoding errors of `init(bytes:path:options:)`
    ///   otherwise.
    public init(templateBytes bytes: [UInt8], path: String = "<memory>", options: DecodeOptions = DecodeOptions()) throws(CFNError) {
        do {
            try self.init(bytes: bytes, path: path, options: options)
        } catch {
            guard error.kind == .notTemplate else { throw error }
            throw CFNError(
                file: path,
                position: error.position,
                message: "not a CloudFormation template: " + error.message,
                kind: .notTemplate
            )
        }
        if let reason = notTemplateReason {
            let start = range.isKnown ? range.start : SourcePosition(line: 1, column: 1, offset: 0)
            throw CFNError(file: path, position: start, message: "not a CloudFormation template: " + reason, kind: .notTemplate)
        }
    }

    /// Reads a file (`-` for standard input) that must hold a CloudFormation template, once.
    ///
    /// - Returns: the template and the bytes it was read from (for sizes, comments and inline
    ///   lint directives).
    /// - Throws: `CFNError`: `.io` or `.limit` when the file cannot be read, `.notTemplate` when
    ///   it is no template, the decoding errors otherwise.
    public static func read(
        _ path: String,
        options: DecodeOptions = DecodeOptions()
    ) throws(CFNError) -> (template: Template, bytes: [UInt8]) {
        let bytes = try SourceFile.read(path, maxBytes: options.maxBytes)
        return (try Template(templateBytes: bytes, path: path, options: options), bytes)
    }
}
