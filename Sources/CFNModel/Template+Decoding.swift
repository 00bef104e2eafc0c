extension Template {
    /// Reads and decodes a template file (`-` for standard input).
    public init(contentsOf path: String, options: DecodeOptions = DecodeOptions()) throws(CFNError) {
        let bytes = try SourceFile.read(path, maxBytes: options.maxBytes)
        try self.init(bytes: bytes, path: path, options: options)
    }

    /// Decodes a template from text.
    public init(text: String, path: String = "<memory>", options: DecodeOptions = DecodeOptions()) throws(CFNError) {
        try self.init(bytes: Array(text.utf8), path: path, options: options)
    }

    /// Decodes a template from bytes. JSON is recognised by its first character (`{`); anything
    /// else is YAML. A JSON-looking file that only YAML can read (a trailing comma, say) is still
    /// read, as CloudFormation and cfn-lint read it, and keeps the JSON format for output.
    public init(bytes: [UInt8], path: String = "<memory>", options: DecodeOptions = DecodeOptions()) throws(CFNError) {
        let d = try Template.decodeDocument(bytes, path: path, options: options)
        var template = try Template.make(d.node, format: d.format, path: path, comments: d.comments)
        template.mergedMappings = d.mergedMappings
        self = template
    }

    /// Decodes any YAML or JSON document to its top-level node, whatever it is (a list, a single
    /// value): for the files read beside templates, such as deployment and parameter files.
    /// The errors are those of `init(bytes:path:options:)`, but for the top level's shape.
    public static func document(
        bytes: [UInt8],
        path: String = "<memory>",
        options: DecodeOptions = DecodeOptions()
    ) throws(CFNError) -> Node {
        try decodeDocument(bytes, path: path, options: options).node
    }

    private static func decodeDocument(
        _ bytes: [UInt8],
        path: String,
        options: DecodeOptions
    ) throws(CFNError) -> (node: Node, format: Format, comments: Comments, mergedMappings: [SourcePosition]) {
        if bytes.count > options.maxBytes {
            throw CFNError(
                file: path,
                position: SourcePosition(line: 1, column: 1, offset: 0),
                message: "the input is \(bytes.count) bytes, over the \(options.maxBytes)-byte limit",
                kind: .limit
            )
        }
        var result: Result<(Node, Format, Comments, [SourcePosition]), CFNError> = .failure(
            CFNError(file: path, position: .unknown, message: "")
        )
        bytes.withUnsafeBufferPointer { all in
            var body = all
            if body.count >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF {
                body = UnsafeBufferPointer(rebasing: body[3...])
            }
            result = Result { () throws(CFNError) -> (Node, Format, Comments, [SourcePosition]) in
                try Template.decode(body, path: path, options: options)
            }
        }
        let (node, format, comments, merged) = try result.get()
        return (node, format, comments, merged)
    }

    private static func looksLikeJSON(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in b {
            switch c {
            case 32, 9, 10, 13: continue
            case UInt8(ascii: "{"): return true
            default: return false
            }
        }
        return false
    }

    private static func decode(
        _ body: UnsafeBufferPointer<UInt8>,
        path: String,
        options: DecodeOptions
    ) throws(CFNError) -> (Node, Format, Comments, [SourcePosition]) {
        if looksLikeJSON(body) {
            var reader = JSONReader(bytes: body, path: path, options: options)
            do {
                return (try reader.decode(), .json, Comments(), [])
            } catch let jsonError {
                if jsonError.kind == .limit || jsonError.kind == .structure || jsonError.kind == .notTemplate { throw jsonError }
                // What JSON rejects, YAML's flow syntax may still read.
                var yaml = YAMLDecoder(
                    bytes: body,
                    path: path,
                    options: DecodeOptions(
                        keepComments: false,
                        maxDepth: options.maxDepth,
                        maxAliasNodes: options.maxAliasNodes,
                        maxBytes: options.maxBytes
                    )
                )
                guard let node = try? yaml.decode() else { throw jsonError }
                return (node, .json, Comments(), [])
            }
        }
        var yaml = YAMLDecoder(bytes: body, path: path, options: options)
        let node = try yaml.decode()
        var comments = Comments()
        if options.keepComments {
            comments = Comments.extract(from: yaml.text, scalarSpans: yaml.scalarSpans, anchors: yaml.anchors)
        }
        return (node, .yaml, comments, yaml.mergedMappings)
    }

    private static func make(_ node: Node, format: Format, path: String, comments: Comments) throws(CFNError) -> Template {
        switch node.value {
        case .map(let m):
            return Template(root: m, format: format, path: path, range: node.range, comments: comments)
        case .null where !node.range.isKnown || node.spelling == "":
            throw CFNError(
                file: path,
                position: SourcePosition(line: 1, column: 1, offset: 0),
                message: "the file is empty; a template is a mapping with a Resources section",
                kind: .notTemplate
            )
        default:
            let found: String
            switch node.value {
            case .list: found = "a list"
            case .function(let f): found = "a \(f.name) call"
            case .null: found = "a null"
            default: found = "a single value"
            }
            throw CFNError(
                file: path,
                position: node.range.start,
                message: "the top level is \(found); a template is a mapping of sections",
                kind: .notTemplate
            )
        }
    }
}
