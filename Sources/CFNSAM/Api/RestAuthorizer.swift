import CFNModel

/// One authorizer of a REST API's `Auth.Authorizers` (or the `AWS_IAM` default): a Cognito user
/// pool authorizer when it names `UserPoolArn`, else a Lambda one (`TOKEN` or `REQUEST`), and
/// the security definition it becomes.
struct RestAuthorizer {
    enum Kind { case iam, cognito, lambda }

    var apiId: String
    var name: String
    var userPoolArn: Node?
    var functionArn: Node?
    var identity: Node?
    var payloadType: String?
    var invokeRole: Node?
    var kind: Kind
    /// `AuthorizationScopes` (an empty list when not given).
    var scopes: Node
    var disableDefaultPermissions: Bool
    var range: SourceRange

    /// The `AWS_IAM` authorizer that `DefaultAuthorizer: AWS_IAM` stands for.
    static func iam(apiId: String) -> RestAuthorizer {
        RestAuthorizer(
            apiId: apiId,
            name: "AWS_IAM",
            kind: .iam,
            scopes: Node(.list([])),
            disableDefaultPermissions: false,
            range: .unknown
        )
    }

    private init(
        apiId: String,
        name: String,
        userPoolArn: Node? = nil,
        functionArn: Node? = nil,
        identity: Node? = nil,
        payloadType: String? = nil,
        invokeRole: Node? = nil,
        kind: Kind,
        scopes: Node,
        disableDefaultPermissions: Bool,
        range: SourceRange
    ) {
        self.apiId = apiId
        self.name = name
        self.userPoolArn = userPoolArn
        self.functionArn = functionArn
        self.identity = identity
        self.payloadType = payloadType
        self.invokeRole = invokeRole
        self.kind = kind
        self.scopes = scopes
        self.disableDefaultPermissions = disableDefaultPermissions
        self.range = range
    }

    /// The authorizer `name` of the API `apiId`, checked as aws-sam-translator checks it.
    init(apiId: String, name: String, _ config: Map, range: SourceRange) throws(SAMError) {
        func value(_ key: String) -> Node? { config[key].flatMap { $0.isNull ? nil : $0 } }
        self.apiId = apiId
        self.name = name
        self.range = range
        userPoolArn = value("UserPoolArn")
        functionArn = value("FunctionArn")
        identity = value("Identity")
        invokeRole = value("FunctionInvokeRole")
        kind = (userPoolArn?.isTruthy ?? false) ? .cognito : .lambda
        let payload = value("FunctionPayloadType")
        if let payload {
            guard let p = payload.stringValue, p == "TOKEN" || p == "REQUEST" else {
                throw SAMError(
                    "\(name) Authorizer has invalid 'FunctionPayloadType': \(pythonText(payload)).",
                    logicalId: apiId,
                    range: payload.range
                )
            }
            payloadType = p
        } else {
            payloadType = nil
        }
        scopes = value("AuthorizationScopes") ?? Node(.list([]))
        disableDefaultPermissions = false
        if payloadType == "REQUEST", try missingIdentitySource() {
            throw SAMError(
                "\(name) Authorizer must specify Identity with at least one of Headers, QueryStrings, StageVariables, or Context.",
                logicalId: apiId,
                range: range
            )
        }
        if scopes.listValue == nil {
            throw SAMError("Property 'Authorizers.\(name).AuthorizationScopes' should be a list.", logicalId: apiId, range: scopes.range)
        }
        if let disable = value("DisableFunctionDefaultPermissions") {
            guard case .bool(let b) = disable.value else {
                throw SAMError(
                    "Property 'Authorizers.\(name).DisableFunctionDefaultPermissions' should be a boolean.",
                    logicalId: apiId,
                    range: disable.range
                )
            }
            disableDefaultPermissions = b
        }
    }

    private var effectivePayloadType: String { payloadType ?? "TOKEN" }

    private func missingIdentitySource() throws(SAMError) -> Bool {
        guard let identity, identity.isTruthy else { return true }
        guard SwaggerEditor.isDict(identity) else {
            throw SAMError("Property 'Authorizer.\(name).Identity' should be a map.", logicalId: apiId, range: identity.range)
        }
        let missing = ["Headers", "QueryStrings", "StageVariables", "Context"].allSatisfy { !(identity[$0]?.isTruthy ?? false) }
        guard let ttl = identity["ReauthorizeEvery"], !ttl.isNull else { return missing }
        let seconds: Int?
        switch ttl.value {
        case .number(let n): seconds = n.intValue ?? Int(n.doubleValue)
        case .string(let s): seconds = Int(String(s.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()))
        case .bool(let b): seconds = b ? 1 : 0
        default: seconds = nil
        }
        guard let seconds else { return missing }
        return seconds > 0 && missing
    }

    /// The authorizer's security definition.
    func swagger(partition: String) throws(SAMError) -> Node {
        var out: [(String, Node)] = [
            ("type", "apiKey"), ("name", try headerName()), ("in", "header"),
            ("x-amazon-apigateway-authtype", .string(kind == .iam ? "awsSigv4" : kind == .cognito ? "cognito_user_pools" : "custom")),
        ]
        var authorizer: [(String, Node)] = []
        switch kind {
        case .cognito:
            authorizer = [
                ("type", "cognito_user_pools"), ("providerARNs", userPoolArn?.listValue.map { .list($0) } ?? .list([userPoolArn!])),
            ]
        case .lambda:
            authorizer = [
                ("type", .string(effectivePayloadType == "REQUEST" ? "request" : "token")),
                (
                    "authorizerUri",
                    .sub(
                        "arn:\(partition):apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations",
                        .map([("__FunctionArn__", functionArn ?? Node(.null))])
                    )
                ),
            ]
            if let ttl = identity?["ReauthorizeEvery"], !ttl.isNull { authorizer.append(("authorizerResultTtlInSeconds", ttl)) }
            if let role = invokeRole, role.isTruthy, role.stringValue != "NONE" { authorizer.append(("authorizerCredentials", role)) }
            if effectivePayloadType == "REQUEST" {
                let source = try identitySource()
                if !source.isEmpty { authorizer.append(("identitySource", .string(source))) }
            }
        case .iam:
            break
        }
        if kind == .cognito || (kind == .lambda && effectivePayloadType == "TOKEN"),
            let expression = identity?["ValidationExpression"], expression.isTruthy
        {
            authorizer.append(("identityValidationExpression", expression))
        }
        if !authorizer.isEmpty { out.append(("x-amazon-apigateway-authorizer", .map(authorizer))) }
        return .map(out).stamped(range)
    }

    private func headerName() throws(SAMError) -> Node {
        if kind == .lambda && effectivePayloadType == "REQUEST" { return "Unused" }
        if let identity, identity.isTruthy, !SwaggerEditor.isDict(identity) {
            throw SAMError(
                "Auth.Authorizers.<Authorizer>.Identity must be a dict (LambdaTokenAuthorizationIdentity, "
                    + "LambdaRequestAuthorizationIdentity or CognitoAuthorizationIdentity).",
                logicalId: apiId,
                range: identity.range
            )
        }
        guard let header = identity?["Header"], header.isTruthy else { return "Authorization" }
        return header
    }

    /// `method.request.header.X, method.request.querystring.Y, stageVariables.Z, context.W`.
    private func identitySource() throws(SAMError) -> String {
        var items: [String] = []
        for (key, prefix) in [
            ("Headers", "method.request.header."), ("QueryStrings", "method.request.querystring."), ("StageVariables", "stageVariables."),
            ("Context", "context."),
        ] {
            guard let values = identity?[key], values.isTruthy else { continue }
            let path = "Auth.Authorizers.\(name).Identity.\(key)"
            guard let list = values.listValue else {
                throw SAMError("Property '\(path)' should be a list.", logicalId: apiId, range: values.range)
            }
            for (i, v) in list.enumerated() {
                guard let s = v.stringValue else {
                    throw SAMError("Property '\(path)[\(i)]' should be a string.", logicalId: apiId, range: v.range)
                }
                items.append(prefix + s)
            }
        }
        return items.joined(separator: ", ")
    }
}
