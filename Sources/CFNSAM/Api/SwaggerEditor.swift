import CFNModel

/// The Swagger 2.0 (or OpenAPI 3) document of a REST API, edited the way aws-sam-translator
/// edits it: paths and methods added, Lambda and Step Functions integrations, CORS preflight
/// methods, security, request models and parameters, resource policies, gateway responses.
///
/// It works on incomplete documents (SAM builds one up from an empty skeleton), and takes an
/// `Fn::If` where a path item or a method definition is: each of its branches but
/// `AWS::NoValue` is edited in turn.
struct SwaggerEditor {
    /// The document as edited so far.
    var doc: Map
    /// The body's source range, kept on what `node` gives back.
    let range: SourceRange
    /// The API the document belongs to (errors name it).
    let owner: String
    /// Where errors point when the document has no source range of its own (SAM wrote it): the
    /// resource or event that is being translated.
    let site: SourceRange

    static let integrationKey = "x-amazon-apigateway-integration"
    static let anyMethod = "x-amazon-apigateway-any-method"
    static let allHttpMethods = ["OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"]
    static let policyKey = "x-amazon-apigateway-policy"
    static let gatewayResponsesKey = "x-amazon-apigateway-gateway-responses"
    static let validatorsKey = "x-amazon-apigateway-request-validators"
    /// Keys of a path item that are not methods.
    static let nonMethodKeys: Set<String> = ["summary", "description", "parameters"]

    /// An editor of `body`, which must be a Swagger or OpenAPI 3 document with a `paths` mapping
    /// whose items are mappings.
    init(_ body: Node?, owner: String, site: SourceRange) throws(SAMError) {
        self.owner = owner
        self.site = site
        guard let body, SwaggerEditor.isValid(body), let map = body.mapValue else {
            let at = body?.range ?? site
            throw SAMError(
                "Invalid Swagger document or the Swagger document is not explicitly defined in 'DefinitionBody'.",
                logicalId: owner,
                range: at.isKnown ? at : site
            )
        }
        doc = map
        range = body.range
        guard doc["paths"]?.mapValue != nil else {
            throw fail(
                "Value of '\(doc["paths"]?.functionValue?.name.rawValue ?? "paths")' path must be a dictionary according to Swagger spec."
            )
        }
        for entry in paths {
            if case .map = entry.value.value { continue }
            for item in try contents(entry.value) where !SwaggerEditor.isDict(item) {
                throw fail("Value of '\(entry.key)' path must be a dictionary according to Swagger spec.", at: entry.keyRange)
            }
        }
    }

    /// The document.
    var node: Node { Node(.map(doc), range: range) }

    /// Whether `data` is a document SAM can edit: a mapping with a `paths` mapping and a
    /// `swagger` version, or an `openapi` version 3.x.
    static func isValid(_ data: Node?) -> Bool {
        guard let map = data?.mapValue, !map.isEmpty, let paths = map["paths"], isDict(paths) else { return false }
        if map["swagger"]?.isTruthy ?? false { return true }
        if let openapi = map["openapi"], openapi.isTruthy { return OpenApi.isVersion3(pythonText(openapi)) }
        return false
    }

    /// The empty document SAM starts an API's definition from.
    static func skeleton() -> Node {
        .map([
            ("swagger", "2.0"),
            ("info", .map([("version", "1.0"), ("title", .ref("AWS::StackName"))])),
            ("paths", Node(.map(Map()))),
        ])
    }

    /// What Python's `isinstance(value, dict)` says of a decoded value: a mapping, or an
    /// intrinsic function (a one-key mapping in JSON).
    static func isDict(_ node: Node?) -> Bool {
        guard let node else { return false }
        return node.mapValue != nil || node.isIntrinsic
    }

    /// An error about the document, on its API.
    func fail(_ message: String, at: SourceRange? = nil) -> SAMError {
        let position = at.flatMap { $0.isKnown ? $0 : nil } ?? (range.isKnown ? range : site)
        return SAMError(message, logicalId: owner, range: position)
    }

    // MARK: - Paths and methods

    /// The `paths` mapping.
    var paths: Map {
        get { doc["paths"]?.mapValue ?? Map() }
        set { doc["paths"] = Node(.map(newValue), range: doc["paths"]?.range ?? range) }
    }

    /// The paths, in order.
    var pathNames: [String] { paths.keys }

    /// `method` as the document spells it: lower case, `any` as API Gateway's any-method key.
    static func normalize(_ method: String) -> String {
        let m = method.lowercased()
        return m == "any" ? anyMethod : m
    }

    /// The contents of an item that may be an `Fn::If`: each branch but `AWS::NoValue`, or the
    /// item itself (`nil` when there is none).
    func contents(_ item: Node?) throws(SAMError) -> [Node?] {
        guard let item, let f = item.functionValue, f.name == .if else { return [item] }
        guard let items = f.argument.listValue else { throw fail("Value of Fn::If must be a list.", at: item.range) }
        return items.dropFirst().filter { !$0.isNoValue }.map { $0 }
    }

    /// `item` with `change` applied to each of its contents that is a mapping.
    func updatingContents(_ item: Node, _ change: (inout Map) throws(SAMError) -> Void) throws(SAMError) -> Node {
        if var f = item.functionValue, f.name == .if {
            guard var items = f.argument.listValue else { throw fail("Value of Fn::If must be a list.", at: item.range) }
            for i in items.indices.dropFirst() where !items[i].isNoValue {
                guard var map = items[i].mapValue else { continue }
                try change(&map)
                items[i] = Node(.map(map), range: items[i].range, style: items[i].style)
            }
            f.argument = Node(.list(items), range: f.argument.range, style: f.argument.style)
            var out = item
            out.value = .function(f)
            return out
        }
        guard var map = item.mapValue else { return item }
        try change(&map)
        return Node(.map(map), range: item.range, style: item.style)
    }

    /// Applies `change` to each content of the item at `path` (the path must be there).
    mutating func updatePathItems(_ path: String, _ change: (inout Map) throws(SAMError) -> Void) throws(SAMError) {
        var all = paths
        guard let item = all[path] else { return }
        let owner = self
        all[path] = try owner.updatingContents(item) { (map: inout Map) throws(SAMError) in
            try change(&map)
        }
        paths = all
    }

    /// Whether the document has `path` (with `method` in each of its contents, when given).
    func hasPath(_ path: String, _ method: String? = nil) throws(SAMError) -> Bool {
        guard let item = paths[path] else { return false }
        if let method {
            let m = SwaggerEditor.normalize(method)
            for content in try contents(item) {
                guard let map = content?.mapValue, map[m] != nil else { return false }
            }
        }
        return true
    }

    /// Whether each content of `path` has an API Gateway integration at `method`.
    func hasIntegration(_ path: String, _ method: String) throws(SAMError) -> Bool {
        let m = SwaggerEditor.normalize(method)
        guard try hasPath(path, m) else { return false }
        for content in try contents(paths[path]) {
            guard SwaggerEditor.isDict(content) else {
                throw fail("Value of '\(path)' path must be a dictionary according to Swagger spec.")
            }
            guard let definition = content?[m], SwaggerEditor.isDict(definition), try methodHasIntegration(definition, path, m)
            else { return false }
        }
        return true
    }

    /// Whether a method definition (or one of its `Fn::If` branches) has an integration.
    func methodHasIntegration(_ definition: Node, _ path: String, _ method: String) throws(SAMError) -> Bool {
        for content in try contents(definition) {
            try validateMethodDefinition(content, path, method)
            if content?[SwaggerEditor.integrationKey]?.isTruthy ?? false { return true }
        }
        return false
    }

    private func validateMethodDefinition(_ definition: Node?, _ path: String, _ method: String) throws(SAMError) {
        guard SwaggerEditor.isDict(definition) else {
            throw fail("Definition of method '\(method)' for path '\(path)' should be a map.")
        }
    }

    /// Adds `path` (and `method` to each of its contents) when missing.
    mutating func addPath(_ path: String, _ method: String) throws(SAMError) {
        let m = SwaggerEditor.normalize(method)
        var all = paths
        let item = all[path] ?? Node(.map(Map()))
        guard SwaggerEditor.isDict(item) else {
            throw fail("Value of '\(path)' path must be a dictionary according to Swagger spec.")
        }
        all[path] = try updatingContents(item) { (map: inout Map) throws(SAMError) in
            if map[m] == nil { map[m] = Node(.map(Map())) }
        }
        paths = all
    }

    /// Applies `change` to each definition of `method` at `path` (through `Fn::If`s on the path
    /// item and the method), those without an integration skipped unless asked for.
    mutating func updateMethodDefinitions(
        _ path: String,
        _ method: String,
        withoutIntegration: Bool = false,
        _ change: (inout Map) throws(SAMError) -> Void
    ) throws(SAMError) {
        let m = SwaggerEditor.normalize(method)
        var all = paths
        let editor = self
        let updated = try editor.updatingContents(all[path] ?? Node(.null)) { (item: inout Map) throws(SAMError) in
            let definition = item[m]
            for content in try editor.contents(definition) { try editor.validateMethodDefinition(content, path, method) }
            guard let definition else { return }
            item[m] = try editor.updatingContents(definition) { (map: inout Map) throws(SAMError) in
                if !withoutIntegration && !(map[SwaggerEditor.integrationKey]?.isTruthy ?? false) { return }
                try change(&map)
            }
        }
        if all[path] == nil {
            // aws-sam-translator reads a missing path as a missing definition.
            throw fail("Value of '\(path)' path must be a dictionary according to Swagger spec.")
        }
        for content in try contents(updated) where !SwaggerEditor.isDict(content) {
            throw fail("Value of '\(path)' path must be a dictionary according to Swagger spec.")
        }
        all[path] = updated
        paths = all
    }

    /// Applies `change` to every method definition of `path` (with its normalised method name),
    /// those without an integration skipped unless asked for.
    mutating func updateAllMethods(
        _ path: String,
        withoutIntegration: Bool = false,
        _ change: (String, inout Map) throws(SAMError) -> Void
    ) throws(SAMError) {
        var all = paths
        guard let item = all[path] else { return }
        let editor = self
        for content in try contents(item) where !SwaggerEditor.isDict(content) {
            throw fail("Value of '\(path)' path must be a dictionary according to Swagger spec.")
        }
        all[path] = try editor.updatingContents(item) { (map: inout Map) throws(SAMError) in
            for entry in map where !SwaggerEditor.nonMethodKeys.contains(entry.key) {
                for content in try editor.contents(entry.value) { try editor.validateMethodDefinition(content, path, entry.key) }
                let name = SwaggerEditor.normalize(entry.key)
                map[entry.key] = try editor.updatingContents(entry.value) { (definition: inout Map) throws(SAMError) in
                    if !withoutIntegration && !(definition[SwaggerEditor.integrationKey]?.isTruthy ?? false) { return }
                    try change(name, &definition)
                }
            }
        }
        paths = all
    }

    /// Gives what has no source range under `path` the range of what made it (an event); the
    /// path's key that of `key` when given (the event's `Path`, which aws-sam-translator makes
    /// the key, so cfn-lint places what is inside it there).
    mutating func stamp(_ path: String, _ range: SourceRange, key: SourceRange? = nil) {
        guard range.isKnown else { return }
        var all = paths
        guard var entry = all[entry: path] else { return }
        if !entry.keyRange.isKnown { entry.keyRange = key.flatMap { $0.isKnown ? $0 : nil } ?? range }
        entry.value = entry.value.stamped(range)
        all[entry: path] = entry
        paths = all
    }

    /// Wraps the whole path item in `Fn::If: [condition, item, AWS::NoValue]`.
    mutating func makePathConditional(_ path: String, _ condition: String) {
        var all = paths
        guard let item = all[path] else { return }
        all[path] = .if(condition, item, .noValue)
        paths = all
    }

    /// A path as API Gateway ARNs write it: greedy and named parameters (`{proxy+}`, `{id}`) as `*`.
    static func pathForArn(_ path: String) -> String {
        var out = ""
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else {
                out += rest[open...]
                return out
            }
            let name = after[..<close]
            let allowed = { (c: Character) in c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "_" || c == "-") }
            let body = name.hasSuffix("+") ? name.dropLast() : name
            if !body.isEmpty, body.allSatisfy(allowed) {
                out += "*"
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        return out + rest
    }

    // MARK: - Integrations

    /// Adds the `aws_proxy` Lambda integration of `uri` at `path` and `method` (under `condition`,
    /// when the function has one); with `AWS_IAM` auth, the credentials API Gateway calls with.
    mutating func addLambdaIntegration(
        _ path: String,
        _ method: String,
        uri: Node,
        methodAuth: Map,
        apiAuth: Map,
        condition: String?,
        invokeMode: Node?,
        partition: String
    ) throws(SAMError) {
        let m = SwaggerEditor.normalize(method)
        if try hasIntegration(path, m) { throw fail("Lambda integration already exists on Path=\(path), Method=\(m)") }
        try addPath(path, m)
        let integrationUri = condition.map { Node.if($0, uri, .noValue) } ?? uri
        var credentials: Node? = nil
        let iam =
            methodAuth["Authorizer"]?.stringValue == "AWS_IAM"
            || (apiAuth["DefaultAuthorizer"]?.stringValue == "AWS_IAM" && methodAuth.isEmpty)
        if iam {
            func role(_ auth: Map) -> Node? {
                if let r = auth["InvokeRole"], r.isTruthy { return r }
                return auth["InvokeRole"] != nil ? "NONE" : nil
            }
            let chosen = [role(methodAuth), role(apiAuth)].compactMap { $0 }.first { $0.isTruthy }
            if let chosen, chosen.stringValue != "CALLER_CREDENTIALS" {
                if chosen.stringValue != "NONE" { credentials = chosen }
            } else {
                credentials = .string("arn:\(partition):iam::*:user/*")
            }
        }
        try updatePathItems(path) { (item: inout Map) throws(SAMError) in
            guard var definition = item[m]?.mapValue else { return }
            var integration: [(String, Node)] = [("type", "aws_proxy"), ("httpMethod", "POST"), ("uri", integrationUri)]
            if invokeMode?.stringValue == "RESPONSE_STREAM" { integration.append(("responseTransferMode", "STREAM")) }
            if let credentials { integration.append(("credentials", credentials)) }
            definition[SwaggerEditor.integrationKey] = .map(integration)
            if definition["responses"] == nil { definition["responses"] = Node(.map(Map())) }
            let node = Node(.map(definition), range: item[m]?.range ?? .unknown)
            item[m] = condition.map { Node.if($0, node, .noValue) } ?? node
        }
    }

    /// Adds the Step Functions `StartExecution` integration of a state machine's `Api` event.
    mutating func addStateMachineIntegration(
        _ path: String,
        _ method: String,
        uri: Node,
        credentials: Node,
        requestTemplates: Node?,
        condition: String?
    ) throws(SAMError) {
        let m = SwaggerEditor.normalize(method)
        if try hasIntegration(path, m) { throw fail("Integration already exists on Path=\(path), Method=\(m)") }
        try addPath(path, m)
        let integrationUri = condition.map { Node.if($0, uri, .noValue) } ?? uri
        try updatePathItems(path) { (item: inout Map) throws(SAMError) in
            guard var definition = item[m]?.mapValue else { return }
            var integration: [(String, Node)] = [
                ("type", "aws"), ("httpMethod", "POST"), ("uri", integrationUri),
                (
                    "responses",
                    .map([("200", .map([("statusCode", "200")])), ("400", .map([("statusCode", "400")]))])
                ),
                ("credentials", credentials),
            ]
            if let requestTemplates, requestTemplates.isTruthy { integration.append(("requestTemplates", requestTemplates)) }
            definition[SwaggerEditor.integrationKey] = .map(integration)
            if definition["responses"] == nil {
                definition["responses"] = .map([
                    ("200", .map([("description", "OK")])), ("400", .map([("description", "Bad Request")])),
                ])
            }
            let node = Node(.map(definition), range: item[m]?.range ?? .unknown)
            item[m] = condition.map { Node.if($0, node, .noValue) } ?? node
        }
    }

    /// Sets the integration's `timeoutInMillis` at `path` and `method`.
    mutating func addTimeout(_ path: String, _ method: String, _ timeout: Node) throws(SAMError) {
        try updateMethodDefinitions(path, method) { (definition: inout Map) throws(SAMError) in
            guard var integration = definition[SwaggerEditor.integrationKey]?.mapValue else { return }
            integration["timeoutInMillis"] = timeout
            definition[SwaggerEditor.integrationKey] = Node(.map(integration))
        }
    }

    /// Sets `x-amazon-apigateway-endpoint-configuration.disableExecuteApiEndpoint`: on each
    /// server of an OpenAPI 3 document, at the top of a Swagger one.
    mutating func addDisableExecuteApiEndpoint(_ value: Node) throws(SAMError) {
        func deepSet(_ node: Node, _ where_: String) throws(SAMError) -> Node {
            guard var map = node.mapValue else { throw fail("Invalid OpenAPI definition\(where_): It should be a map.") }
            let key = "x-amazon-apigateway-endpoint-configuration"
            let inner = map[key] ?? Node(.map(Map()))
            guard var config = inner.mapValue else {
                throw fail("Invalid OpenAPI definition\(where_): The value of '\(key)' should be a map.")
            }
            config["disableExecuteApiEndpoint"] = value
            map[key] = Node(.map(config), range: inner.range)
            return Node(.map(map), range: node.range)
        }
        if let openapi = doc["openapi"], openapi.isTruthy, OpenApi.isVersion3(pythonText(openapi)) {
            let servers = doc["servers"]?.listValue ?? [Node(.map(Map()))]
            var out: [Node] = []
            for (i, server) in servers.enumerated() { out.append(try deepSet(server, " of 'servers[\(i)]'")) }
            doc["servers"] = Node(.list(out), range: doc["servers"]?.range ?? .unknown)
        } else {
            doc = try deepSet(node, "").mapValue ?? doc
        }
    }

    // MARK: - Binary media types, gateway responses, models

    /// Sets `x-amazon-apigateway-binary-media-types`, `~1` written as `/`.
    mutating func addBinaryMediaTypes(_ types: Node) {
        func replaced(_ node: Node) -> Node {
            var out = node
            switch node.value {
            case .string(let s): out.value = .string(s.replacing("~1", with: "/"))
            case .list(let items): out.value = .list(items.map(replaced))
            case .map(let map):
                out.value = .map(
                    Map(
                        map.map {
                            Map.Entry(key: $0.key.replacing("~1", with: "/"), value: replaced($0.value), keyRange: $0.keyRange)
                        }
                    )
                )
            case .function(var f):
                f.argument = replaced(f.argument)
                out.value = .function(f)
            default: break
            }
            return out
        }
        doc["x-amazon-apigateway-binary-media-types"] = replaced(types)
    }

    /// Sets each gateway response (by response type) under `x-amazon-apigateway-gateway-responses`.
    mutating func addGatewayResponses(_ responses: [(String, Node)]) {
        var existing = doc[SwaggerEditor.gatewayResponsesKey]?.mapValue ?? Map()
        for (type, response) in responses { existing[type] = response }
        if !existing.isEmpty { doc[SwaggerEditor.gatewayResponsesKey] = Node(.map(existing)) }
    }

    /// Adds each model's schema under `definitions`, by the model's name in lower case.
    mutating func addModels(_ models: Map) throws(SAMError) {
        var definitions = doc["definitions"]?.mapValue ?? Map()
        for model in models {
            guard let type = model.value["type"], type.isTruthy else { throw fail("'Models' schema is missing 'type'.") }
            definitions[model.key.lowercased()] = model.value
        }
        if !definitions.isEmpty { doc["definitions"] = Node(.map(definitions)) }
    }

    // MARK: - Requests

    /// The request validator's name for its two switches.
    static func validatorName(body: Bool, parameters: Bool) -> String {
        switch (body, parameters) {
        case (true, true): return "body-and-params"
        case (true, false): return "body-only"
        case (false, true): return "params-only"
        case (false, false): return "no-validation"
        }
    }

    /// Declares the request validator and sets it on `path` and `method`.
    mutating func addRequestValidator(_ path: String, _ method: String, body: Bool, parameters: Bool) throws(SAMError) {
        let name = SwaggerEditor.validatorName(body: body, parameters: parameters)
        var validators = doc[SwaggerEditor.validatorsKey].flatMap { $0.isTruthy ? $0.mapValue : nil } ?? Map()
        if !(validators[name]?.isTruthy ?? false) {
            validators[name] = .map([("validateRequestBody", Node(.bool(body))), ("validateRequestParameters", Node(.bool(parameters)))])
        }
        doc[SwaggerEditor.validatorsKey] = Node(.map(validators))
        try updateMethodDefinitions(path, method) { (definition: inout Map) throws(SAMError) in
            definition["x-amazon-apigateway-request-validator"] = .string(name)
        }
    }

    /// Adds the body parameter (Swagger) or the request body (OpenAPI 3) of a request model.
    mutating func addRequestModel(_ path: String, _ method: String, model: String, required: Node?) throws(SAMError) {
        let name = model.lowercased()
        let isSwagger = doc["swagger"].map { !$0.isNull } ?? false
        let isOpenApi3 = doc["openapi"].map { $0.isTruthy && OpenApi.isVersion3(pythonText($0)) } ?? false
        try updateMethodDefinitions(path, method) { (definition: inout Map) throws(SAMError) in
            if isSwagger {
                var parameter: [(String, Node)] = [
                    ("in", "body"), ("name", .string(name)), ("schema", .map([("$ref", .string("#/definitions/\(name)"))])),
                ]
                if let required { parameter.append(("required", required)) }
                var list = definition["parameters"]?.listValue ?? []
                list.append(.map(parameter))
                definition["parameters"] = .list(list)
            } else if isOpenApi3 {
                var body: [(String, Node)] = [
                    (
                        "content",
                        .map([("application/json", .map([("schema", .map([("$ref", .string("#/components/schemas/\(name)"))]))]))])
                    )
                ]
                if let required { body.append(("required", required)) }
                definition["requestBody"] = .map(body)
            }
        }
    }

    /// One request parameter of a method: `method.request.<location>.<name>`, whether it is
    /// required, whether it is a cache key.
    struct RequestParameter {
        var name: String
        var required: Node
        var caching: Node
    }

    /// Adds request parameters to `path` and `method` (cache keys to the integration).
    mutating func addRequestParameters(_ path: String, _ method: String, _ parameters: [RequestParameter]) throws(SAMError) {
        try updateMethodDefinitions(path, method) { (definition: inout Map) throws(SAMError) in
            var list = definition["parameters"]?.listValue ?? []
            for p in parameters {
                let locationName = p.name.replacing("method.request.", with: "")
                let parts = locationName.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                var location = parts[0]
                let name = parts.count > 1 ? parts[1] : ""
                if location == "querystring" { location = "query" }
                list.append(.map([("in", .string(location)), ("name", .string(name)), ("required", p.required), ("type", "string")]))
                if p.caching.isTruthy, var integration = definition[SwaggerEditor.integrationKey]?.mapValue {
                    var keys = integration["cacheKeyParameters"]?.listValue ?? []
                    keys.append(.string(p.name))
                    integration["cacheKeyParameters"] = .list(keys)
                    definition[SwaggerEditor.integrationKey] = Node(.map(integration))
                }
            }
            definition["parameters"] = .list(list)
        }
    }
}
