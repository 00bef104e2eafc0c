/// The manifest that `cfntool split` writes beside the templates it makes: which file is the
/// parent template and which file holds each nested stack.
///
/// ```json
/// {"parent": "parent.yaml", "stacks": {"Network": {"file": "network.yaml"}, "Api": {"file": "api.yaml"}}}
/// ```
///
/// File names are relative to the manifest's folder. Other keys are allowed and ignored, so the
/// manifest can grow.
public struct SplitManifest: Sendable {
    /// One nested stack.
    public struct Stack: Sendable, Hashable {
        /// The nested stack's logical id in the parent.
        public var name: String
        /// Its template file, as the manifest writes it.
        public var file: String
        /// Where the file name is written in the manifest.
        public var range: SourceRange
        /// The nested stack whose template holds this one's `AWS::CloudFormation::Stack`
        /// resource (the stack entry's `"parent"`), or nil when the parent template does.
        public var parentStack: String? = nil
    }

    /// The manifest's own path (`-` for standard input).
    public var path: String
    /// The parent template's file, as the manifest writes it.
    public var parent: String
    /// The nested stacks, in manifest order.
    public var stacks: [Stack]

    /// Whether a decoded document is a split manifest rather than a template: a mapping with
    /// `parent` and `stacks` and no `Resources`.
    public static func isManifest(_ document: Template) -> Bool {
        document.root["parent"] != nil && document.root["stacks"] != nil && document.root["Resources"] == nil
    }

    /// Reads a manifest from a decoded document (`Template(contentsOf:)` reads JSON and YAML).
    ///
    /// - Throws: `CFNError` (kind `.structure`) pointing at the first entry that is not as described.
    public init(_ document: Template) throws(CFNError) {
        path = document.path
        guard let p = document.root[entry: "parent"] else {
            throw CFNError(
                file: path,
                position: document.range.start,
                message: "a split manifest needs a \"parent\" file name",
                kind: .structure
            )
        }
        guard let parentFile = p.value.stringValue, !parentFile.isEmpty else {
            throw CFNError(file: path, position: p.value.range.start, message: "\"parent\" must be a file name", kind: .structure)
        }
        parent = parentFile
        guard let s = document.root[entry: "stacks"] else {
            throw CFNError(file: path, position: document.range.start, message: "a split manifest needs \"stacks\"", kind: .structure)
        }
        guard let entries = s.value.mapValue?.entries else {
            throw CFNError(
                file: path,
                position: s.value.range.start,
                message: "\"stacks\" must map each nested stack's name to {\"file\": ...}",
                kind: .structure
            )
        }
        stacks = []
        for e in entries {
            guard let f = e.value[entry: "file"], let file = f.value.stringValue, !file.isEmpty else {
                throw CFNError(
                    file: path,
                    position: e.value.range.start,
                    message: "stack '\(e.key)' needs a \"file\" naming its template",
                    kind: .structure
                )
            }
            stacks.append(Stack(name: e.key, file: file, range: f.value.range, parentStack: e.value["parent"]?.stringValue))
        }
    }

    /// Every template of the hierarchy, the parent first, as paths to open: relative to the
    /// manifest's folder (the current folder for standard input), absolute paths as they are.
    public var templatePaths: [String] {
        ([parent] + stacks.map(\.file)).map(resolve)
    }

    /// A file name from the manifest as a path to open.
    public func resolve(_ file: String) -> String {
        if file.hasPrefix("/") || path == "-" { return file }
        guard let slash = path.lastIndex(of: "/") else { return file }
        return String(path[...slash]) + file
    }
}

extension Node {
    /// The whole entry under `key` when this node is a mapping.
    fileprivate subscript(entry key: String) -> Map.Entry? { mapValue?[entry: key] }
}
