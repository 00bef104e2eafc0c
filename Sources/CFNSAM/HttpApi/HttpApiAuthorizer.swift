import CFNModel

/// One authorizer of an HTTP API's `Auth.Authorizers` (or the built-in IAM one): a JWT (OAuth2)
/// authorizer, a Lambda `REQUEST` authorizer, or `AWS_IAM`. It becomes a security scheme of the
/// API's OpenAPI document.
struct HttpApiAuthorizer {
    enum Kind {
        case iam, jwt, request
    }

    var name: String
    var kind: Kind
    var authorizationScopes: Node?
    var jwtConfiguration: Node?
    var identitySource: Node?
    var functionArn: Node?
    var functionInvokeRole: Node?
    var identity: Node?
    var payloadFormatVersion: Node?
    var enableSimpleResponses: Node?
    var enableFunctionDefaultPermissions: Node?

    /// The built-in IAM authorizer (`EnableIamAuthorizer: true`).
    static func iam() -> HttpApiAuthorizer {
        HttpApiAuthorizer(name: "AWS_IAM", kind: .iam)
    }

    private init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// An authorizer of `Auth.Authorizers`, checked as aws-sam-translator checks it; errors name the
    /// API (`api`).
    init(name: String, config: Map, api: SAMResource) throws(SAMError) {
        func value(_ key: String) -> Node? {
            guard let v = config[key], !v.isNull else { return nil }
            return v
        }
        self.name = name
        authorizationScopes = value("AuthorizationScopes")
        identitySource = value("IdentitySource")
        functionArn = value("FunctionArn")
        functionInvokeRole = value("FunctionInvokeRole")
        identity = value("Identity")
        payloadFormatVersion = value("AuthorizerPayloadFormatVersion")
        enableSimpleResponses = value("EnableSimpleResponses")
        enableFunctionDefaultPermissions = value("EnableFunctionDefaultPermissions")
        if let jwt = value("JwtConfiguration"), jwt.isTruthy {
            // OpenAPI spells the keys in lower case; CloudFormation's capitalized spelling is taken too.
            guard let map = jwt.mapValue else {
                if jwt.isIntrinsic {
                    jwtConfiguration = jwt
                    kind = .jwt
                    try validate(api)
                    return
                }
                throw api.error("Property 'JwtConfiguration' should be a map.", at: "Auth")
            }
            jwtConfiguration = Node(
                .map(Map(map.map { Map.Entry(key: $0.key.lowercased(), value: $0.value, keyRange: $0.keyRange) })),
                range: jwt.range
            )
        }
        kind = jwtConfiguration != nil ? .jwt : .request
        try validate(api)
    }

    private func validate(_ api: SAMResource) throws(SAMError) {
        if let scopes = authorizationScopes, scopes.listValue == nil {
            throw api.error("AuthorizationScopes must be a list.", at: "Auth")
        }
        let jwtOnly: [(Node?, String)] = [
            (authorizationScopes, "AuthorizationScopes"), (jwtConfiguration, "JwtConfiguration"),
        ]
        let requestOnly: [(Node?, String)] = [
            (functionArn, "FunctionArn"), (functionInvokeRole, "FunctionInvokeRole"), (identity, "Identity"),
            (payloadFormatVersion, "AuthorizerPayloadFormatVersion"), (enableSimpleResponses, "EnableSimpleResponses"),
            (enableFunctionDefaultPermissions, "EnableFunctionDefaultPermissions"),
        ]
        for (value, property) in jwtOnly where value != nil && kind != .jwt {
            throw api.error("\(property) is only supported for OAuth2 Authorizer.", at: "Auth")
        }
        if identitySource != nil && kind != .jwt {
            throw api.error(
                "IdentitySource is only supported for OAuth2 Authorizer. For Lambda Authorizer, use the 'Identity' property instead.",
                at: "Auth"
            )
        }
        for (value, property) in requestOnly where value != nil && kind != .request {
            throw api.error("\(property) is only supported for Lambda Authorizer.", at: "Auth")
        }
        switch kind {
        case .jwt:
            if !(identitySource?.isTruthy ?? false) {
                throw api.error("\(name) OAuth2 Authorizer must define 'IdentitySource'.", at: "Auth")
            }
        case .request:
            if !(functionArn?.isTruthy ?? false) {
                throw api.error("\(name) Lambda Authorizer must define 'FunctionArn'.", at: "Auth")
            }
            if !(payloadFormatVersion?.isTruthy ?? false) {
                throw api.error("\(name) Lambda Authorizer must define 'AuthorizerPayloadFormatVersion'.", at: "Auth")
            }
        case .iam:
            break
        }
        if let permissions = enableFunctionDefaultPermissions {
            guard case .bool = permissions.value else {
                throw api.error("Property 'Authorizers.\(name).EnableFunctionDefaultPermissions' should be a boolean.", at: "Auth")
            }
        }
    }

    /// Whether SAM gives API Gateway permission to invoke the authorizer's function.
    var grantsInvokePermission: Bool {
        guard functionArn?.isTruthy ?? false, case .bool(true) = enableFunctionDefaultPermissions?.value else { return false }
        return true
    }

    /// The security scheme for `components.securitySchemes`.
    func securityScheme(partition: String, api: SAMResource) throws(SAMError) -> Node {
        switch kind {
        case .iam:
            return .map([
                ("type", "apiKey"), ("name", "Authorization"), ("in", "header"), ("x-amazon-apigateway-authtype", "awsSigv4"),
            ])
        case .jwt:
            return .map([
                ("type", "oauth2"),
                (
                    OpenApiEditor.authorizerKey,
                    .map([("jwtConfiguration", jwtConfiguration!), ("identitySource", identitySource!), ("type", "jwt")])
                ),
            ])
        case .request:
            var authorizer: [(String, Node)] = [
                ("type", "request"),
                (
                    "authorizerUri",
                    .sub(
                        "arn:\(partition):apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations",
                        .map([("__FunctionArn__", functionArn!)])
                    )
                ),
            ]
            if let role = functionInvokeRole, role.isTruthy, role.stringValue != "NONE" {
                authorizer.append(("authorizerCredentials", role))
            }
            if let identity, identity.isTruthy {
                guard let map = identity.mapValue else {
                    if identity.isIntrinsic { return request(authorizer) }
                    throw api.error("Property 'Auth.Authorizers.\(name).Identity' should be a map.", at: "Auth")
                }
                if let ttl = map["ReauthorizeEvery"], !ttl.isNull { authorizer.append(("authorizerResultTtlInSeconds", ttl)) }
                authorizer.append(("identitySource", .list(try identitySources(map, api))))
            }
            return request(authorizer)
        }
    }

    private func request(_ parts: [(String, Node)]) -> Node {
        var authorizer = parts
        authorizer.append(("authorizerPayloadFormatVersion", payloadFormatVersion!))
        if let simple = enableSimpleResponses, simple.isTruthy { authorizer.append(("enableSimpleResponses", simple)) }
        return .map([("type", "apiKey"), ("name", "Unused"), ("in", "header"), (OpenApiEditor.authorizerKey, .map(authorizer))])
    }

    /// `Identity`'s headers, query strings, stage variables and context values, each with API
    /// Gateway's prefix (`$request.header.Authorization`).
    private func identitySources(_ identity: Map, _ api: SAMResource) throws(SAMError) -> [Node] {
        var out: [Node] = []
        for (prefix, property) in [
            ("$request.header.", "Headers"), ("$request.querystring.", "QueryStrings"), ("$stageVariables.", "StageVariables"),
            ("$context.", "Context"),
        ] {
            guard let values = identity[property], values.isTruthy else { continue }
            let strings = try api.expect(values, "Authorizers.\(name).Identity.\(property)").listOfStrings()
            out += strings.map { Node.string(prefix + $0) }
        }
        return out
    }
}
