import CFNModel

/// `AWS::Serverless::HttpApi`: an API Gateway v2 HTTP API (`AWS::ApiGatewayV2::Api`) whose
/// OpenAPI body SAM completes (routes from functions' `HttpApi` events, authorizers, CORS, tags,
/// title, description, endpoint configuration), its stage, the Lambda permissions of its
/// authorizers, and its custom domain.
enum ServerlessHttpApi: ResourceTranslator {
    static let type = "AWS::Serverless::HttpApi"
    /// The tag SAM puts in the body (and on the stage and domain name).
    static let tagName = "httpapi:createdBy"
    static let defaultStageName = "$default"

    static let properties = PropertyTable([
        ("__MANAGE_SWAGGER", .type(.bool)), ("Name", .pass), ("StageName", .type(.oneOf([.string, .map]))),
        ("Tags", .type(.map)), ("PropagateTags", .type(.bool)), ("DefinitionBody", .type(.map)),
        ("DefinitionUri", .type(.oneOf([.string, .map]))), ("StageVariables", .type(.map)),
        ("CorsConfiguration", .type(.oneOf([.bool, .map]))), ("AccessLogSettings", .type(.map)),
        ("DefaultRouteSettings", .type(.map)), ("Auth", .type(.map)), ("RouteSettings", .type(.map)), ("Domain", .type(.map)),
        ("FailOnWarnings", .type(.bool)), ("Description", .type(.string)), ("DisableExecuteApiEndpoint", .type(.bool)),
    ])

    static func translate(_ r: SAMResource, _ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        if r["DefinitionUri"]?.isTruthy ?? false, r["DefinitionBody"]?.isTruthy ?? false {
            throw r.error("Specify either 'DefinitionUri' or 'DefinitionBody' property and not both.", at: "DefinitionUri")
        }
        var body = Body(node: r["DefinitionBody"], resource: r)
        if let cors = r["CorsConfiguration"].map({ context.intrinsics.resolved($0) }), cors.isTruthy {
            try body.addCors(cors)
        }
        let authorizers = try body.addAuth(r["Auth"], partition: context.partition)
        let userTags = r["Tags"]
        let bodyTags = try body.addTags(userTags)
        if let disable = r["DisableExecuteApiEndpoint"] { try body.setDisableExecuteApiEndpoint(disable) }
        if let name = r["Name"], name.isTruthy { try body.setTitle(name) }
        if let description = r["Description"], description.isTruthy { try body.setDescription(description) }
        if let fail = r["FailOnWarnings"], fail.isTruthy { body.renameDefaultPath() }

        var api = CFNResource(
            r.logicalId,
            "AWS::ApiGatewayV2::Api",
            origin: r.origin(),
            attributes: (r.attribute("DependsOn").map { [("DependsOn", $0)] } ?? []) + r.supportedAttributes
        )
        if let uri = r["DefinitionUri"], uri.isTruthy {
            api["BodyS3Location"] = try bodyLocation(uri, r)
        } else if let node = body.node, node.isTruthy {
            api["Body"] = node
        } else {
            throw r.error(
                "'DefinitionUri' or 'DefinitionBody' are required properties of an 'AWS::Serverless::HttpApi'. Add a value for "
                    + "one of these properties or add a 'HttpApi' event to an 'AWS::Serverless::Function'."
            )
        }
        if let fail = r["FailOnWarnings"], fail.isTruthy { api["FailOnWarnings"] = fail }

        let stageName = r["StageName"].flatMap { $0.isTruthy ? $0 : nil } ?? Node(.string(defaultStageName))
        let stageId = stageLogicalId(r.logicalId, stageName)
        var made = [api]
        made += authorizerPermissions(authorizers, r)
        if let config = r["Domain"].map({ context.intrinsics.resolved($0) }) {
            var domain = try ApiV2Domain.make(
                config,
                api: r,
                stageId: stageId,
                tagName: tagName,
                attributes: r.passthroughAttributes,
                groups: &context.recordSetGroups
            )
            // Tags given with a body go to the domain name too.
            if let tags = bodyTags, userTags?.isTruthy ?? false { domain.domain["Tags"] = tags }
            made.append(domain.domain)
            made += domain.mappings
            if let group = domain.recordSetGroup { made.append(group) }
            context.resourceRefs[r.logicalId, default: [:]]["DomainName"] = domain.domain.logicalId
        }
        let stage = CFNResource(
            stageId,
            "AWS::ApiGatewayV2::Stage",
            origin: r.origin(property: r["StageName"] != nil ? "StageName" : nil),
            properties: [
                ("ApiId", .ref(r.logicalId)), ("StageName", stageName), ("StageVariables", r["StageVariables"]),
                ("AccessLogSettings", r["AccessLogSettings"]), ("DefaultRouteSettings", r["DefaultRouteSettings"]),
                ("Tags", bodyTags ?? userTags), ("AutoDeploy", true), ("RouteSettings", r["RouteSettings"]),
            ],
            attributes: r.passthroughAttributes
        )
        made.append(stage)
        context.resourceRefs[r.logicalId, default: [:]]["Stage"] = stageId
        return made
    }

    /// `<Api>ApiGatewayDefaultStage` for `$default`, `<Api><Name>Stage` for an alphanumeric name,
    /// else `<Api>Stage` and the name's hash (none for a name that is a function).
    static func stageLogicalId(_ api: String, _ name: Node) -> String {
        let text = name.stringValue ?? ""
        if !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber }) { return api + text + "Stage" }
        if text == defaultStageName { return api + "ApiGatewayDefaultStage" }
        return LogicalId.make(api + "Stage", .string(text))
    }

    /// `BodyS3Location` from `DefinitionUri`: an S3 URI, a `Bucket`/`Key`/`Version` mapping, or a
    /// local file that `aws cloudformation package` uploads.
    private static func bodyLocation(_ uri: Node, _ r: SAMResource) throws(SAMError) -> Node {
        if uri.isIntrinsic {
            throw r.error("'DefinitionUri' requires Bucket and Key properties to be specified.", at: "DefinitionUri")
        }
        return try S3Location.code(uri, r, "DefinitionUri", bucket: "Bucket", key: "Key", version: "Version")
    }

    /// The permissions for API Gateway to invoke the Lambda authorizers that ask for them
    /// (`EnableFunctionDefaultPermissions: true`).
    private static func authorizerPermissions(_ authorizers: [HttpApiAuthorizer], _ r: SAMResource) -> [CFNResource] {
        authorizers.filter(\.grantsInvokePermission).map { authorizer in
            CFNResource(
                r.logicalId + authorizer.name + "AuthorizerPermission",
                "AWS::Lambda::Permission",
                origin: r.origin(property: "Auth"),
                properties: [
                    ("Action", "lambda:InvokeFunction"), ("FunctionName", authorizer.functionArn),
                    ("Principal", "apigateway.amazonaws.com"),
                    (
                        "SourceArn",
                        .sub(
                            "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*",
                            .map([("__ApiId__", .ref(r.logicalId))])
                        )
                    ),
                ],
                attributes: r.passthroughAttributes
            )
        }
    }

    /// The API's `DefinitionBody` as the translation completes it.
    struct Body {
        var node: Node?
        let resource: SAMResource

        private var isTruthy: Bool { node?.isTruthy ?? false }

        private func editor() throws(SAMError) -> OpenApiEditor {
            do {
                return try OpenApiEditor(node)
            } catch {
                throw named(error)
            }
        }

        /// An error of the editor, named after the API.
        private func named(_ error: SAMError) -> SAMError {
            var e = error
            if e.logicalId == nil { e.logicalId = resource.logicalId }
            if !e.range.isKnown { e.range = resource.range(of: "DefinitionBody") }
            return e
        }

        private mutating func edit(_ change: (inout OpenApiEditor) throws(SAMError) -> Void) throws(SAMError) {
            var e = try editor()
            do {
                try change(&e)
            } catch {
                throw named(error)
            }
            node = e.document
        }

        mutating func addCors(_ cors: Node) throws(SAMError) {
            guard isTruthy else {
                throw resource.error("Cors works only with inline OpenApi specified in 'DefinitionBody' property.", at: "CorsConfiguration")
            }
            var settings = CorsSettings()
            if case .bool = cors.value {
                settings.allowOrigins = ["*"]
            } else if cors.isIntrinsic {
                settings.allowOrigins = cors
            } else if let map = cors.mapValue {
                for key in map.keys where !CorsSettings.keys.contains(key) {
                    throw resource.error("Invalid key '\(key)' for 'Cors' property.", at: "CorsConfiguration")
                }
                func value(_ key: String) -> Node? { map[key].flatMap { $0.isNull ? nil : $0 } }
                settings = CorsSettings(
                    allowOrigins: value("AllowOrigins"),
                    allowHeaders: value("AllowHeaders"),
                    allowMethods: value("AllowMethods"),
                    exposeHeaders: value("ExposeHeaders"),
                    maxAge: value("MaxAge"),
                    allowCredentials: value("AllowCredentials")
                )
            } else {
                throw resource.error("Invalid value for 'Cors' property.", at: "CorsConfiguration")
            }
            guard OpenApiEditor.isValid(node) else {
                throw resource.error(
                    "Unable to add Cors configuration because 'DefinitionBody' does not contain a valid OpenApi definition.",
                    at: "CorsConfiguration"
                )
            }
            if case .bool(true) = settings.allowCredentials?.value,
                let origins = settings.allowOrigins?.listValue, origins.count == 1, origins[0].stringValue == "*"
            {
                throw resource.error(
                    "Unable to add Cors configuration because 'AllowCredentials' can not be true when 'AllowOrigin' is \"'*'\" or not set.",
                    at: "CorsConfiguration"
                )
            }
            try edit { (e: inout OpenApiEditor) throws(SAMError) in try e.addCors(settings) }
        }

        /// Declares the authorizers and sets the default one on every route without security of
        /// its own; the authorizers, IAM's first.
        mutating func addAuth(_ auth: Node?, partition: String) throws(SAMError) -> [HttpApiAuthorizer] {
            guard let auth, auth.isTruthy else { return [] }
            guard isTruthy else {
                throw resource.error("Auth works only with inline OpenApi specified in the 'DefinitionBody' property.", at: "Auth")
            }
            let allowed = ["Authorizers", "DefaultAuthorizer", "EnableIamAuthorizer"]
            guard let map = auth.mapValue, map.keys.allSatisfy(allowed.contains) else {
                throw resource.error("Invalid value for 'Auth' property", at: "Auth")
            }
            guard OpenApiEditor.isValid(node) else {
                throw resource.error(
                    "Unable to add Auth configuration because 'DefinitionBody' does not contain a valid OpenApi definition.",
                    at: "Auth"
                )
            }
            let authorizers = try ServerlessHttpApi.authorizers(map, resource)
            var schemes: [(String, Node)] = []
            for a in authorizers { schemes.append((a.name, try a.securityScheme(partition: partition, api: resource))) }
            var e = try editor()
            do {
                try e.addSecuritySchemes(schemes)
            } catch {
                throw named(error)
            }
            if let d = map["DefaultAuthorizer"], d.isTruthy, !d.isNoValue {
                let name = try resource.expect(d, "Auth.DefaultAuthorizer").string()
                guard let chosen = authorizers.first(where: { $0.name == name }) else {
                    throw resource.error(
                        "Unable to set DefaultAuthorizer because '\(name)' was not defined in 'Authorizers'.",
                        at: "Auth"
                    )
                }
                do {
                    for path in e.pathNames {
                        try e.setDefaultAuthorizer(path, name, scopes: chosen.authorizationScopes ?? Node(.list([])))
                    }
                } catch {
                    throw named(error)
                }
            }
            node = e.document
            return authorizers
        }

        /// Adds the tags (and SAM's) to the body's `tags`; what the stage takes as its tags, or nil
        /// when the body takes none.
        mutating func addTags(_ tags: Node?) throws(SAMError) -> Node? {
            let given = tags?.isTruthy ?? false
            if given && !isTruthy {
                throw resource.error("Tags works only with inline OpenApi specified in the 'DefinitionBody' property.", at: "Tags")
            }
            guard isTruthy else { return nil }
            guard OpenApiEditor.isValid(node) else {
                if given {
                    throw resource.error(
                        "Unable to add `Tags` because 'DefinitionBody' does not contain a valid OpenApi definition.",
                        at: "Tags"
                    )
                }
                return nil
            }
            var all = (given ? tags?.mapValue : nil) ?? Map()
            all[ServerlessHttpApi.tagName] = "SAM"
            try edit { (e: inout OpenApiEditor) throws(SAMError) in try e.addTags(all) }
            return Node(.map(all), range: tags?.range ?? .unknown)
        }

        mutating func setDisableExecuteApiEndpoint(_ value: Node) throws(SAMError) {
            guard isTruthy else {
                throw resource.error(
                    "DisableExecuteApiEndpoint works only within 'DefinitionBody' property.",
                    at: "DisableExecuteApiEndpoint"
                )
            }
            try edit { (e: inout OpenApiEditor) throws(SAMError) in try e.setDisableExecuteApiEndpoint(value) }
        }

        mutating func setTitle(_ name: Node) throws(SAMError) {
            guard isTruthy, let body = node else {
                throw resource.error("Name works only with inline OpenApi specified in the 'DefinitionBody' property.", at: "Name")
            }
            let title: Node?
            do {
                title = try OpenApiEditor.deepGet(body, "info.title")
            } catch {
                throw resource.error("Invalid 'DefinitionBody': \(error.message).", at: "DefinitionBody")
            }
            guard let title, title.isSemanticallyEqual(to: OpenApiEditor.defaultTitle) else {
                throw resource.error(
                    "Unable to set Name because it is already defined within inline OpenAPI specified in the 'DefinitionBody' property.",
                    at: "Name"
                )
            }
            try edit { (e: inout OpenApiEditor) throws(SAMError) in e.addTitle(name) }
        }

        mutating func setDescription(_ description: Node) throws(SAMError) {
            guard isTruthy, let body = node else {
                throw resource.error(
                    "Description works only with inline OpenApi specified in the 'DefinitionBody' property.",
                    at: "Description"
                )
            }
            let existing: Node?
            do {
                existing = try OpenApiEditor.deepGet(body, "info.description")
            } catch {
                throw resource.error("Invalid 'DefinitionBody': \(error.message)'.", at: "DefinitionBody")
            }
            if let existing, existing.isTruthy {
                throw resource.error(
                    "Unable to set Description because it is already defined within inline OpenAPI specified in the "
                        + "'DefinitionBody' property.",
                    at: "Description"
                )
            }
            try edit { (e: inout OpenApiEditor) throws(SAMError) in e.addDescription(description) }
        }

        /// `$default` becomes `/$default` (see `OpenApiEditor.renameDefaultPath`), in any body with paths.
        mutating func renameDefaultPath() {
            guard isTruthy, var map = node?.mapValue, var paths = map["paths"]?.mapValue,
                let entry = paths[entry: OpenApiEditor.defaultPath]
            else { return }
            paths.remove(OpenApiEditor.defaultPath)
            paths["/" + OpenApiEditor.defaultPath] = entry.value
            map["paths"] = Node(.map(paths), range: map["paths"]!.range)
            node!.value = .map(map)
        }
    }

    /// The API's authorizers: IAM's when enabled, then `Authorizers` (one named `AWS_IAM` takes
    /// the built-in one's place).
    static func authorizers(_ auth: Map, _ r: SAMResource) throws(SAMError) -> [HttpApiAuthorizer] {
        var out: [HttpApiAuthorizer] = []
        if case .bool(true) = auth["EnableIamAuthorizer"]?.value { out.append(.iam()) }
        guard let config = auth["Authorizers"], config.isTruthy else { return out }
        let map = try r.expect(config, "Auth.Authorizers").map()
        for entry in map {
            let a = try r.expect(entry.value, "Auth.Authorizers.\(entry.key)").map()
            if a[entry: "OpenIdConnectUrl"] != nil {
                throw r.error(
                    "'OpenIdConnectUrl' is no longer a supported property for authorizer '\(entry.key)'. Please refer to the AWS SAM documentation.",
                    at: "Auth"
                )
            }
            let authorizer = try HttpApiAuthorizer(name: entry.key, config: a, api: r)
            if let i = out.firstIndex(where: { $0.name == entry.key }) { out[i] = authorizer } else { out.append(authorizer) }
        }
        return out
    }
}
