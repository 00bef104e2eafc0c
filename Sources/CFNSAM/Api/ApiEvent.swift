import CFNModel

/// A function's `Api` event: the permission for API Gateway to invoke the function from the
/// REST API's path and method (on any stage), and, when SAM writes the API's definition (the
/// implicit API, an explicit one without `DefinitionBody`, or `MergeDefinitions`), the path,
/// method and Lambda proxy integration with the event's auth, timeout, request model and
/// request parameters, written into the API before it is translated.
enum ApiEvent: FunctionEventSource {
    static let type = "Api"

    static let properties = PropertyTable([
        ("Path", .type(.string, required: true)), ("Method", .type(.string, required: true)),
        ("RestApiId", .type(.string, required: true)), ("Stage", .type(.string)), ("Auth", .type(.map)),
        ("RequestModel", .type(.map)), ("RequestParameters", .type(.list)), ("TimeoutInMillis", .type(.integer)),
        ("ResponseTransferMode", .type(.string)),
    ])

    /// The logical id in a `RestApiId`: a `Ref`'s target, or the value itself.
    static func apiId(_ value: Node?) -> Node? {
        guard let value else { return nil }
        if let target = value.functionValue?.refTarget { return Node(.string(target), range: value.range) }
        return value
    }

    /// What an `Api` event knows of the API it names: its properties (when it is in the
    /// template) and the stage its permission is named after.
    struct Link {
        var apiId: String?
        var api: Map?
        /// `StageName` when it is a string, `Stage` when it is a function, `AllStages` when the
        /// API is not in the template.
        var stageSuffix: String
    }

    /// The API an event (of a function or a state machine) names, as aws-sam-translator links them.
    static func link(restApiId: Node?, event: SAMEvent, _ context: TransformContext) throws(SAMError) -> Link {
        guard let id = apiId(restApiId)?.stringValue else { return Link(apiId: nil, api: nil, stageSuffix: "AllStages") }
        guard let resource = context.resources[id]?.mapValue else {
            throw event.error("RestApiId property of Api event must reference a valid resource in the same template.", at: "RestApiId")
        }
        let raw = resource["Properties"] ?? Node(.map(Map()))
        guard let properties = raw.mapValue ?? (raw.isIntrinsic ? Map() : nil) else {
            throw SAMError("Attribute 'Properties' should be a map.", logicalId: id, range: raw.range)
        }
        var suffix = "Stage"
        if let stage = properties["StageName"], let name = stage.stringValue {
            guard !name.isEmpty else { throw SAMError("StageName cannot be empty.", logicalId: id, range: stage.range) }
            suffix = name
        }
        return Link(apiId: id, api: properties, stageSuffix: suffix)
    }

    static func link(_ event: SAMEvent, _ context: inout TransformContext) throws(SAMError) {
        _ = try link(restApiId: event["RestApiId"], event: event, context)
        // The functions behind an API are part of its deployment's identity.
        if let id = apiId(event["RestApiId"])?.stringValue, let name = event.owner["FunctionName"] {
            let resolved = context.intrinsics.resolved(name)
            if resolved.isTruthy {
                context.restApi.functionNames[id, default: []].append(resolved.stringValue ?? PythonJSON.dumps(resolved))
            }
        }
    }

    static func translate(
        _ event: SAMEvent,
        _ target: inout FunctionTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
    {
        let link = try link(restApiId: event["RestApiId"], event: event, context)
        let path = event["Path"]?.stringValue ?? ""
        let method = (event["Method"]?.stringValue ?? "").lowercased()
        let permission = try self.permission(event, target, path: path, method: method, suffix: link.stageSuffix, context)

        guard let apiId = link.apiId, var api = link.api else { return [permission] }
        if (api["__MANAGE_SWAGGER"]?.isTruthy ?? false) || (api["MergeDefinitions"]?.isTruthy ?? false) {
            try addIntegration(event, target, apiId: apiId, api: &api, path: path, method: method, stage: link.stageSuffix, &context)
        }
        if let body = api["DefinitionBody"], body.isTruthy, let auth = event["Auth"]?.mapValue, auth["OverrideApiAuth"]?.isTruthy ?? false {
            guard ["Authorizer", "ApiKeyRequired", "ResourcePolicy"].contains(where: { auth[$0]?.isTruthy ?? false }) else {
                throw event.error(
                    "Must define one of: Authorizer, ApiKeyRequired or ResourcePolicy when using the OverrideApiAuth property.",
                    at: "Auth"
                )
            }
            var editor = try SwaggerEditor(body, owner: apiId, site: event.range)
            try addAuth(
                auth,
                event: event,
                api: api,
                apiId: apiId,
                method: method,
                path: path,
                stage: .string(link.stageSuffix),
                &editor,
                context
            )
            api["DefinitionBody"] = editor.node
            ImplicitRestApi.setDefinitionBody(apiId, editor.node, &context)
        }
        return [permission]
    }

    /// The permission for API Gateway to invoke the function from the event's method and path
    /// (a trailing slash and path parameters as API Gateway's ARNs write them).
    private static func permission(
        _ event: SAMEvent,
        _ target: FunctionTarget,
        path: String,
        method: String,
        suffix: String,
        _ context: TransformContext
    ) throws(SAMError) -> CFNResource {
        var trimmed = path
        if trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        let arnPath = SwaggerEditor.pathForArn(trimmed)
        let arnMethod = method == "any" ? "*" : method.uppercased()
        let sourceArn = Node.sub(
            Partition.arn(context.partition, "execute-api", "${__ApiId__}/${__Stage__}/\(arnMethod)\(arnPath)"),
            .map([("__ApiId__", event["RestApiId"] ?? Node(.null)), ("__Stage__", "*")])
        )
        let prefix = event.logicalId + "Permission"
        let id = isAlphanumeric(suffix) ? prefix + suffix : LogicalId.make(prefix, .string(suffix))
        return event.resource(
            id,
            "AWS::Lambda::Permission",
            [
                ("Action", "lambda:InvokeFunction"), ("FunctionName", functionName(target.function)),
                ("Principal", "apigateway.amazonaws.com"), ("SourceArn", sourceArn),
            ],
            attributes: target.attributes
        )
    }

    /// Python's `str.isalnum`: not empty, letters and digits only.
    static func isAlphanumeric(_ s: String) -> Bool { !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber } }

    /// What a permission names: the function, or its alias's ARN.
    static func functionName(_ function: CFNResource) -> Node {
        function.ref
    }

    /// The `Fn::Sub` URI API Gateway invokes the function (or its alias) with.
    static func integrationUri(_ function: CFNResource, partition: String, responseTransferMode: Node?) -> Node {
        let arn = function.type == "AWS::Lambda::Function" ? "${\(function.logicalId).Arn}" : "${\(function.logicalId)}"
        let streaming = responseTransferMode?.stringValue == "RESPONSE_STREAM"
        let version = streaming ? "2021-11-15" : "2015-03-31"
        let invocations = streaming ? "/response-streaming-invocations" : "/invocations"
        return .sub("arn:\(partition):apigateway:${AWS::Region}:lambda:path/\(version)/functions/\(arn)\(invocations)")
    }

    /// The event's path and method, its Lambda integration, auth, timeout, request model and
    /// parameters, added to the API's definition (written back to the template).
    private static func addIntegration(
        _ event: SAMEvent,
        _ target: FunctionTarget,
        apiId: String,
        api: inout Map,
        path: String,
        method: String,
        stage: String,
        _ context: inout TransformContext
    ) throws(SAMError) {
        guard let original = api["DefinitionBody"], !original.isNull else { return }
        let merge = api["MergeDefinitions"]?.isTruthy ?? false
        var editor = try SwaggerEditor(merge ? SwaggerEditor.skeleton() : original, owner: apiId, site: event.range)
        if try editor.hasIntegration(path, method) {
            throw event.error("API method \"\(method)\" defined multiple times for path \"\(path)\".")
        }
        let condition = target.resource.attribute("Condition")?.stringValue
        let methodAuth = event["Auth"] ?? Node(.map(Map()))
        guard let methodAuthMap = methodAuth.mapValue ?? (methodAuth.isIntrinsic ? Map() : nil) else {
            throw event.error("Property 'Auth' should be a map.", at: "Auth")
        }
        let apiAuthNode = api["Auth"].flatMap { $0.isTruthy ? $0 : nil } ?? Node(.map(Map()))
        guard let apiAuth = apiAuthNode.mapValue ?? (apiAuthNode.isIntrinsic ? Map() : nil) else {
            throw SAMError("Property 'Auth' should be a map.", logicalId: apiId, range: apiAuthNode.range)
        }
        try editor.addLambdaIntegration(
            path,
            method,
            uri: integrationUri(target.function, partition: context.partition, responseTransferMode: event["ResponseTransferMode"]),
            methodAuth: methodAuthMap,
            apiAuth: apiAuth,
            condition: condition,
            invokeMode: event["ResponseTransferMode"],
            partition: context.partition
        )
        if let auth = event["Auth"], auth.isTruthy {
            try addAuth(
                methodAuthMap,
                event: event,
                api: api,
                apiId: apiId,
                method: method,
                path: path,
                stage: .string(stage),
                &editor,
                context
            )
        }
        if let timeout = event["TimeoutInMillis"], timeout.isTruthy { try editor.addTimeout(path, method, timeout) }
        if let model = event["RequestModel"], model.isTruthy {
            try addRequestModel(model, event: event, api: api, path: path, method: method, &editor)
        }
        if let parameters = event["RequestParameters"], parameters.isTruthy {
            try editor.addRequestParameters(path, method, try requestParameters(parameters, event))
        }
        editor.stamp(path, event.range, key: event["Path"]?.range)
        let body = merge ? try merged(original, editor, apiId: apiId, path: path, method: method) : editor.node
        api["DefinitionBody"] = body
        ImplicitRestApi.setDefinitionBody(apiId, body, &context)
    }

    /// The event's auth on its method, checked against the API's authorizers: `Authorizer`
    /// (`NONE` only over a `DefaultAuthorizer`, `AWS_IAM`), `AuthorizationScopes`,
    /// `ApiKeyRequired` (false only over the API's), and `ResourcePolicy`.
    static func addAuth(
        _ auth: Map,
        event: SAMEvent,
        api: Map,
        apiId: String,
        method: String,
        path: String,
        stage: Node?,
        _ editor: inout SwaggerEditor,
        _ context: TransformContext
    ) throws(SAMError) {
        let methodAuthorizer = auth["Authorizer"].flatMap { $0.isTruthy ? $0 : nil }
        let apiAuth = try api["Auth"].map { (n: Node) throws(SAMError) in try context.intrinsics.resolveParameters(n) }
        let where_ = "on API method [\(method)] for path [\(path)]"
        if let methodAuthorizer {
            let name = pythonText(methodAuthorizer)
            let authorizers = apiAuth?["Authorizers"].flatMap { $0.isTruthy ? $0 : nil }
            if let authorizers, !SwaggerEditor.isDict(authorizers) {
                throw SAMError("Property 'Auth.Authorizers' should be a map.", logicalId: apiId, range: authorizers.range)
            }
            if name != "AWS_IAM" || methodAuthorizer.stringValue == nil {
                if methodAuthorizer.stringValue != "NONE" {
                    guard let authorizers else {
                        throw event.error(
                            "Unable to set Authorizer [\(name)] \(where_) because the related API does not define any Authorizers.",
                            at: "Auth"
                        )
                    }
                    guard methodAuthorizer.stringValue != nil, authorizers.mapValue != nil else {
                        throw event.error(
                            "Unable to set Authorizer [\(name)] \(where_). The method authorizer must be a string with a "
                                + "corresponding dict entry in the api authorizer.",
                            at: "Auth"
                        )
                    }
                    guard let entry = authorizers[name], entry.isTruthy else {
                        throw event.error(
                            "Unable to set Authorizer [\(name)] \(where_) because it wasn't defined in the API's Authorizers.",
                            at: "Auth"
                        )
                    }
                } else if !(apiAuth?["DefaultAuthorizer"]?.isTruthy ?? false) {
                    throw event.error(
                        "Unable to set Authorizer \(where_) because 'NONE' is only a valid value when a DefaultAuthorizer on the API is specified.",
                        at: "Auth"
                    )
                }
            }
        }
        if let scopes = auth["AuthorizationScopes"], scopes.isTruthy {
            guard scopes.listValue != nil else {
                throw event.error("Property 'Auth.AuthorizationScopes' should be a list.", at: "Auth")
            }
            if methodAuthorizer == nil { throw event.error("AuthorizationScopes works only when Authorizer is set", at: "Auth") }
        }
        let apiKeyRequired = auth["ApiKeyRequired"].flatMap { $0.isNull ? nil : $0 }
        if let apiKeyRequired, !apiKeyRequired.isTruthy, !(apiAuth?["ApiKeyRequired"]?.isTruthy ?? false) {
            throw event.error(
                "Unable to set ApiKeyRequired [False] \(where_) because the related API does not specify any ApiKeyRequired.",
                at: "Auth"
            )
        }
        if methodAuthorizer != nil || apiKeyRequired != nil {
            try editor.addAuthToMethod(path, method, auth: auth, apiAuthorizers: api["Auth"]?["Authorizers"])
        }
        if let policy = auth["ResourcePolicy"], policy.isTruthy {
            guard SwaggerEditor.isDict(policy) else {
                throw SAMError("Property 'Auth.ResourcePolicy' should be a map.", logicalId: event.name, range: policy.range)
            }
            try editor.addResourcePolicy(policy, path: path, stage: stage ?? Node(.null))
            if let custom = policy["CustomStatements"], custom.isTruthy { editor.addCustomStatements(custom) }
        }
    }

    /// `RequestModel`: the API's model as the method's request body, and the request validator.
    private static func addRequestModel(
        _ model: Node,
        event: SAMEvent,
        api: Map,
        path: String,
        method: String,
        _ editor: inout SwaggerEditor
    ) throws(SAMError) {
        guard SwaggerEditor.isDict(model) else { throw event.error("Property 'RequestModel' should be a map.", at: "RequestModel") }
        guard let name = model["Model"], name.isTruthy else { return }
        let text = pythonText(name)
        let where_ = "Unable to set RequestModel [\(text)] on API method [\(method)] for path [\(path)]"
        guard let models = api["Models"], models.isTruthy else {
            throw event.error("\(where_) because the related API does not define any Models.", at: "RequestModel")
        }
        guard SwaggerEditor.isDict(models) else {
            throw event.error("\(where_) because the related API Models defined is of invalid type.", at: "RequestModel")
        }
        guard let modelName = name.stringValue else {
            throw event.error("\(where_) because the related API does not contain valid Models.", at: "RequestModel")
        }
        guard let defined = models[modelName], defined.isTruthy else {
            throw event.error("\(where_) because it wasn't defined in the API's Models.", at: "RequestModel")
        }
        try editor.addRequestModel(path, method, model: modelName, required: model["Required"].flatMap { $0.isNull ? nil : $0 })
        let body = model["ValidateBody"].flatMap { $0.isNull ? nil : $0 }
        let parameters = model["ValidateParameters"].flatMap { $0.isNull ? nil : $0 }
        guard body != nil || parameters != nil else { return }
        func flag(_ node: Node?) -> Bool? {
            guard let node else { return false }
            if case .bool(let b) = node.value { return b }
            return nil
        }
        guard let b = flag(body), let p = flag(parameters) else {
            throw event.error(
                "Unable to set Validator to RequestModel [\(text)] on API method [\(method)] for path [\(path)] "
                    + "ValidateBody and ValidateParameters must be a boolean type, strings or intrinsics are not supported.",
                at: "RequestModel"
            )
        }
        try editor.addRequestValidator(path, method, body: b, parameters: p)
    }

    /// `RequestParameters`: names (`method.request.header.Authorization`), or one-key mappings of
    /// a name to `Required` and `Caching`.
    private static func requestParameters(_ list: Node, _ event: SAMEvent) throws(SAMError) -> [SwaggerEditor.RequestParameter] {
        let badKey =
            "Invalid value for 'RequestParameters' property. Keys must be in the format "
            + "'method.request.[querystring|path|header].{value}', e.g 'method.request.header.Authorization'."
        func valid(_ name: String) -> Bool {
            ["method.request.querystring.", "method.request.path.", "method.request.header."].contains { name.hasPrefix($0) }
        }
        var out: [SwaggerEditor.RequestParameter] = []
        for item in list.listValue ?? [] {
            if let map = item.mapValue, let first = map.entries.first {
                guard valid(first.key) else { throw event.error(badKey, at: "RequestParameters") }
                guard let settings = first.value.mapValue, settings.allSatisfy({ ["Required", "Caching"].contains($0.key) }) else {
                    throw event.error(
                        "Invalid value for 'RequestParameters' property. Values must be an object, e.g { Required: true, Caching: false }",
                        at: "RequestParameters"
                    )
                }
                out.append(.init(name: first.key, required: settings["Required"] ?? false, caching: settings["Caching"] ?? false))
            } else if let name = item.stringValue {
                guard valid(name) else { throw event.error(badKey, at: "RequestParameters") }
                out.append(.init(name: name, required: false, caching: false))
            } else {
                throw event.error(
                    "Invalid value for 'RequestParameters' property. Property must be either a string or an object",
                    at: "RequestParameters"
                )
            }
        }
        return out
    }

    /// `MergeDefinitions`: the method SAM generated (from an empty document) merged over the
    /// definition's own at that path and method, SAM's keys winning.
    private static func merged(
        _ source: Node,
        _ editor: SwaggerEditor,
        apiId: String,
        path: String,
        method: String
    ) throws(SAMError)
        -> Node
    {
        guard var body = source.mapValue else { return source }
        var paths = body["paths"].flatMap { $0.isTruthy ? $0.mapValue : nil } ?? Map()
        let attached = body["paths"]?.isTruthy ?? false
        var existing = Map()
        if let item = paths[path], !item.isNull {
            guard let itemMap = item.mapValue else {
                throw SAMError(
                    "Property 'DefinitionBody' is invalid: The value of '\(path)' should be a map",
                    logicalId: apiId,
                    range: item.range
                )
            }
            if let m = itemMap[method], !m.isNull {
                guard let mm = m.mapValue else {
                    throw SAMError("Property 'DefinitionBody.paths.\(path).\(method)' should be a map.", logicalId: apiId, range: m.range)
                }
                existing = mm
            }
        }
        let generated = editor.paths[path]?[SwaggerEditor.normalize(method)]?.mapValue ?? Map()
        for entry in generated { existing[entry.key] = entry.value }
        var item = paths[path]?.mapValue ?? Map()
        item[method] = Node(.map(existing))
        paths[path] = Node(.map(item), range: paths[path]?.range ?? .unknown)
        // aws-sam-translator merges into a fresh mapping when the definition's paths are empty,
        // and so keeps nothing of it.
        if attached { body["paths"] = Node(.map(paths), range: body["paths"]?.range ?? .unknown) }
        return Node(.map(body), range: source.range)
    }
}
