import CFNModel

/// The parameter values one deployment of a template gives: from a deployment file (the
/// `template-file-path` + `parameters` file of CloudFormation's git sync) or a parameter file
/// (the `[{"ParameterKey": ..., "ParameterValue": ...}]` list the AWS CLI takes). E2900 checks
/// them against the template's `Parameters`.
public struct ParameterSet: Sendable {
    /// One parameter's value.
    public struct Value: Sendable {
        /// The parameter's name.
        public var name: String
        /// Where the name is written: a deployment file's key, a parameter file's
        /// `ParameterKey` value (where findings on this value are reported).
        public var range: SourceRange
        /// The value as written.
        public var value: Node
    }

    /// The file the values come from (findings on them are reported in it).
    public var file: String
    /// The values, in the file's order; a name given twice keeps its last value.
    public var values: [Value]
    /// Whether the template is also checked with its own values (`Default`, `AllowedValues`):
    /// cfn-lint lints a template given `--parameter-files` with the files' values and without
    /// them, one given by `--deployment-files` only with them.
    public var keepsTemplateValues: Bool

    /// Creates a set.
    public init(file: String, values: [Value], keepsTemplateValues: Bool = false) {
        self.file = file
        self.values = values
        self.keepsTemplateValues = keepsTemplateValues
    }
}

/// A deployment file read: the template it names and the values it deploys it with.
public struct DeploymentFile: Sendable {
    /// `template-file-path` as written (cfn-lint reads it from the working folder).
    public var templatePath: String
    /// Where `template-file-path`'s value is written.
    public var templatePathRange: SourceRange
    /// `parameters`.
    public var parameters: ParameterSet

    /// Reads a deployment file's bytes: the deployment, or the finding that says why it is none
    /// (E0000 when the file is no YAML or JSON, E0100 when it is not a deployment file).
    public static func read(_ bytes: [UInt8], path: String) -> Result<DeploymentFile, ParameterFileError> {
        let root: Node
        do {
            root = try Template.document(bytes: bytes, path: path)
        } catch {
            // An empty file decodes to nothing: no deployment file, rather than no YAML.
            guard error.kind == .notTemplate else { return .failure(ParameterFileError(finding: Linter.finding(for: error))) }
            root = Node(.null)
        }
        func bad(_ why: String, at node: Node? = nil) -> Result<DeploymentFile, ParameterFileError> {
            .failure(ParameterFileError(finding: ParameterFileError.invalid(DeploymentFileConfiguration.self, path, why, at: node)))
        }
        guard let map = root.mapValue else {
            return bad("the top level is \(describe(root)); a deployment file is a mapping with template-file-path", at: root)
        }
        for e in map.entries where !["template-file-path", "parameters", "tags"].contains(e.key) {
            return bad(
                "'\(e.key)' is not a key of a deployment file (template-file-path, parameters, tags)",
                at: Node(.null, range: e.keyRange)
            )
        }
        guard let pathEntry = map[entry: "template-file-path"] else { return bad("template-file-path is missing") }
        guard let templatePath = pathEntry.value.stringValue else {
            return bad("template-file-path is \(describe(pathEntry.value)), not a text", at: pathEntry.value)
        }
        var values: [ParameterSet.Value] = []
        if let parameters = map["parameters"] {
            guard let entries = parameters.mapValue?.entries else {
                return bad("parameters is \(describe(parameters)), not a mapping of names to values", at: parameters)
            }
            for e in entries {
                switch e.value.value {
                case .string, .number, .bool, .list: values.append(ParameterSet.Value(name: e.key, range: e.keyRange, value: e.value))
                default: return bad("parameter '\(e.key)' is \(describe(e.value)); a value is a text, number, boolean or list", at: e.value)
                }
            }
        }
        if let tags = map["tags"] {
            guard let entries = tags.mapValue?.entries else { return bad("tags is \(describe(tags)), not a mapping", at: tags) }
            for e in entries where e.value.stringValue == nil {
                return bad("tag '\(e.key)' is \(describe(e.value)), not a text", at: e.value)
            }
        }
        return .success(
            DeploymentFile(
                templatePath: templatePath,
                templatePathRange: pathEntry.value.range,
                parameters: ParameterSet(file: path, values: ParameterSet.lastOfEach(values))
            )
        )
    }
}

extension ParameterSet {
    /// Reads a parameter file's bytes (JSON or YAML): a list of mappings, each with a
    /// `ParameterKey` and a `ParameterValue`; or the finding that says why it is none (E0000
    /// when the file is no YAML or JSON, E0200 when it is not a parameter file).
    public static func read(parameterFile bytes: [UInt8], path: String) -> Result<ParameterSet, ParameterFileError> {
        let root: Node
        do {
            root = try Template.document(bytes: bytes, path: path)
        } catch {
            guard error.kind == .notTemplate else { return .failure(ParameterFileError(finding: Linter.finding(for: error))) }
            root = Node(.null)
        }
        func bad(_ why: String, at node: Node) -> Result<ParameterSet, ParameterFileError> {
            .failure(ParameterFileError(finding: ParameterFileError.invalid(ParameterFileConfiguration.self, path, why, at: node)))
        }
        guard let items = root.listValue else {
            return bad(
                "the top level is \(describe(root)); a parameter file is a list of {ParameterKey, ParameterValue} mappings",
                at: root
            )
        }
        var values: [Value] = []
        for item in items {
            guard let map = item.mapValue else { return bad("an item is \(describe(item)), not a mapping", at: item) }
            guard let key = map[entry: "ParameterKey"], map[entry: "ParameterValue"] != nil else {
                return bad("an item has no \(map["ParameterKey"] == nil ? "ParameterKey" : "ParameterValue")", at: item)
            }
            guard key.value.isScalar, let name = key.value.scalarText else {
                return bad("a ParameterKey is \(describe(key.value)), not a name", at: key.value)
            }
            values.append(Value(name: name, range: key.value.range, value: map["ParameterValue"]!))
        }
        return .success(ParameterSet(file: path, values: lastOfEach(values), keepsTemplateValues: true))
    }

    /// The values with a name given twice kept once, at its last value (as a mapping reads them).
    static func lastOfEach(_ values: [Value]) -> [Value] {
        var last: [String: Int] = [:]
        for (i, v) in values.enumerated() { last[v.name] = i }
        return values.enumerated().filter { last[$0.element.name] == $0.offset }.map(\.element)
    }
}

/// Why a deployment or parameter file cannot be used: its finding (E0000, E0100 or E0200).
public struct ParameterFileError: Error, Sendable {
    /// The finding to report.
    public var finding: Finding

    /// The finding of an invalid file: at line 1, column 1 as cfn-lint places it, the message
    /// naming the place of the problem.
    static func invalid(_ rule: any Rule.Type, _ path: String, _ why: String, at node: Node?) -> Finding {
        let start = SourcePosition(line: 1, column: 1, offset: 0)
        var message = why
        if let node, node.range.isKnown, node.range.start.line > 1 || node.range.start.column > 1 {
            message += " (line \(node.range.start.line), column \(node.range.start.column))"
        }
        return Finding(
            ruleId: rule.info.id,
            severity: rule.info.severity,
            message: message,
            file: path,
            range: SourceRange(start: start, end: start)
        )
    }
}

/// A value's kind in a message: `a list`, `a mapping`, `a null`, ...
private func describe(_ node: Node) -> String {
    switch node.value {
    case .string: return "a text"
    case .number: return "a number"
    case .bool: return "a boolean"
    case .null: return "empty"
    case .list: return "a list"
    case .map: return "a mapping"
    case .function(let f): return "a \(f.name) call"
    }
}
