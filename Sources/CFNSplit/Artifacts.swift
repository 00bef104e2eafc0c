import CFNModel

/// The local artifact paths of a template: what `aws cloudformation package` uploads, relative
/// to the template's own folder.
enum Artifacts {
    /// Resource type -> the properties (a dotted path) that may name a local file or folder.
    static let properties: [String: [[String]]] = [
        "AWS::Lambda::Function": [["Code"]],
        "AWS::Lambda::LayerVersion": [["Content"]],
        "AWS::ApiGateway::RestApi": [["BodyS3Location"]],
        "AWS::StepFunctions::StateMachine": [["DefinitionS3Location"]],
        "AWS::AppSync::GraphQLSchema": [["DefinitionS3Location"]],
        "AWS::AppSync::Resolver": [["RequestMappingTemplateS3Location"], ["ResponseMappingTemplateS3Location"]],
        "AWS::AppSync::FunctionConfiguration": [["RequestMappingTemplateS3Location"], ["ResponseMappingTemplateS3Location"]],
        "AWS::ElasticBeanstalk::ApplicationVersion": [["SourceBundle"]],
        "AWS::CloudFormation::Stack": [["TemplateURL"]],
        "AWS::Glue::Job": [["Command", "ScriptLocation"]],
        "AWS::CodeCommit::Repository": [["Code", "S3"]],
        "AWS::ServerlessRepo::Application": [["ReadmeUrl"], ["LicenseUrl"]],
        "AWS::Serverless::Function": [["CodeUri"]],
        "AWS::Serverless::Api": [["DefinitionUri"]],
        "AWS::Serverless::LayerVersion": [["ContentUri"]],
        "AWS::Serverless::StateMachine": [["DefinitionUri"]],
        "AWS::Serverless::Application": [["Location"]],
    ]

    /// Whether a value is a relative local path: a string that is no URL, no dynamic reference
    /// and not absolute.
    static func isRelativePath(_ s: String) -> Bool {
        !s.isEmpty && !s.hasPrefix("/") && !s.containsBytes("://") && !s.hasPrefix("{{resolve:")
    }

    /// `template` with every relative local artifact path prefixed with `base`.
    static func rebased(_ template: Template, onto base: String) -> Template {
        guard var resources = template.root["Resources"]?.mapValue else { return template }
        var changed = false
        for entry in resources.entries {
            guard let type = entry.value["Type"]?.stringValue, let paths = properties[type],
                var properties = entry.value["Properties"]
            else { continue }
            var touched = false
            for path in paths {
                guard let value = properties[path: path], let s = value.stringValue, isRelativePath(s) else { continue }
                var new = value
                new.value = .string(joined(base, s))
                properties = properties.setting(path, to: new)
                touched = true
            }
            guard touched, var resource = entry.value.mapValue else { continue }
            resource["Properties"] = properties
            resources[entry.key] = Node(.map(resource), range: entry.value.range)
            changed = true
        }
        guard changed else { return template }
        var out = template
        out.root["Resources"] = Node(.map(resources), range: template.root["Resources"]?.range ?? .unknown)
        return out
    }

    /// `base/path`, with `.` steps dropped and `dir/..` pairs folded (`../app` + `./src/` ->
    /// `../app/src/`, `..` + `.` -> `..`).
    static func joined(_ base: String, _ path: String) -> String {
        var parts: [Substring] = []
        for p in (base + "/" + path).split(separator: "/", omittingEmptySubsequences: true) {
            if p == "." { continue }
            if p == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(p)
            }
        }
        let root = base.hasPrefix("/") ? "/" : ""
        let joined = parts.isEmpty ? (root.isEmpty ? "." : root) : root + parts.joined(separator: "/")
        return path.hasSuffix("/") && joined != "." && joined != "/" ? joined + "/" : joined
    }
}

extension Template {
    /// This template with each relative local artifact path (a function's `Code: src/`, a
    /// layer's `Content`, a nested stack's `TemplateURL`, a SAM `CodeUri`: what `aws
    /// cloudformation package` uploads, relative to the template's folder) prefixed with `base`
    /// (`..`, or an absolute folder), so that it names the same file from another folder.
    /// URLs, S3 locations and absolute paths stay as they are.
    ///
    /// ```swift
    /// let moved = template.rebasingArtifacts(onto: "..")   // Code: src/ -> Code: ../src/
    /// ```
    public func rebasingArtifacts(onto base: String) -> Template {
        base.isEmpty || base == "." ? self : Artifacts.rebased(self, onto: base)
    }
}

extension Node {
    /// The value at a path of mapping keys.
    fileprivate subscript(path path: [String]) -> Node? {
        var node: Node? = self
        for k in path { node = node?[k] }
        return node
    }

    /// This mapping with the value at a path of mapping keys replaced.
    fileprivate func setting(_ path: [String], to value: Node) -> Node {
        guard let first = path.first, var m = mapValue else { return self }
        let child = path.count == 1 ? value : (m[first] ?? Node(.map(Map()))).setting(Array(path.dropFirst()), to: value)
        m[first] = child
        var out = self
        out.value = .map(m)
        return out
    }
}
