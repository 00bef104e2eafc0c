import CFNModel

/// `AWS::Serverless::WebSocketApi`: an API Gateway v2 WebSocket API with, for each of its
/// `Routes`, a route, a Lambda proxy integration and the permission to invoke the function; a
/// stage (`default` unless named), the `$connect` route's authorizer (`Auth`), and a custom
/// domain.
///
/// As in aws-sam-translator 1.110.0, the resource's `Condition`, `DeletionPolicy`,
/// `UpdateReplacePolicy` and `Metadata` are not passed on to what it makes (`DependsOn` is).
enum ServerlessWebSocketApi: ResourceTranslator {
    static let type = "AWS::Serverless::WebSocketApi"
    /// The tag SAM puts on the API, its stage and its domain name.
    static let tagName = "websocketapi:createdBy"
    /// Not API Gateway's `$default`, which would be confused with the `$default` route.
    static let defaultStageName = "default"

    static let properties = PropertyTable([
        ("ApiKeySelectionExpression", .type(.string)), ("AccessLogSettings", .type(.map)), ("Auth", .type(.map)),
        ("DefaultRouteSettings", .type(.map)), ("Description", .type(.string)), ("DisableExecuteApiEndpoint", .type(.bool)),
        ("Domain", .type(.map)), ("DisableSchemaValidation", .type(.bool)), ("FailOnWarnings", .type(.bool)),
        ("IpAddressType", .type(.string)), ("Name", .type(.string)), ("PropagateTags", .type(.bool)),
        ("Routes", .type(.map, required: true)), ("RouteSettings", .type(.map)),
        ("RouteSelectionExpression", .type(.string, required: true)), ("StageName", .type(.oneOf([.string, .map]))),
        ("StageVariables", .type(.map)), ("Tags", .type(.map)),
    ])

    static func translate(_ r: SAMResource, _ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        let auth = r["Auth"].map { context.intrinsics.resolved($0) }
        let domainConfig = r["Domain"].map { context.intrinsics.resolved($0) }
        let routesNode = r["Routes"].map { context.intrinsics.resolved($0) }
        let stageName = r["StageName"] ?? Node(.string(defaultStageName))
        guard let routesNode, routesNode.isTruthy else { throw r.error("WebSocket API must have at least one route.", at: "Routes") }
        let routes = routesNode.mapValue ?? Map()
        if let ip = r["IpAddressType"], !ip.isIntrinsic, !["ipv4", "dualstack"].contains(ip.stringValue ?? "") {
            throw r.error("IpAddressType must be 'ipv4' or 'dualstack'.", at: "IpAddressType")
        }
        if let mtls = domainConfig?["MutualTlsAuthentication"], mtls.isTruthy {
            throw r.error("Mutual TLS domain name association is not supported for Websocket APIs.", at: "Domain")
        }
        let authConfig = auth.flatMap { $0.isTruthy ? $0.mapValue ?? Map() : nil }
        if authConfig != nil, routes[entry: "$connect"] == nil {
            throw r.error("Authorization is only available if there is a $connect route.", at: "Auth")
        }

        var tags = r["Tags"].flatMap { $0.isTruthy ? $0.mapValue : nil } ?? Map()
        tags[tagName] = "SAM"
        let api = CFNResource(
            r.logicalId,
            "AWS::ApiGatewayV2::Api",
            origin: r.origin(),
            properties: [
                ("ApiKeySelectionExpression", r["ApiKeySelectionExpression"]), ("Description", r["Description"]),
                ("DisableExecuteApiEndpoint", r["DisableExecuteApiEndpoint"]), ("DisableSchemaValidation", r["DisableSchemaValidation"]),
                ("IpAddressType", r["IpAddressType"]), ("Name", r["Name"] ?? .string(r.logicalId)),
                ("RouteSelectionExpression", r["RouteSelectionExpression"]), ("Tags", .map(tags.entries.map { ($0.key, $0.value) })),
                ("ProtocolType", "WEBSOCKET"),
            ],
            attributes: r.attribute("DependsOn").map { [("DependsOn", $0)] } ?? []
        )

        let prefix = stageName.stringValue ?? ""
        let stageId = r.logicalId + (prefix == defaultStageName ? "DefaultStage" : prefix + "Stage")
        // Record set groups are not shared between WebSocket APIs (aws-sam-translator 1.110.0
        // looks them up under a name nothing sets): the last API's group is the one kept.
        var groups = RecordSetGroups()
        var domain: ApiV2Domain? = nil
        if let domainConfig {
            domain = try ApiV2Domain.make(domainConfig, api: r, stageId: stageId, tagName: tagName, attributes: [], groups: &groups)
        }
        if stageName.stringValue == "$default" {
            throw r.error("Stages cannot be named $default for WebSocket APIs.", at: "StageName")
        }

        var made = [api]
        var routeIds: [String] = []
        var authorizer: CFNResource? = nil
        for entry in routes {
            let (route, integration, permission, routeAuthorizer) = try routeResources(entry, r, stageName: stageName, auth: authConfig)
            made += [route, integration, permission]
            routeIds.append(route.logicalId)
            if let routeAuthorizer { authorizer = routeAuthorizer }
        }
        if let domain {
            made.append(domain.domain)
            made += domain.mappings
            if let group = domain.recordSetGroup { made.append(group) }
            context.resourceRefs[r.logicalId, default: [:]]["DomainName"] = domain.domain.logicalId
        }
        var stage = CFNResource(
            stageId,
            "AWS::ApiGatewayV2::Stage",
            origin: r.origin(property: r["StageName"] != nil ? "StageName" : nil),
            properties: [
                ("ApiId", .ref(r.logicalId)), ("StageName", stageName), ("StageVariables", r["StageVariables"]),
                ("AccessLogSettings", r["AccessLogSettings"]), ("DefaultRouteSettings", r["DefaultRouteSettings"]),
                ("Tags", .map([(tagName, Node.string("SAM"))])), ("AutoDeploy", true), ("RouteSettings", r["RouteSettings"]),
            ],
            attributes: []
        )
        // Route settings name route keys: the stage waits for the routes.
        if let settings = r["RouteSettings"], settings.isTruthy, !routeIds.isEmpty {
            stage.attributes["DependsOn"] = Node.list(routeIds.map { Node.string($0) })
        }
        made.append(stage)
        context.resourceRefs[r.logicalId, default: [:]]["Stage"] = stageId
        if let authorizer {
            made.append(authorizer)
            if let permission = authorizerPermission(authConfig!, r) { made.append(permission) }
        }
        if case .bool(true) = r["PropagateTags"]?.value, let own = r["Tags"], own.isTruthy {
            let all = Node(.map(tags), range: own.range)
            for i in made.indices where Tagging.mapTagged.contains(made[i].type) || made[i].type == "AWS::ApiGatewayV2::Api" {
                made[i]["Tags"] = all
            }
        }
        return made
    }

    /// `Connect` for `$connect` (and the other special routes), `Sendmessage` for `sendMessage`
    /// (Python's `capitalize`); other route keys cannot name resources.
    static func routeName(_ key: String, _ r: SAMResource) throws(SAMError) -> String {
        func capitalized(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst().lowercased() }
        if ["$connect", "$disconnect", "$default"].contains(key) { return capitalized(key.replacing("$", with: "")) }
        if !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber }) { return capitalized(key) }
        throw r.error(
            "Route key '\(key)' must be alphanumeric. Only $connect, $disconnect, and $default special routes are supported.",
            at: "Routes"
        )
    }

    /// The route, integration and permission of one of `Routes`, and the `$connect` route's
    /// authorizer when `Auth` is `CUSTOM`.
    private static func routeResources(
        _ entry: Map.Entry,
        _ r: SAMResource,
        stageName: Node,
        auth: Map?
    ) throws(SAMError) -> (CFNResource, CFNResource, CFNResource, CFNResource?) {
        let key = entry.key
        let base = r.logicalId + (try routeName(key, r))
        let origin = Origin(logicalId: r.logicalId, type: r.type, property: "Routes", range: entry.keyRange)
        let attributes: [(String, Node)] = []
        let spec = entry.value.mapValue ?? Map()
        func value(_ k: String) -> Node? { spec[k].flatMap { $0.isNull ? nil : $0 } }

        var route = CFNResource(
            base + "Route",
            "AWS::ApiGatewayV2::Route",
            origin: origin,
            properties: [
                ("RouteKey", Node(.string(key), range: entry.keyRange)), ("ApiId", .ref(r.logicalId)),
                ("ApiKeyRequired", value("ApiKeyRequired")), ("ModelSelectionExpression", value("ModelSelectionExpression")),
                ("OperationName", value("OperationName")), ("RequestModels", value("RequestModels")),
            ],
            attributes: attributes
        )
        if let parameters = value("RequestParameters"), parameters.isTruthy {
            guard key == "$connect" else {
                throw r.error("Request parameters are only supported for the $connect route in WebSocket APIs.", at: "Routes")
            }
            route["RequestParameters"] = parameters
        }
        route["RouteResponseSelectionExpression"] = value("RouteResponseSelectionExpression")
        route["Target"] = .join("/", ["integrations", .ref(base + "Integration")])

        var authorizer: CFNResource? = nil
        if let auth {
            try validate(auth, r)
            if key == "$connect" {
                switch auth["AuthType"]?.stringValue {
                case "CUSTOM":
                    if let arn = auth["AuthArn"], arn.isTruthy {
                        let a = connectAuthorizer(auth, r)
                        route["AuthorizationType"] = "CUSTOM"
                        route["AuthorizerId"] = .ref(a.logicalId)
                        authorizer = a
                    }
                case "AWS_IAM": route["AuthorizationType"] = "AWS_IAM"
                default: route["AuthorizationType"] = "NONE"
                }
            }
        }

        guard let function = spec["FunctionArn"] else { throw r.error("Route must have associated function.", at: "Routes") }
        let integration = CFNResource(
            base + "Integration",
            "AWS::ApiGatewayV2::Integration",
            origin: origin,
            properties: [
                ("ApiId", .ref(r.logicalId)), ("IntegrationType", "AWS_PROXY"),
                (
                    "IntegrationUri",
                    .sub(
                        "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${FunctionArn}/invocations",
                        .map([("FunctionArn", function)])
                    )
                ),
                ("TimeoutInMillis", value("IntegrationTimeout")),
            ],
            attributes: attributes
        )
        let arn = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${\(r.logicalId).ApiId}/"
        let sourceArn: Node
        if let stage = stageName.stringValue {
            sourceArn = .sub(arn + stage + "/" + key)
        } else {
            sourceArn = .sub(arn + "${__StageName__}/" + key, .map([("__StageName__", stageName)]))
        }
        let permission = CFNResource(
            base + "Permission",
            "AWS::Lambda::Permission",
            origin: origin,
            properties: [
                ("Action", "lambda:InvokeFunction"), ("FunctionName", function), ("Principal", "apigateway.amazonaws.com"),
                ("SourceArn", sourceArn),
            ],
            attributes: attributes
        )
        return (route, integration, permission, authorizer)
    }

    /// `Auth` names its `AuthType` (`AWS_IAM`, `CUSTOM` with an `AuthArn`, or `NONE`), and only
    /// `CUSTOM` takes more.
    private static func validate(_ auth: Map, _ r: SAMResource) throws(SAMError) {
        guard let given = auth["AuthType"], given.isTruthy else {
            throw r.error("AuthType must be specified for additional auth configurations.", at: "Auth")
        }
        let type = (given.stringValue ?? pythonText(given)).uppercased()
        switch type {
        case "CUSTOM":
            if !(auth["AuthArn"]?.isTruthy ?? false) { throw r.error("AuthArn must be specified if AuthType is CUSTOM.", at: "Auth") }
        case "AWS_IAM", "NONE":
            if auth.count > 1 { throw r.error("No additional configurations supported for AuthType \(type).", at: "Auth") }
        default:
            throw r.error("AuthType is not one of AWS_IAM, CUSTOM or NONE.", at: "Auth")
        }
    }

    /// The `REQUEST` authorizer of the `$connect` route.
    private static func connectAuthorizer(_ auth: Map, _ r: SAMResource) -> CFNResource {
        let id = r.logicalId + "ConnectAuthorizer"
        var authorizer = CFNResource(
            id,
            "AWS::ApiGatewayV2::Authorizer",
            origin: r.origin(property: "Auth"),
            properties: [("ApiId", .ref(r.logicalId))],
            attributes: []
        )
        if auth[entry: "InvokeRole"] != nil { authorizer["AuthorizerCredentialsArn"] = auth["InvokeRole"].flatMap { $0.isNull ? nil : $0 } }
        authorizer["AuthorizerType"] = "REQUEST"
        if let arn = auth["AuthArn"] {
            authorizer["AuthorizerUri"] = .sub(
                "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthArn}/invocations",
                .map([("AuthArn", arn)])
            )
        }
        authorizer["IdentitySource"] = auth["IdentitySource"].flatMap { $0.isNull ? nil : $0 }
        authorizer["Name"] = auth["Name"].flatMap { $0.isTruthy ? $0 : nil } ?? .string(id)
        return authorizer
    }

    /// The permission for API Gateway to invoke a `CUSTOM` authorizer's function, unless the
    /// authorizer has a role to invoke it with.
    private static func authorizerPermission(_ auth: Map, _ r: SAMResource) -> CFNResource? {
        guard auth["AuthType"]?.stringValue == "CUSTOM", !(auth["InvokeRole"]?.isTruthy ?? false),
            let arn = auth["AuthArn"], arn.isTruthy
        else { return nil }
        return CFNResource(
            r.logicalId + "AuthorizerPermission",
            "AWS::Lambda::Permission",
            origin: r.origin(property: "Auth"),
            properties: [
                ("Action", "lambda:InvokeFunction"), ("FunctionName", arn), ("Principal", "apigateway.amazonaws.com"),
                (
                    "SourceArn",
                    .sub(
                        "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*",
                        .map([("__ApiId__", .ref(r.logicalId))])
                    )
                ),
            ],
            attributes: []
        )
    }
}
