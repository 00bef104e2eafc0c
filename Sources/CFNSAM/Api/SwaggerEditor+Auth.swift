import CFNModel

/// Security on a REST API's document: the security definitions of its authorizers, API keys and
/// IAM, the default authorizer and API key requirement on every method, and a method's own.
extension SwaggerEditor {
    static let securityDefinitionsKey = "securityDefinitions"

    /// The security definitions written so far.
    var securityDefinitions: Node? { doc[SwaggerEditor.securityDefinitionsKey] }

    private mutating func setSecurityDefinition(_ name: String, _ value: Node, onlyIfMissing: Bool) throws(SAMError) {
        var definitions: Map
        if let existing = securityDefinitions, existing.isTruthy {
            guard let map = existing.mapValue else { throw fail("securityDefinitions must be a dictionary.") }
            definitions = map
        } else {
            definitions = Map()
        }
        if onlyIfMissing, definitions[name] != nil { return }
        definitions[name] = value
        doc[SwaggerEditor.securityDefinitionsKey] = Node(.map(definitions), range: securityDefinitions?.range ?? .unknown)
    }

    /// Adds each authorizer's security definition.
    mutating func addAuthorizerDefinitions(_ authorizers: [RestAuthorizer], partition: String) throws(SAMError) {
        for authorizer in authorizers {
            try setSecurityDefinition(authorizer.name, try authorizer.swagger(partition: partition), onlyIfMissing: false)
        }
    }

    /// Adds the `AWS_IAM` (SigV4) security definition, unless the document has one.
    mutating func addAwsIamDefinition() throws(SAMError) {
        try setSecurityDefinition(
            "AWS_IAM",
            .map([("x-amazon-apigateway-authtype", "awsSigv4"), ("type", "apiKey"), ("name", "Authorization"), ("in", "header")]),
            onlyIfMissing: true
        )
    }

    /// Adds the `api_key` security definition, unless the document has one.
    mutating func addApiKeyDefinition() throws(SAMError) {
        try setSecurityDefinition("api_key", .map([("type", "apiKey"), ("name", "x-api-key"), ("in", "header")]), onlyIfMissing: true)
    }

    /// A method definition's `security` list, checked.
    private func security(_ definition: Map, _ path: String, _ method: String) throws(SAMError) -> [Node] {
        guard let existing = definition["security"] else { return [] }
        guard let list = existing.listValue else {
            throw fail("Type of security for path \(path) method \(method) must be a list")
        }
        return list
    }

    private func keys(_ security: Node, _ path: String, _ method: String) throws(SAMError) -> [String] {
        if let map = security.mapValue { return map.keys }
        if let f = security.functionValue { return [f.name.rawValue] }
        throw fail("\(PythonJSON.dumps(security)) in Security for path \(path) method \(method) is not a valid dictionary.")
    }

    /// The API's default authorizer on every method of `path` that has no authorizer of its own
    /// (`NONE` on a method opts it out); on the CORS preflight too unless told not to.
    mutating func setDefaultAuthorizer(
        _ path: String,
        _ defaultAuthorizer: String,
        authorizers: [RestAuthorizer],
        preflight: Bool
    ) throws(SAMError) {
        var needsIam = false
        let editor = self
        try updateAllMethods(path) { (method: String, definition: inout Map) throws(SAMError) in
            if !preflight && method == "options" { return }
            let names = Set(["AWS_IAM"] + authorizers.map(\.name))
            var others: [(node: Node, keys: [String])] = []
            var existingAuthorizers: [Node] = []
            for s in try editor.security(definition, path, method) {
                let k = try editor.keys(s, path, method)
                if names.isDisjoint(with: k) { others.append((s, k)) } else { existingAuthorizers.append(s) }
            }
            var chosen: [Node] = []
            if let none = others.firstIndex(where: { $0.keys.contains("NONE") }) {
                others.remove(at: none)
            } else if !existingAuthorizers.isEmpty {
                chosen = existingAuthorizers
            } else {
                let scopes = authorizers.first { $0.name == defaultAuthorizer }?.scopes ?? Node(.list([]))
                chosen = [.map([(defaultAuthorizer, scopes)])]
            }
            let security = others.map(\.node) + chosen
            if !security.isEmpty {
                definition["security"] = .list(security)
                if try editor.keys(security[0], path, method).contains("AWS_IAM") { needsIam = true }
            }
        }
        if needsIam { try addAwsIamDefinition() }
    }

    /// The API key requirement on every method of `path` that does not opt out
    /// (`ApiKeyRequired: false`); on the CORS preflight too unless told not to.
    mutating func setDefaultApiKeyRequired(_ path: String, preflight: Bool) throws(SAMError) {
        let editor = self
        try updateAllMethods(path) { (method: String, definition: inout Map) throws(SAMError) in
            let names: Set<String> = ["api_key", "api_key_false"]
            let existing = try editor.security(definition, path, method)
            var others: [Node] = []
            var optedOut = false
            for s in existing {
                let k = try editor.keys(s, path, method)
                if names.isDisjoint(with: k) { others.append(s) } else if k.contains("api_key_false") { optedOut = true }
            }
            let apiKey: [Node] = optedOut ? [] : [.map([("api_key", Node(.list([])))])]
            var security = others + apiKey
            if method == "options" && !preflight { security = others }
            if !Node(.list(security)).isSemanticallyEqual(to: Node(.list(existing))) { definition["security"] = .list(security) }
        }
    }

    /// A method's own auth: its authorizer (with its scopes) and whether it needs an API key.
    /// `apiAuthorizers` are the API's `Auth.Authorizers` as written.
    mutating func addAuthToMethod(_ path: String, _ method: String, auth: Map, apiAuthorizers: Node?) throws(SAMError) {
        if let authorizer = auth["Authorizer"], authorizer.isTruthy, let name = authorizer.stringValue {
            try setMethodAuthorizer(path, method, name, authorizers: apiAuthorizers, scopes: auth["AuthorizationScopes"])
        }
        if let required = auth["ApiKeyRequired"], !required.isNull {
            try setMethodApiKey(path, method, required: required.isTruthy)
        }
    }

    private mutating func setMethodAuthorizer(
        _ path: String,
        _ method: String,
        _ name: String,
        authorizers: Node?,
        scopes: Node?
    )
        throws(SAMError)
    {
        var needsIam = false
        let editor = self
        try updateMethodDefinitions(path, method) { (definition: inout Map) throws(SAMError) in
            var value: Node = Node(.list([]))
            if name != "NONE", let authorizers, authorizers.isTruthy {
                let authorizer = authorizers[name] ?? Node(.map(Map()))
                guard SwaggerEditor.isDict(authorizer) else {
                    throw editor.fail("Type of authorizer '\(name)' must be a dictionary")
                }
                var methodScopes = authorizer["AuthorizationScopes"]
                if let scopes, !scopes.isNull { methodScopes = scopes }
                if authorizers[name] != nil, let methodScopes, !methodScopes.isNull { value = methodScopes }
            }
            let security = try editor.security(definition, path, method) + [.map([(name, value)])]
            definition["security"] = .list(security)
            if try editor.keys(security[0], path, method).contains("AWS_IAM") { needsIam = true }
        }
        if needsIam { try addAwsIamDefinition() }
    }

    private mutating func setMethodApiKey(_ path: String, _ method: String, required: Bool) throws(SAMError) {
        var needsDefinition = false
        let editor = self
        try updateMethodDefinitions(path, method) { (definition: inout Map) throws(SAMError) in
            let marker = required ? "api_key" : "api_key_false"
            if required { needsDefinition = true }
            let existing = try editor.security(definition, path, method)
            definition["security"] = .list(existing + [.map([(marker, Node(.list([])))])])
        }
        if needsDefinition { try addApiKeyDefinition() }
    }
}
