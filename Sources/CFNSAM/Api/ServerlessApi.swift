import CFNModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `AWS::Serverless::Api`: an API Gateway REST API (its Swagger or OpenAPI body with SAM's CORS,
/// auth, gateway responses, binary media types and models written in), a deployment whose
/// logical id follows the body, a stage, the permissions of its Lambda authorizers, its custom
/// domain (with Route 53 records) and its usage plan.
enum ServerlessApi: ResourceTranslator {
    static let type = "AWS::Serverless::Api"

    static let properties = PropertyTable([
        ("__MANAGE_SWAGGER", .type(.bool)), ("Name", .type(.oneOf([.string, .map]))),
        ("StageName", .type(.oneOf([.string, .map]), required: true)), ("Tags", .type(.map)), ("PropagateTags", .type(.bool)),
        ("DefinitionBody", .type(.map)), ("DefinitionUri", .type(.oneOf([.string, .map]))), ("MergeDefinitions", .strict(.bool)),
        ("CacheClusterEnabled", .type(.bool)), ("CacheClusterSize", .type(.string)), ("Variables", .type(.map)),
        ("EndpointConfiguration", .type(.oneOf([.string, .map]))), ("MethodSettings", .type(.list)),
        ("BinaryMediaTypes", .type(.list)), ("MinimumCompressionSize", .type(.integer)), ("Cors", .type(.oneOf([.string, .map]))),
        ("Auth", .type(.map)), ("GatewayResponses", .type(.map)), ("AccessLogSetting", .type(.map)), ("CanarySetting", .type(.map)),
        ("TracingEnabled", .type(.bool)), ("OpenApiVersion", .type(.string)), ("Models", .type(.map)), ("Domain", .type(.map)),
        ("FailOnWarnings", .type(.bool)), ("Description", .type(.string)), ("Mode", .type(.string)),
        ("DisableExecuteApiEndpoint", .type(.bool)), ("ApiKeySourceType", .type(.string)), ("AlwaysDeploy", .strict(.bool)),
        ("Policy", .type(.oneOf([.string, .map]))), ("SecurityPolicy", .type(.string)), ("EndpointAccessMode", .type(.string)),
    ])

    /// What `!Ref MyApi.<Property>` names, by the type of the generated resource.
    static let referable: [(String, String)] = [
        ("Stage", "AWS::ApiGateway::Stage"), ("Deployment", "AWS::ApiGateway::Deployment"),
        ("DomainName", "AWS::ApiGateway::DomainName"), ("DomainNameV2", "AWS::ApiGateway::DomainNameV2"),
        ("UsagePlan", "AWS::ApiGateway::UsagePlan"), ("UsagePlanKey", "AWS::ApiGateway::UsagePlanKey"),
        ("ApiKey", "AWS::ApiGateway::ApiKey"),
    ]

    static func translate(_ resource: SAMResource, _ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        var api = try RestApiBuilder(resource, context)
        var made = try api.build(&context)
        Tagging.propagate(&made, tags: resource["Tags"], enabled: resource["PropagateTags"])
        // The shared plan and key are written as the last API that shares them writes them.
        if context.restApi.sharedUsagePlan?.apis.contains(resource.logicalId) ?? false {
            var propagated: Map? = nil
            if case .bool(true) = resource["PropagateTags"]?.value, let tags = resource["Tags"]?.mapValue, !tags.isEmpty {
                propagated = tags
            }
            context.restApi.sharedUsagePlan?.propagatedTags = propagated
        }
        var byType: [String: String] = [:]
        for r in made { byType[r.type] = r.logicalId }
        if context.restApi.sharedUsagePlan?.apis.contains(resource.logicalId) ?? false {
            for r in context.restApi.sharedUsagePlan!.resources { byType[r.type] = r.logicalId }
        }
        for (property, type) in referable {
            if let id = byType[type] { context.resourceRefs[resource.logicalId, default: [:]][property] = id }
        }
        return made
    }
}

/// One `AWS::Serverless::Api` as it is translated: its definition body edited in steps.
struct RestApiBuilder {
    let r: SAMResource
    var id: String { r.logicalId }
    /// The definition as SAM edits it.
    var body: Node?
    /// `Auth`, `Domain` and `BinaryMediaTypes` with parameter values put in.
    let auth: Node?
    var domain: Node?
    let binaryMediaTypes: Node?
    let partition: String

    init(_ resource: SAMResource, _ context: TransformContext) throws(SAMError) {
        func resolved(_ name: String) throws(SAMError) -> Node? {
            guard let value = resource[name] else { return nil }
            do {
                return try context.intrinsics.resolveParameters(value)
            } catch {
                var located = error
                if !located.range.isKnown { located.range = resource.range(of: name) }
                if located.logicalId == nil { located.logicalId = resource.logicalId }
                throw located
            }
        }
        r = resource
        body = resource["DefinitionBody"]
        binaryMediaTypes = try resolved("BinaryMediaTypes")
        domain = try resolved("Domain")
        auth = try resolved("Auth")
        partition = context.partition
    }

    func fail(_ message: String, at property: String? = nil) -> SAMError { r.error(message, at: property) }

    /// A property, when it is truthy (as aws-sam-translator tests most of them).
    func truthy(_ name: String) -> Node? { r[name].flatMap { $0.isTruthy ? $0 : nil } }

    mutating func build(_ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        let restApi = try self.restApi()
        let domainResources = try RestApiDomain.make(&self, &context)
        var deployment = CFNResource(
            id + "Deployment",
            "AWS::ApiGateway::Deployment",
            origin: r.origin(),
            properties: [("RestApiId", .ref(id))],
            attributes: r.passthroughAttributes
        )
        if truthy("OpenApiVersion") == nil { deployment["StageName"] = "Stage" }
        var stage = self.stage()
        if let swagger = restApi["Body"] ?? restApi["BodyS3Location"] {
            makeAutoDeployable(&deployment, &stage, swagger, context)
        }
        let permissions = try authorizerPermissions()
        let usagePlan = try UsagePlans.make(self, stage: stage, &context)
        var made = [restApi, deployment, stage] + permissions
        made += domainResources.main
        made += usagePlan
        made += domainResources.association
        return made
    }

    // MARK: - The RestApi

    private mutating func restApi() throws(SAMError) -> CFNResource {
        let uri = truthy("DefinitionUri")
        if uri != nil && truthy("DefinitionBody") != nil {
            throw fail("Specify either 'DefinitionUri' or 'DefinitionBody' property and not both.")
        }
        if uri != nil && truthy("MergeDefinitions") != nil {
            throw fail("Cannot set 'MergeDefinitions' to True when using `DefinitionUri`.", at: "MergeDefinitions")
        }
        if let version = truthy("OpenApiVersion"), !(version.isScalar && OpenApi.isSupported(pythonText(version))) {
            throw fail("The OpenApiVersion value must be of the format '3.0.0'.", at: "OpenApiVersion")
        }
        var api = CFNResource(
            id,
            "AWS::ApiGateway::RestApi",
            origin: r.origin(),
            attributes: (r.attribute("DependsOn").map { [("DependsOn", $0)] } ?? []) + r.supportedAttributes
        )
        api["BinaryMediaTypes"] = binaryMediaTypes
        api["MinimumCompressionSize"] = r["MinimumCompressionSize"]
        if let endpoint = truthy("EndpointConfiguration") {
            try setEndpointConfiguration(&api, endpoint)
        } else if partition.hasPrefix("aws-iso") || ["aws-us-gov", "aws-cn", "aws-eusc"].contains(partition) {
            try setEndpointConfiguration(&api, "REGIONAL")
        }
        try addCors()
        try addAuth()
        try addGatewayResponses()
        try addBinaryMediaTypes()
        try addModels()
        if let failOnWarnings = truthy("FailOnWarnings") { api["FailOnWarnings"] = failOnWarnings }
        if let disable = r["DisableExecuteApiEndpoint"] {
            guard let body, body.isTruthy else {
                throw fail("DisableExecuteApiEndpoint works only within 'DefinitionBody' property.", at: "DisableExecuteApiEndpoint")
            }
            var editor = try SwaggerEditor(body, owner: id, site: r.range)
            try editor.addDisableExecuteApiEndpoint(disable)
            self.body = editor.node
        }
        if let uri {
            api["BodyS3Location"] = try S3Location.code(uri, r, "DefinitionUri", bucket: "Bucket", key: "Key", version: "Version")
        } else if let body, body.isTruthy {
            self.body = try openApiPostprocess(body)
            api["Body"] = self.body
        }
        for name in ["Name", "Description", "Mode", "ApiKeySourceType", "Policy", "SecurityPolicy", "EndpointAccessMode"] {
            if let value = truthy(name) { api[name] = value }
        }
        return api
    }

    private func setEndpointConfiguration(_ api: inout CFNResource, _ value: Node) throws(SAMError) {
        if let map = value.mapValue, let type = map["Type"], type.isTruthy {
            api["Parameters"] = .map([("endpointConfigurationTypes", type)])
            var configuration: [(String, Node)] = [("Types", .list([type]))]
            if map["VPCEndpointIds"] != nil && map["VpcEndpointIds"] != nil {
                throw fail(
                    "'VPCEndpointIds' and 'VpcEndpointIds' cannot be used together in EndpointConfiguration.",
                    at: "EndpointConfiguration"
                )
            }
            if let ids = map["VPCEndpointIds"] ?? map["VpcEndpointIds"] {
                let chosen = (map["VPCEndpointIds"]?.isTruthy ?? false) ? map["VPCEndpointIds"]! : (map["VpcEndpointIds"] ?? ids)
                configuration.append(("VpcEndpointIds", chosen))
            }
            if let ip = map["IpAddressType"] { configuration.append(("IpAddressType", ip)) }
            api["EndpointConfiguration"] = .map(configuration)
        } else {
            api["EndpointConfiguration"] = .map([("Types", .list([value]))])
            api["Parameters"] = .map([("endpointConfigurationTypes", value)])
        }
    }

    /// An editor of the body, which a setting needs to be there and valid.
    private func editor(for setting: String, missing: String, invalid: String) throws(SAMError) -> SwaggerEditor {
        guard let body, body.isTruthy else { throw fail(missing, at: setting) }
        guard SwaggerEditor.isValid(body) else { throw fail(invalid, at: setting) }
        return try SwaggerEditor(body, owner: id, site: r.range)
    }

    /// `Cors`: a preflight method on every path (paths that differ by a trailing slash only once).
    private mutating func addCors() throws(SAMError) {
        guard let cors = truthy("Cors") else { return }
        guard let body, body.isTruthy else {
            throw fail("Cors works only with inline Swagger specified in 'DefinitionBody' property.", at: "Cors")
        }
        var settings = SwaggerEditor.Cors(allowOrigin: "'*'", allowCredentials: false)
        if cors.stringValue != nil || cors.isIntrinsic {
            settings.allowOrigin = cors
        } else if let map = cors.mapValue {
            for entry in map {
                let value = entry.value.isNull ? nil : entry.value
                switch entry.key {
                case "AllowMethods": settings.allowMethods = value
                case "AllowHeaders": settings.allowHeaders = value
                case "AllowOrigin": settings.allowOrigin = value
                case "MaxAge": settings.maxAge = value
                case "AllowCredentials": settings.allowCredentials = value
                default: throw fail("Invalid key '\(entry.key)' for 'Cors' property.", at: "Cors")
                }
            }
        } else {
            throw fail("Invalid value for 'Cors' property", at: "Cors")
        }
        guard SwaggerEditor.isValid(body) else {
            throw fail(
                "Unable to add Cors configuration because 'DefinitionBody' does not contain a valid Swagger definition.",
                at: "Cors"
            )
        }
        if case .bool(true) = settings.allowCredentials?.value, settings.allowOrigin?.stringValue == "'*'" {
            throw fail(
                "Unable to add Cors configuration because 'AllowCredentials' can not be true when 'AllowOrigin' is \"'*'\" or not set",
                at: "Cors"
            )
        }
        var editor = try SwaggerEditor(body, owner: id, site: r.range)
        var done = Set<String>()
        for path in editor.pathNames {
            var normalized = path
            if path != "/" { while normalized.hasSuffix("/") { normalized.removeLast() } }
            guard done.insert(normalized).inserted else { continue }
            try editor.addCors(path, settings)
        }
        self.body = editor.node
    }

    /// The authorizers of `Auth` (with the `AWS_IAM` one first when it is the default).
    func authorizers(includingIam: Bool) throws(SAMError) -> [RestAuthorizer]? {
        var out: [RestAuthorizer] = []
        if includingIam, auth?["DefaultAuthorizer"]?.stringValue == "AWS_IAM" { out.append(.iam(apiId: id)) }
        guard let config = auth?["Authorizers"], config.isTruthy else { return out.isEmpty ? nil : out }
        guard let map = config.mapValue else {
            throw SAMError("Property 'Auth.Authorizers' should be a map.", logicalId: id, range: config.range)
        }
        for entry in map {
            guard let settings = entry.value.mapValue else {
                throw SAMError("Property 'Auth.Authorizers.\(entry.key)' should be a map.", logicalId: id, range: entry.value.range)
            }
            let authorizer = try RestAuthorizer(apiId: id, name: entry.key, settings, range: entry.keyRange)
            if let i = out.firstIndex(where: { $0.name == entry.key }) { out[i] = authorizer } else { out.append(authorizer) }
        }
        return out
    }

    static let authKeys: Set<String> = [
        "Authorizers", "DefaultAuthorizer", "InvokeRole", "AddDefaultAuthorizerToCorsPreflight", "AddApiKeyRequiredToCorsPreflight",
        "ApiKeyRequired", "ResourcePolicy", "UsagePlan",
    ]

    /// An `Auth` setting: as written when present (null being nil), else its default.
    func authSetting(_ key: String, default value: Node? = nil) -> Node? {
        guard let entry = auth?.mapValue?[entry: key] else { return value }
        return entry.value.isNull ? nil : entry.value
    }

    /// `Auth`: the authorizers' security definitions, the default authorizer and API key on every
    /// method, and the resource policy.
    private mutating func addAuth() throws(SAMError) {
        guard let auth, auth.isTruthy else { return }
        guard let body, body.isTruthy else {
            throw fail("Auth works only with inline Swagger specified in 'DefinitionBody' property.", at: "Auth")
        }
        guard let map = auth.mapValue, map.allSatisfy({ RestApiBuilder.authKeys.contains($0.key) }) else {
            throw fail("Invalid value for 'Auth' property", at: "Auth")
        }
        guard SwaggerEditor.isValid(body) else {
            throw fail(
                "Unable to add Auth configuration because 'DefinitionBody' does not contain a valid Swagger definition.",
                at: "Auth"
            )
        }
        var editor = try SwaggerEditor(body, owner: id, site: r.range)
        if let authorizers = try authorizers(includingIam: true), !authorizers.isEmpty {
            try editor.addAuthorizerDefinitions(authorizers, partition: partition)
            if let defaultAuthorizer = authSetting("DefaultAuthorizer"), defaultAuthorizer.isTruthy {
                guard let name = defaultAuthorizer.stringValue else { throw fail("DefaultAuthorizer is not a string.", at: "Auth") }
                if !authorizers.contains(where: { $0.name == name }) && name != "AWS_IAM" {
                    throw fail("Unable to set DefaultAuthorizer because '\(name)' was not defined in 'Authorizers'.", at: "Auth")
                }
                let preflight = authSetting("AddDefaultAuthorizerToCorsPreflight", default: true)?.isTruthy ?? false
                for path in editor.pathNames {
                    try editor.setDefaultAuthorizer(path, name, authorizers: authorizers, preflight: preflight)
                }
            }
        }
        if authSetting("ApiKeyRequired")?.isTruthy ?? false {
            try editor.addApiKeyDefinition()
            let preflight = authSetting("AddApiKeyRequiredToCorsPreflight", default: true)?.isTruthy ?? false
            for path in editor.pathNames { try editor.setDefaultApiKeyRequired(path, preflight: preflight) }
        }
        if let policy = authSetting("ResourcePolicy"), policy.isTruthy {
            guard SwaggerEditor.isDict(policy) else {
                throw fail("ResourcePolicy must be a map (ResourcePolicyStatement).", at: "Auth")
            }
            let stage = r["StageName"] ?? Node(.null)
            for path in editor.pathNames { try editor.addResourcePolicy(policy, path: path, stage: stage) }
            if let custom = policy["CustomStatements"], custom.isTruthy { editor.addCustomStatements(custom) }
        }
        self.body = try openApiPostprocess(editor.node)
    }

    /// `GatewayResponses`, by response type: status code, headers, paths and query strings
    /// (with API Gateway's `gatewayresponse.` prefixes), templates.
    private mutating func addGatewayResponses() throws(SAMError) {
        guard let responses = truthy("GatewayResponses") else { return }
        guard let body, body.isTruthy else {
            throw fail("GatewayResponses works only with inline Swagger specified in 'DefinitionBody' property.", at: "GatewayResponses")
        }
        guard let map = responses.mapValue else {
            throw fail(
                "Unable to set GatewayResponses attribute because intrinsic functions are not supported for this field.",
                at: "GatewayResponses"
            )
        }
        for entry in map {
            if entry.value.isIntrinsic {
                throw fail(
                    "Unable to set GatewayResponses attribute because intrinsic functions are not supported for this field.",
                    at: "GatewayResponses"
                )
            }
            guard let response = entry.value.mapValue else {
                throw fail(
                    "Invalid property type '\(pythonTypeName(entry.value))' for GatewayResponses. Expected an object of type 'GatewayResponse'.",
                    at: "GatewayResponses"
                )
            }
            for key in response.keys where !["ResponseParameters", "ResponseTemplates", "StatusCode"].contains(key) {
                throw fail("Invalid property '\(key)' in 'GatewayResponses' property '\(entry.key)'.", at: "GatewayResponses")
            }
        }
        guard SwaggerEditor.isValid(body) else {
            throw fail(
                "Unable to add Auth configuration because 'DefinitionBody' does not contain a valid Swagger definition.",
                at: "GatewayResponses"
            )
        }
        var editor = try SwaggerEditor(body, owner: id, site: r.range)
        var out: [(String, Node)] = []
        for entry in map {
            let response = entry.value.mapValue ?? Map()
            let parameters = response["ResponseParameters"] ?? Node(.map(Map()))
            if parameters.isTruthy && !SwaggerEditor.isDict(parameters) {
                throw SAMError(
                    "Property 'GatewayResponses.\(entry.key).ResponseParameters' should be a map.",
                    logicalId: id,
                    range: parameters.range
                )
            }
            for key in parameters.mapValue?.keys ?? [] where !["Headers", "Paths", "QueryStrings"].contains(key) {
                throw fail("Invalid gateway response parameter '\(key)'", at: "GatewayResponses")
            }
            var status: Node? = nil
            if let code = response["StatusCode"], !code.isNull {
                let text = pythonText(code)
                if code.isTruthy, !(1...3).contains(text.count) || !text.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    throw fail("Property 'StatusCode' must be numeric", at: "GatewayResponses")
                }
                if !text.isEmpty { status = .string(text) }
            }
            var prefixed: [(String, Node)] = []
            for (key, prefix) in [("Headers", "header."), ("Paths", "path."), ("QueryStrings", "querystring.")] {
                let values = parameters[key] ?? Node(.map(Map()))
                guard let m = values.mapValue ?? (values.isIntrinsic ? Map() : nil) else {
                    throw SAMError("Property 'ResponseParameters.\(key)' should be a map.", logicalId: id, range: values.range)
                }
                for p in m { prefixed.append(("gatewayresponse." + prefix + p.key, p.value)) }
            }
            let templates = response["ResponseTemplates"].flatMap { $0.isTruthy ? $0 : nil } ?? Node(.map(Map()))
            var swagger: [(String, Node)] = [("responseParameters", .map(prefixed)), ("responseTemplates", templates)]
            if let status { swagger.append(("statusCode", status)) }
            out.append((entry.key, Node.map(swagger).stamped(entry.keyRange)))
        }
        if !out.isEmpty { editor.addGatewayResponses(out) }
        self.body = editor.node
    }

    /// `BinaryMediaTypes` as `x-amazon-apigateway-binary-media-types` too.
    private mutating func addBinaryMediaTypes() throws(SAMError) {
        guard let types = binaryMediaTypes, types.isTruthy, let body, body.isTruthy else { return }
        var editor = try SwaggerEditor(body, owner: id, site: r.range)
        editor.addBinaryMediaTypes(types)
        self.body = editor.node
    }

    /// `Models` as the document's definitions (schemas in OpenAPI 3).
    private mutating func addModels() throws(SAMError) {
        guard let models = truthy("Models") else { return }
        var editor = try self.editor(
            for: "Models",
            missing: "Models works only with inline Swagger specified in 'DefinitionBody' property.",
            invalid: "Unable to add Models definitions because 'DefinitionBody' does not contain a valid Swagger definition."
        )
        guard let map = models.mapValue, map.allSatisfy({ SwaggerEditor.isDict($0.value) }) else {
            throw fail("Invalid value for 'Models' property", at: "Models")
        }
        try editor.addModels(map)
        self.body = try openApiPostprocess(editor.node)
    }

    /// With `OpenApiVersion` 3 (or a body that says `openapi: 3.x`), what SAM wrote the Swagger 2
    /// way moves: security definitions and models under `components`, and the preflight
    /// methods lose `consumes`/`produces` and have their headers' types as schemas.
    func openApiPostprocess(_ definition: Node) throws(SAMError) -> Node {
        guard var doc = definition.mapValue else { return definition }
        if let swagger = doc["swagger"], !swagger.isNull { return definition }
        var version = truthy("OpenApiVersion")
        if let openapi = doc["openapi"], !openapi.isNull, r["OpenApiVersion"] == nil { version = openapi }
        guard let version, version.isTruthy, OpenApi.isVersion3(pythonText(version)) else { return definition }
        for (from, to) in [("securityDefinitions", "securitySchemes"), ("definitions", "schemas")] {
            guard let value = doc[from], value.isTruthy else { continue }
            var components = doc["components"].flatMap { $0.isTruthy ? $0.mapValue : nil } ?? Map()
            components[to] = value
            doc["components"] = Node(.map(components), range: doc["components"]?.range ?? .unknown)
            doc.remove(from)
        }
        if let paths = doc["paths"], paths.isTruthy {
            guard var pathMap = paths.mapValue else {
                throw SAMError("Value of paths must be a dictionary according to Swagger spec.", logicalId: id, range: paths.range)
            }
            for entry in pathMap {
                guard SwaggerEditor.isDict(entry.value) else {
                    throw SAMError(
                        "Value of '\(entry.key)' path must be a dictionary according to Swagger spec.",
                        logicalId: id,
                        range: entry.keyRange
                    )
                }
                guard var item = entry.value.mapValue, let options = item["options"], options.isTruthy else { continue }
                guard var optionsMap = options.mapValue else {
                    throw SAMError(
                        "Value of options method for path \(entry.key) must be a dictionary according to Swagger spec.",
                        logicalId: id,
                        range: options.range
                    )
                }
                optionsMap.remove("produces")
                optionsMap.remove("consumes")
                if let responses = optionsMap["responses"] {
                    optionsMap["responses"] = try withHeaderSchemas(responses, path: entry.key)
                }
                item["options"] = Node(.map(optionsMap), range: options.range)
                pathMap[entry.key] = Node(.map(item), range: entry.value.range)
            }
            doc["paths"] = Node(.map(pathMap), range: paths.range)
        }
        return Node(.map(doc), range: definition.range)
    }

    private func withHeaderSchemas(_ responses: Node, path: String) throws(SAMError) -> Node {
        func invalid(_ what: String) -> SAMError {
            SAMError("Invalid responses in options method for path \(path): \(what).", logicalId: id, range: responses.range)
        }
        if responses.isNull { return responses }
        guard var map = responses.mapValue else { throw invalid("It should be a map") }
        guard let ok = map["200"], !ok.isNull else { return responses }
        guard var okMap = ok.mapValue else { throw invalid("The value of '200' should be a map") }
        guard let headers = okMap["headers"], headers.isTruthy else { return responses }
        guard let headerMap = headers.mapValue else {
            throw SAMError(
                "Value of response's headers in options method for path \(path) must be a dictionary according to Swagger spec.",
                logicalId: id,
                range: headers.range
            )
        }
        okMap["headers"] = Node(.map(headerMap.mapValues { Node.map([("schema", $0)]) }), range: headers.range)
        map["200"] = Node(.map(okMap), range: ok.range)
        return Node(.map(map), range: responses.range)
    }

    // MARK: - Stage and deployment

    private func stage() -> CFNResource {
        let name = r["StageName"]
        let prefix = name?.stringValue ?? ""
        let stageId = ApiEvent.isAlphanumeric(prefix) ? id + prefix + "Stage" : LogicalId.make(id + "Stage", .string(prefix))
        var stage = CFNResource(
            stageId,
            "AWS::ApiGateway::Stage",
            origin: r.origin(),
            properties: [
                ("RestApiId", .ref(id)), ("DeploymentId", .ref(id + "Deployment")), ("StageName", name),
                ("CacheClusterEnabled", r["CacheClusterEnabled"]), ("CacheClusterSize", r["CacheClusterSize"]),
                ("Variables", r["Variables"]), ("MethodSettings", r["MethodSettings"]), ("AccessLogSetting", r["AccessLogSetting"]),
                ("CanarySetting", r["CanarySetting"]), ("TracingEnabled", r["TracingEnabled"]),
            ],
            attributes: r.passthroughAttributes
        )
        if let tags = r["Tags"] { stage["Tags"] = .list(Tagging.list(tags.mapValue)) }
        return stage
    }

    /// The deployment's logical id and description follow what it deploys: the definition, the
    /// OpenAPI version, the domain and the functions' names (or the time, with `AlwaysDeploy`),
    /// so that CloudFormation makes a new deployment exactly when one of them changes.
    private func makeAutoDeployable(
        _ deployment: inout CFNResource,
        _ stage: inout CFNResource,
        _ swagger: Node,
        _ context: TransformContext
    ) {
        guard swagger.isTruthy else { return }
        var parts = [PythonJSON.dumps(swagger)]
        if let version = truthy("OpenApiVersion") { parts.append(pythonText(version)) }
        if let domain, domain.isTruthy { parts.append(PythonJSON.dumps(domain)) }
        if let names = context.restApi.functionNames[id], !names.isEmpty { parts.append(names.joined()) }
        if case .bool(true) = r["AlwaysDeploy"]?.value { parts = [String(time(nil))] }
        let data = parts.joined(separator: "||")
        deployment.logicalId = LogicalId.make(deployment.logicalId, .string(data))
        deployment["Description"] = .string("RestApi deployment id: \(LogicalId.hash(.string(data), length: 40))")
        stage["DeploymentId"] = .ref(deployment.logicalId)
    }

    // MARK: - Authorizer permissions

    /// A permission for API Gateway to invoke each Lambda authorizer's function.
    private func authorizerPermissions() throws(SAMError) -> [CFNResource] {
        guard let auth, auth.isTruthy, let authorizers = try authorizers(includingIam: false) else { return [] }
        return authorizers.compactMap { a in
            guard let arn = a.functionArn, arn.isTruthy, !a.disableDefaultPermissions else { return nil }
            return CFNResource(
                id + a.name + "AuthorizerPermission",
                "AWS::Lambda::Permission",
                origin: r.origin(property: "Auth"),
                properties: [
                    ("Action", "lambda:InvokeFunction"), ("FunctionName", arn), ("Principal", "apigateway.amazonaws.com"),
                    (
                        "SourceArn",
                        .sub(Partition.arn(partition, "execute-api", "${__ApiId__}/authorizers/*"), .map([("__ApiId__", .ref(id))]))
                    ),
                ],
                attributes: r.passthroughAttributes
            )
        }
    }
}
