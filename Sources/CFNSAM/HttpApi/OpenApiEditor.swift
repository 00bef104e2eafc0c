import CFNModel

/// The OpenAPI 3 document of an HTTP API, as SAM reads and extends it: routes with their Lambda
/// integrations, authorizers, security, tags, CORS and the endpoint configuration.
///
/// SAM builds the document a piece at a time (an empty skeleton, then a route per event), so the
/// editor works on partial documents. A path item or a method may be an `Fn::If` (SAM makes
/// them so for functions with a `Condition`): every change applies to each branch but
/// `AWS::NoValue`. A document that is not what an edit needs is an error about the template's
/// structure, as aws-sam-translator reports it.
struct OpenApiEditor {
    static let integrationKey = "x-amazon-apigateway-integration"
    static let anyMethod = "x-amazon-apigateway-any-method"
    static let defaultPath = "$default"
    static let corsKey = "x-amazon-apigateway-cors"
    static let authorizerKey = "x-amazon-apigateway-authorizer"
    static let endpointConfigurationKey = "x-amazon-apigateway-endpoint-configuration"
    static let tagValueKey = "x-amazon-apigateway-tag-value"
    /// The title SAM's skeleton has, which `Name` may replace.
    static let defaultTitle = Node.ref("AWS::StackName")

    /// The document (its `paths` kept apart while editing).
    private var doc: Map
    /// The document's paths.
    var paths: Map
    private let range: SourceRange

    /// The editor of `body`, which must be an OpenAPI 3 document (`openapi: 3.x` and `paths`).
    init(_ body: Node?) throws(SAMError) {
        guard let body, OpenApiEditor.isValid(body), let map = body.mapValue else {
            throw OpenApiEditor.structureError(
                "Invalid OpenApi document. Invalid values or missing keys for 'openapi' or 'paths' in 'DefinitionBody'."
            )
        }
        doc = map
        paths = map["paths"]?.mapValue ?? Map()
        range = body.range
        for path in ["components.securitySchemes", "definitions", "tags", "info"] {
            do {
                _ = try OpenApiEditor.deepGet(body, path)
            } catch {
                throw OpenApiEditor.structureError("Invalid OpenApi document: \(error.message)")
            }
        }
    }

    /// The document as edited.
    var document: Node {
        var out = doc
        out["paths"] = Node(.map(paths), range: doc["paths"]?.range ?? range)
        return Node(.map(out), range: range)
    }

    // MARK: Facts about documents

    /// Whether `body` is an OpenAPI 3 document SAM can edit: a mapping with `paths` a mapping and
    /// `openapi` a 3.x version.
    static func isValid(_ body: Node?) -> Bool {
        guard let map = body?.mapValue, !map.isEmpty, map["paths"]?.mapValue != nil, let version = map["openapi"],
            version.isTruthy
        else { return false }
        return OpenApi.isVersion3(pythonText(version))
    }

    /// The SAM skeleton: `openapi: 3.0.1`, a version and the stack name as title, no paths.
    static var skeleton: Node {
        .map([
            ("openapi", "3.0.1"), ("info", .map([("version", "1.0"), ("title", defaultTitle)])), ("paths", Node(.map(Map()))),
        ])
    }

    /// `any` is API Gateway's `x-amazon-apigateway-any-method`; other methods in lower case.
    static func normalize(_ method: String) -> String {
        let lower = method.lowercased()
        return lower == "any" ? anyMethod : lower
    }

    /// "Structure of the SAM template is invalid. ...": a document SAM cannot edit.
    static func structureError(_ message: String) -> SAMError {
        SAMError("Structure of the SAM template is invalid. " + message)
    }

    /// The value at a dotted path of mappings (nil where one is missing or null); a step
    /// through something that is not a mapping is an error naming how far it got.
    static func deepGet(_ node: Node, _ path: String) throws(SAMError) -> Node? {
        var current: Node? = node
        var walked = ""
        for part in path.split(separator: ".") {
            guard let c = current, !c.isNull else { return nil }
            guard isDict(c) else {
                throw SAMError(walked.isEmpty ? "It should be a map" : "The value of '\(walked)' should be a map")
            }
            current = c.mapValue?[String(part)]
            walked = walked.isEmpty ? String(part) : walked + "." + part
        }
        if let c = current, c.isNull { return nil }
        return current
    }

    /// What Python sees as a dictionary: a mapping, or an intrinsic function (a one-key mapping).
    static func isDict(_ node: Node?) -> Bool {
        guard let node else { return false }
        return node.mapValue != nil || node.isIntrinsic
    }

    /// A node's values: the branches of an `Fn::If` but `AWS::NoValue`, or the node itself.
    static func contents(_ node: Node?) throws(SAMError) -> [Node?] {
        guard let f = node?.functionValue, f.name == .if else { return [node] }
        guard let items = f.argument.listValue else { throw structureError("Value of Fn::If must be a list.") }
        return items.dropFirst().filter { !$0.isNoValue }
    }

    /// Applies `change` to each value of `node` (see `contents`).
    static func updateContents(_ node: inout Node, _ change: (inout Node) throws(SAMError) -> Void) throws(SAMError) {
        guard var f = node.functionValue, f.name == .if else {
            try change(&node)
            return
        }
        guard var items = f.argument.listValue else { throw structureError("Value of Fn::If must be a list.") }
        for i in items.indices.dropFirst() where !items[i].isNoValue { try change(&items[i]) }
        f.argument.value = .list(items)
        node.value = .function(f)
    }

    /// `{"Fn::If": [condition, value, {"Ref": "AWS::NoValue"}]}`.
    static func conditional(_ condition: String, _ value: Node) -> Node { .if(condition, value, .noValue) }

    private static func requirePathItem(_ item: Node?, _ path: String) throws(SAMError) {
        guard isDict(item) else {
            throw structureError("Value of '\(path)' path must be a dictionary according to Swagger spec.")
        }
    }

    private static func requireMethod(_ definition: Node?, _ path: String, _ method: String) throws(SAMError) {
        guard isDict(definition) else {
            throw structureError("Definition of method '\(method)' for path '\(path)' should be a map.")
        }
    }

    private static func hasIntegration(_ definition: Node?) -> Bool {
        definition?.mapValue?[integrationKey]?.isTruthy ?? false
    }

    // MARK: Reading

    /// The paths, in order.
    var pathNames: [String] { paths.keys }

    /// Whether the document has `path` (and `method` in each of its branches).
    func hasPath(_ path: String, _ method: String? = nil) throws(SAMError) -> Bool {
        guard let item = paths[path] else { return false }
        guard let method else { return true }
        let m = OpenApiEditor.normalize(method)
        for content in try OpenApiEditor.contents(item) {
            guard let map = content?.mapValue, map[entry: m] != nil else { return false }
        }
        return true
    }

    /// Whether every branch of `path` has an integration at `method`.
    func hasIntegration(_ path: String, _ method: String) throws(SAMError) -> Bool {
        let m = OpenApiEditor.normalize(method)
        guard try hasPath(path, m) else { return false }
        for item in try OpenApiEditor.contents(paths[path]) {
            try OpenApiEditor.requirePathItem(item, path)
            let definition = item?.mapValue?[m]
            guard OpenApiEditor.isDict(definition) else { return false }
            var any = false
            for d in try OpenApiEditor.contents(definition) {
                try OpenApiEditor.requireMethod(d, path, m)
                if OpenApiEditor.hasIntegration(d) { any = true }
            }
            if !any { return false }
        }
        return true
    }

    /// Whether the integration at `path` and `method` invokes the function `logicalId`
    /// (`${logicalId.Arn}` in its URI), in every branch.
    func integrationInvokes(_ path: String, _ method: String, _ logicalId: String) throws(SAMError) -> Bool {
        guard try hasIntegration(path, method) else { return false }
        let m = OpenApiEditor.normalize(method)
        for item in try OpenApiEditor.contents(paths[path]) {
            try OpenApiEditor.requirePathItem(item, path)
            for d in try OpenApiEditor.contents(item?.mapValue?[m]) {
                try OpenApiEditor.requireMethod(d, path, method)
                let integration = d?.mapValue?[OpenApiEditor.integrationKey] ?? Node(.map(Map()))
                guard OpenApiEditor.isDict(integration) else {
                    throw OpenApiEditor.structureError(
                        "Value of '\(OpenApiEditor.integrationKey)' must be a dictionary according to Swagger spec."
                    )
                }
                guard let uri = integration.mapValue?["uri"], OpenApiEditor.isDict(uri) else { return false }
                for content in try OpenApiEditor.contents(uri) {
                    var arn = ""
                    if let f = content?.functionValue, f.name == .sub, let s = f.argument.stringValue { arn = s }
                    guard let first = OpenApiEditor.firstArnReference(arn), first == logicalId else { return false }
                }
            }
        }
        return true
    }

    /// The first `Name` of a `Name.Arn` (letters and digits) in a `Fn::Sub` string.
    static func firstArnReference(_ text: String) -> String? {
        let chars = Array(text.unicodeScalars)
        let marker = Array(".Arn".unicodeScalars)
        var i = 0
        while i + marker.count <= chars.count {
            if Array(chars[i..<i + marker.count]) == marker {
                var start = i
                while start > 0, isAlphanumeric(chars[start - 1]) { start -= 1 }
                if start < i { return String(String.UnicodeScalarView(chars[start..<i])) }
            }
            i += 1
        }
        return nil
    }

    static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9")
    }

    // MARK: Routes and integrations

    /// Adds `path` (and `method` in each branch of it), unless there.
    mutating func addPath(_ path: String, _ method: String) throws(SAMError) {
        let m = OpenApiEditor.normalize(method)
        var item = paths[path] ?? Node(.map(Map()))
        guard OpenApiEditor.isDict(item) else {
            throw OpenApiEditor.structureError("Value of '\(path)' path must be a dictionary according to Swagger spec.")
        }
        try OpenApiEditor.updateContents(&item) { (content: inout Node) throws(SAMError) in
            guard var map = content.mapValue else {
                throw OpenApiEditor.structureError("Value of '\(path)' path must be a dictionary according to Swagger spec.")
            }
            if map[entry: m] == nil { map[m] = Node(.map(Map())) }
            content.value = .map(map)
        }
        paths[path] = item
    }

    /// Adds a Lambda proxy integration (`uri`) at `path` and `method`, unless one is there; under
    /// `condition` the method is made conditional.
    mutating func addLambdaIntegration(_ path: String, _ method: String, uri: Node, condition: String?) throws(SAMError) {
        let m = OpenApiEditor.normalize(method)
        if try hasIntegration(path, m) { return }
        try addPath(path, m)
        let target = condition.map { OpenApiEditor.conditional($0, uri) } ?? uri
        var item = paths[path]!
        try OpenApiEditor.updateContents(&item) { (content: inout Node) throws(SAMError) in
            guard var map = content.mapValue else {
                throw OpenApiEditor.structureError("Value of '\(path)' path must be a dictionary according to Swagger spec.")
            }
            var definition = map[m].flatMap { $0.isNull ? nil : $0 } ?? Node(.map(Map()))
            guard var d = definition.mapValue else {
                throw OpenApiEditor.structureError("Definition of method '\(m)' for path '\(path)' should be a map.")
            }
            d[OpenApiEditor.integrationKey] = .map([
                ("type", "aws_proxy"), ("httpMethod", "POST"), ("payloadFormatVersion", "2.0"), ("uri", target),
            ])
            if path == OpenApiEditor.defaultPath && m == OpenApiEditor.anyMethod { d["isDefaultRoute"] = true }
            if d[entry: "responses"] == nil { d["responses"] = Node(.map(Map())) }
            definition.value = .map(d)
            map[m] = condition.map { OpenApiEditor.conditional($0, definition) } ?? definition
            content.value = .map(map)
        }
        paths[path] = item
    }

    /// Applies `change` to each definition of `method` at `path` (each branch of either) that has
    /// an integration.
    mutating func updateMethods(
        _ path: String,
        _ method: String,
        _ change: (inout Map) throws(SAMError) -> Void
    ) throws(SAMError) {
        let m = OpenApiEditor.normalize(method)
        var item = paths[path] ?? Node(.null)
        try OpenApiEditor.updateContents(&item) { (content: inout Node) throws(SAMError) in
            try OpenApiEditor.requirePathItem(content, path)
            guard var map = content.mapValue else { return }
            var definition = map[m] ?? Node(.null)
            try OpenApiEditor.updateContents(&definition) { (d: inout Node) throws(SAMError) in
                try OpenApiEditor.requireMethod(d, path, method)
                guard var dm = d.mapValue, OpenApiEditor.hasIntegration(d) else { return }
                try change(&dm)
                d.value = .map(dm)
            }
            if map[entry: m] != nil { map[m] = definition }
            content.value = .map(map)
        }
        if paths[entry: path] != nil { paths[path] = item }
    }

    /// Changes a value of the integration of each definition of `method` at `path`.
    mutating func setIntegration(_ path: String, _ method: String, _ key: String, _ value: Node) throws(SAMError) {
        try updateMethods(path, method) { (d: inout Map) throws(SAMError) in
            guard var integration = d[OpenApiEditor.integrationKey]?.mapValue else {
                throw OpenApiEditor.structureError(
                    "Value of '\(OpenApiEditor.integrationKey)' must be a dictionary according to Swagger spec."
                )
            }
            integration[key] = value
            d[OpenApiEditor.integrationKey] = Node(.map(integration), range: d[OpenApiEditor.integrationKey]!.range)
        }
    }

    /// Declares each `{name}` of the path as a required path parameter of the method.
    mutating func addPathParameters(_ path: String, _ method: String, _ names: [String]) throws(SAMError) {
        try updateMethods(path, method) { (d: inout Map) throws(SAMError) in
            var parameters = d["parameters"]?.listValue ?? []
            for name in names {
                if let i = parameters.firstIndex(where: { $0.mapValue?["name"]?.stringValue == name }), var p = parameters[i].mapValue {
                    p["in"] = "path"
                    p["required"] = true
                    parameters[i].value = .map(p)
                } else {
                    parameters.append(.map([("name", .string(name)), ("in", "path"), ("required", true)]))
                }
            }
            d["parameters"] = Node(.list(parameters), range: d["parameters"]?.range ?? .unknown)
        }
    }

    /// The `{name}`s of a path (`/users/{id}` has `id`).
    static func pathParameters(_ path: String) -> [String] {
        var out: [String] = []
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            out.append(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return out
    }

    /// Wraps the whole path in `Fn::If` on `condition`.
    mutating func makePathConditional(_ path: String, _ condition: String) {
        guard let item = paths[path] else { return }
        paths[path] = OpenApiEditor.conditional(condition, item)
    }

    // MARK: Authorizers and security

    /// Declares the authorizers as security schemes (`components.securitySchemes`).
    mutating func addSecuritySchemes(_ schemes: [(String, Node)]) throws(SAMError) {
        var components = doc["components"].flatMap { $0.isNull ? nil : $0 }?.mapValue ?? Map()
        var existing = components["securitySchemes"].flatMap { $0.isNull ? nil : $0 }?.mapValue ?? Map()
        for (name, scheme) in schemes { existing[name] = scheme }
        if existing.isEmpty { return }
        components["securitySchemes"] = Node(.map(existing), range: doc["components"]?["securitySchemes"]?.range ?? .unknown)
        doc["components"] = Node(.map(components), range: doc["components"]?.range ?? .unknown)
    }

    /// Sets `authorizer` (with `scopes`) as the security of each method with an integration and
    /// no security of its own, at `path`.
    mutating func setDefaultAuthorizer(_ path: String, _ authorizer: String, scopes: Node) throws(SAMError) {
        var item = paths[path] ?? Node(.null)
        try OpenApiEditor.updateContents(&item) { (content: inout Node) throws(SAMError) in
            try OpenApiEditor.requirePathItem(content, path)
            guard var map = content.mapValue else { return }
            for entry in map {
                let m = OpenApiEditor.normalize(entry.key)
                if m == "parameters" || m == "options" { continue }
                guard map[entry: m] != nil else {
                    throw OpenApiEditor.structureError("Could not find \(m) in \(path) within DefinitionBody.")
                }
                var definition = entry.value
                try OpenApiEditor.updateContents(&definition) { (d: inout Node) throws(SAMError) in
                    try OpenApiEditor.requireMethod(d, path, entry.key)
                    guard var dm = d.mapValue, OpenApiEditor.hasIntegration(d) else { return }
                    if let security = dm["security"], security.isTruthy { return }
                    dm["security"] = .list([.map([(authorizer, scopes)])])
                    d.value = .map(dm)
                }
                map[entry.key] = definition
            }
            content.value = .map(map)
        }
        if paths[entry: path] != nil { paths[path] = item }
    }

    /// Adds `authorizer` to the security of `method` at `path`, with the event's scopes, else the
    /// authorizer's own (`authorizers` are the API's `Auth.Authorizers`); `NONE` and `AWS_IAM`
    /// take no scopes.
    mutating func addMethodAuthorizer(
        _ path: String,
        _ method: String,
        _ authorizer: String,
        authorizers: Node?,
        scopes: Node?
    ) throws(SAMError) {
        try updateMethods(path, method) { (d: inout Map) throws(SAMError) in
            var chosen = Node(.list([]))
            if authorizer != "NONE" && authorizer != "AWS_IAM" {
                let config = authorizers?.mapValue?[authorizer] ?? Node(.map(Map()))
                guard OpenApiEditor.isDict(config) else {
                    throw OpenApiEditor.structureError("Type of authorizer '\(authorizer)' must be a dictionary")
                }
                var own = config.mapValue?["AuthorizationScopes"]
                if let scopes, scopes.isTruthy { own = scopes }
                if let own, own.isTruthy, config.isTruthy { chosen = own }
            }
            let existing = d["security"] ?? Node(.list([]))
            guard var list = existing.listValue else {
                throw OpenApiEditor.structureError("Type of security for path \(path) method \(method) must be a list")
            }
            list.append(.map([(authorizer, chosen)]))
            d["security"] = Node(.list(list), range: existing.range)
        }
    }

    // MARK: Document-wide settings

    /// Adds each tag as `{name, x-amazon-apigateway-tag-value}` to `tags`, or sets the value of
    /// the one with that name.
    mutating func addTags(_ tags: Map) throws(SAMError) {
        let existing = doc["tags"].flatMap { $0.isNull ? nil : $0 }
        var list: [Node] = []
        if let existing, existing.isTruthy {
            guard let l = existing.listValue else {
                let type = existing.mapValue != nil || existing.isIntrinsic ? "dict" : pythonTypeName(existing)
                throw OpenApiEditor.structureError(
                    "Tags in OpenApi DefinitionBody needs to be a list. \(pythonLiteral(existing)) is a \(type) not a list."
                )
            }
            list = l
        }
        for tag in tags {
            if let i = list.firstIndex(where: { $0.mapValue?["name"]?.isSemanticallyEqual(to: .string(tag.key)) ?? false }),
                var t = list[i].mapValue
            {
                t[OpenApiEditor.tagValueKey] = tag.value
                list[i].value = .map(t)
            } else {
                list.append(.map([("name", Node(.string(tag.key), range: tag.keyRange)), (OpenApiEditor.tagValueKey, tag.value)]))
            }
        }
        if !list.isEmpty { doc["tags"] = Node(.list(list), range: existing?.range ?? .unknown) }
    }

    /// Sets `disableExecuteApiEndpoint` in the endpoint configuration of each server.
    mutating func setDisableExecuteApiEndpoint(_ value: Node) throws(SAMError) {
        let existing = doc["servers"]
        var servers = existing?.listValue ?? [Node(.map(Map()))]
        if let existing, existing.listValue == nil {
            throw OpenApiEditor.structureError("Value of 'servers' item must be a dictionary according to Swagger spec.")
        }
        for i in servers.indices {
            guard var server = servers[i].mapValue else {
                throw OpenApiEditor.structureError("Value of 'servers' item must be a dictionary according to Swagger spec.")
            }
            var configuration = server[OpenApiEditor.endpointConfigurationKey]?.mapValue ?? Map()
            configuration["disableExecuteApiEndpoint"] = value
            server[OpenApiEditor.endpointConfigurationKey] = Node(.map(configuration))
            servers[i].value = .map(server)
        }
        doc["servers"] = Node(.list(servers), range: existing?.range ?? .unknown)
    }

    /// Merges CORS settings into `x-amazon-apigateway-cors` (SAM's over the document's). An
    /// intrinsic function for the origins stands for the whole configuration.
    mutating func addCors(_ cors: CorsSettings) throws(SAMError) {
        let existing = doc[OpenApiEditor.corsKey]
        var configuration = Map()
        if let existing {
            guard let m = existing.mapValue else {
                throw OpenApiEditor.structureError(
                    "Value of '\(OpenApiEditor.corsKey)' must be a dictionary according to Swagger spec."
                )
            }
            configuration = m
        }
        if let origins = cors.allowOrigins, origins.isTruthy, let f = origins.functionValue {
            // The function's own text, with CloudFormation's key names in OpenAPI's spelling.
            let renamed = CorsSettings.lowerCamel(.map([(f.name.rawValue, f.argument)]))
            for entry in renamed.mapValue ?? Map() { configuration[entry.key] = entry.value }
        } else {
            if let v = cors.allowOrigins, v.isTruthy { configuration["allowOrigins"] = v }
            if let v = cors.allowHeaders, v.isTruthy { configuration["allowHeaders"] = v }
            if let v = cors.allowMethods, v.isTruthy { configuration["allowMethods"] = v }
            if let v = cors.exposeHeaders, v.isTruthy { configuration["exposeHeaders"] = v }
            if let v = cors.maxAge { configuration["maxAge"] = v }
            if case .bool(true) = cors.allowCredentials?.value { configuration["allowCredentials"] = true }
        }
        doc[OpenApiEditor.corsKey] = Node(.map(configuration), range: existing?.range ?? .unknown)
    }

    /// The document's `info` (nil when there is none).
    private var info: Map? { doc["info"].flatMap { $0.isNull ? nil : $0 }?.mapValue }

    /// Sets `info.description`, unless the document has one.
    mutating func addDescription(_ description: Node) {
        var i = info ?? Map()
        if let d = i["description"], d.isTruthy { return }
        i["description"] = description
        doc["info"] = Node(.map(i), range: doc["info"]?.range ?? .unknown)
    }

    /// Sets `info.title` where it is SAM's default (the stack name).
    mutating func addTitle(_ title: Node) {
        var i = info ?? Map()
        guard let t = i["title"], t.isSemanticallyEqual(to: OpenApiEditor.defaultTitle) else { return }
        i["title"] = title
        doc["info"] = Node(.map(i), range: doc["info"]?.range ?? .unknown)
    }

    /// With `FailOnWarnings`, API Gateway refuses a `$default` path (paths start with `/`): it
    /// becomes `/$default`.
    mutating func renameDefaultPath() {
        guard let entry = paths[entry: OpenApiEditor.defaultPath] else { return }
        paths.remove(OpenApiEditor.defaultPath)
        paths["/" + OpenApiEditor.defaultPath] = entry.value
    }
}

/// The `CorsConfiguration` of an HTTP API.
struct CorsSettings {
    var allowOrigins: Node?
    var allowHeaders: Node?
    var allowMethods: Node?
    var exposeHeaders: Node?
    var maxAge: Node?
    var allowCredentials: Node?

    static let keys = ["AllowMethods", "AllowHeaders", "AllowOrigins", "MaxAge", "ExposeHeaders", "AllowCredentials"]

    /// Every `AllowOrigins`-style word in keys and strings spelled `allowOrigins`.
    static func lowerCamel(_ node: Node) -> Node {
        func rename(_ s: String) -> String {
            var out = s
            for key in keys { out = out.replacing(key, with: key.prefix(1).lowercased() + key.dropFirst()) }
            return out
        }
        var out = node
        switch node.value {
        case .string(let s): out.value = .string(rename(s))
        case .list(let items): out.value = .list(items.map(lowerCamel))
        case .map(let map):
            out.value = .map(Map(map.map { Map.Entry(key: rename($0.key), value: lowerCamel($0.value), keyRange: $0.keyRange) }))
        case .function(var f):
            f.argument = lowerCamel(f.argument)
            out.value = .function(f)
        default: break
        }
        return out
    }
}
