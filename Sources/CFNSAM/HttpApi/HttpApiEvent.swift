import CFNModel

/// A function's `HttpApi` event: a route of an HTTP API (the implicit `ServerlessHttpApi`, or the
/// one `ApiId` names) that invokes the function. The route's Lambda integration (with its auth,
/// timeout, path parameters and payload format) goes into the API's OpenAPI body before the API
/// is translated; the event makes the permission for API Gateway to invoke the function.
///
/// `ImplicitHttpApi.prepare` has already given the event its `ApiId`, and `$default` with `ANY`
/// when it names neither a path nor a method.
enum HttpApiEvent: FunctionEventSource {
    static let type = "HttpApi"

    static let properties = PropertyTable([
        ("Path", .type(.string)), ("Method", .type(.string)), ("ApiId", .type(.string)), ("Stage", .type(.string)),
        ("Auth", .type(.map)), ("TimeoutInMillis", .type(.integer)), ("RouteSettings", .type(.map)),
        ("PayloadFormatVersion", .type(.string)),
    ])

    /// The logical id the event's `ApiId` names (`!Ref MyApi` or `MyApi`).
    static func apiId(_ node: Node?) -> String? {
        guard let node else { return nil }
        if let target = node.functionValue?.refTarget { return target }
        return node.stringValue
    }

    static func translate(
        _ event: SAMEvent,
        _ target: inout FunctionTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
    {
        let path = event["Path"]?.stringValue ?? ""
        let method = (event["Method"]?.stringValue ?? "").lowercased()
        guard let apiNode = event["ApiId"], let apiId = apiId(apiNode), let apiResource = context.resource(apiId) else {
            throw event.error(
                "ApiId must be a valid reference to an 'AWS::Serverless::HttpApi' resource in same template.",
                at: "ApiId"
            )
        }
        let api = apiResource["Properties"]?.mapValue ?? Map()
        var made: [CFNResource] = []
        if let permission = try permission(event, path: path, method: method, apiId: apiId, apiNode: apiNode, api: api, target) {
            made.append(permission)
        }
        if let body = try integrate(event, path: path, method: method, apiId: apiId, api: api, target) {
            var properties = api
            properties["DefinitionBody"] = body
            var resource = apiResource.mapValue ?? Map()
            resource["Properties"] = Node(.map(properties), range: apiResource["Properties"]?.range ?? apiResource.range)
            context.resources[apiId] = Node(.map(resource), range: apiResource.range)
        }
        return made
    }

    /// The permission for API Gateway to invoke the function from this route (every stage), or
    /// nil when the API's `$default` route already invokes this function: its permission covers
    /// every route.
    private static func permission(
        _ event: SAMEvent,
        path routePath: String,
        method: String,
        apiId: String,
        apiNode: Node,
        api: Map,
        _ target: FunctionTarget
    ) throws(SAMError) -> CFNResource? {
        // API Gateway drops a trailing slash from paths.
        var path = routePath
        if path.count > 1, path.hasSuffix("/") { path.removeLast() }
        var editor: OpenApiEditor? = nil
        if let body = api["DefinitionBody"], body.isTruthy {
            do {
                editor = try OpenApiEditor(body)
            } catch {
                throw bodyError(error, apiId, api, event)
            }
        }
        if path == OpenApiEditor.defaultPath {
            path = ""
        } else if let editor {
            do {
                let anyInvokes = try editor.integrationInvokes(
                    OpenApiEditor.defaultPath,
                    OpenApiEditor.anyMethod,
                    target.function.logicalId
                )
                if anyInvokes { return nil }
            } catch {
                throw bodyError(error, apiId, api, event)
            }
        }
        path = wildcardParameters(path)
        let star = method == "any" || method == OpenApiEditor.anyMethod
        var resource = "${__ApiId__}/${__Stage__}"
        if method == "any" && path == "/" + OpenApiEditor.defaultPath {
            resource += path
        } else {
            resource += "/" + (star ? "*" : method.uppercased()) + path
        }
        return event.resource(
            event.logicalId + "Permission",
            "AWS::Lambda::Permission",
            [
                ("Action", "lambda:InvokeFunction"), ("FunctionName", target.function.ref), ("Principal", "apigateway.amazonaws.com"),
                (
                    "SourceArn",
                    .sub(
                        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:" + resource,
                        .map([("__ApiId__", apiNode), ("__Stage__", "*")])
                    )
                ),
            ],
            attributes: target.attributes
        )
    }

    /// An error about the API's body, found while adding this event's route: named after the
    /// API, at its `DefinitionBody` (or the event, for a body SAM wrote).
    private static func bodyError(_ error: SAMError, _ apiId: String, _ api: Map, _ event: SAMEvent) -> SAMError {
        var e = error
        e.logicalId = apiId
        let at = api[entry: "DefinitionBody"]?.keyRange ?? .unknown
        e.range = at.isKnown ? at : event.range
        return e
    }

    /// `{name}` and `{proxy+}` path parameters as `*`, as permissions match them.
    static func wildcardParameters(_ path: String) -> String {
        var out = ""
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}") {
                let name = after[..<close]
                let simple = !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
                if simple || name == "proxy+" {
                    out += rest[..<open] + "*"
                    rest = after[after.index(after: close)...]
                    continue
                }
            }
            out += rest[...open]
            rest = after
        }
        return out + rest
    }

    /// The API's body with this route's integration, auth, timeout, path parameters and payload
    /// format version; nil when the API has no body (its definition is elsewhere).
    private static func integrate(
        _ event: SAMEvent,
        path: String,
        method: String,
        apiId: String,
        api: Map,
        _ target: FunctionTarget
    ) throws(SAMError) -> Node? {
        guard let body = api["DefinitionBody"], !body.isNull else { return nil }
        var editor: OpenApiEditor
        do {
            editor = try OpenApiEditor(body)
        } catch {
            throw bodyError(error, apiId, api, event)
        }
        func located(_ error: SAMError) -> SAMError {
            error.logicalId == nil ? bodyError(error, apiId, api, event) : error
        }
        do throws(SAMError) {
            if case .bool(true) = api["__MANAGE_SWAGGER"]?.value, try editor.hasIntegration(path, method) {
                throw event.error("API method '\(method)' defined multiple times for path '\(path)'.")
            }
            let function = target.function
            let arn = function.type == "AWS::Lambda::Alias" ? "${\(function.logicalId)}" : "${\(function.logicalId).Arn}"
            let uri = Node.sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/\(arn)/invocations")
            let condition = target.attributes.first { $0.0 == "Condition" }?.1.stringValue
            try editor.addLambdaIntegration(path, method, uri: uri, condition: condition)
            if let auth = event["Auth"] { try addAuth(auth, event, path: path, method: method, apiId: apiId, api: api, &editor) }
            if let timeout = event["TimeoutInMillis"], timeout.isTruthy {
                try editor.setIntegration(path, method, "timeoutInMillis", timeout)
            }
            let parameters = OpenApiEditor.pathParameters(path)
            if !parameters.isEmpty { try editor.addPathParameters(path, method, parameters) }
            if let version = event["PayloadFormatVersion"], version.isTruthy {
                try editor.setIntegration(path, method, "payloadFormatVersion", version)
            }
        } catch {
            throw located(error)
        }
        return editor.document
    }

    /// The route's authorizer (the API's default one when the event names none) and scopes, as
    /// the route's security.
    private static func addAuth(
        _ auth: Node,
        _ event: SAMEvent,
        path: String,
        method: String,
        apiId: String,
        api: Map,
        _ editor: inout OpenApiEditor
    ) throws(SAMError) {
        let eventAuth = auth.mapValue ?? Map()
        func value(_ map: Map?, _ key: String) -> Node? { map?[key].flatMap { $0.isNull ? nil : $0 } }
        let apiAuthNode = api["Auth"] ?? Node(.map(Map()))
        guard OpenApiEditor.isDict(apiAuthNode) else {
            throw SAMError("Property 'Auth' should be a map.", logicalId: apiId, range: event.range)
        }
        let apiAuth = apiAuthNode.mapValue ?? Map()
        let where_ = "on API method [\(method)] for path [\(path)]"
        var authorizer = value(eventAuth, "Authorizer").flatMap { $0.isTruthy ? $0 : nil }
        if authorizer == nil {
            guard let d = value(apiAuth, "DefaultAuthorizer"), d.isTruthy else {
                throw event.error(
                    "'Auth' section requires either an explicit 'Authorizer' set or a 'DefaultAuthorizer' configured on the HttpApi.",
                    at: "Auth"
                )
            }
            authorizer = d
        }
        let authorizers: Node? = apiAuth.isEmpty ? Node(.map(Map())) : value(apiAuth, "Authorizers")
        let iamEnabled: Bool
        if case .bool(true) = apiAuth["EnableIamAuthorizer"]?.value { iamEnabled = true } else { iamEnabled = false }
        let name = authorizer!.stringValue
        let builtIn = name == "NONE" || (name == "AWS_IAM" && iamEnabled)
        if !builtIn, name == nil || !(authorizers.map(OpenApiEditor.isDict) ?? false) {
            throw event.error(
                "Unable to set Authorizer [\(pythonText(authorizer!))] \(where_). The method authorizer must be a string with a "
                    + "corresponding dict entry in the api authorizer.",
                at: "Auth"
            )
        }
        if name == "NONE" {
            if !(value(apiAuth, "DefaultAuthorizer")?.isTruthy ?? false) {
                throw event.error(
                    "Unable to set Authorizer \(where_) because 'NONE' is only a valid value when a DefaultAuthorizer on the API is specified.",
                    at: "Auth"
                )
            }
        } else if !builtIn {
            guard let defined = authorizers, defined.isTruthy else {
                throw event.error(
                    "Unable to set Authorizer [\(name!)] \(where_) because the related API does not define any Authorizers.",
                    at: "Auth"
                )
            }
            guard let entry = defined.mapValue?[name!], entry.isTruthy else {
                throw event.error(
                    "Unable to set Authorizer [\(name!)] \(where_) because it wasn't defined in the API's Authorizers.",
                    at: "Auth"
                )
            }
        }
        let scopes = value(eventAuth, "AuthorizationScopes")
        if let scopes, scopes.isTruthy, scopes.listValue == nil {
            throw event.error(
                "Unable to set Authorizer \(where_) because 'AuthorizationScopes' must be a list of strings.",
                at: "Auth"
            )
        }
        try editor.addMethodAuthorizer(path, method, name!, authorizers: value(apiAuth, "Authorizers"), scopes: scopes)
    }
}
