import CFNModel

/// The `Globals` section: properties every SAM resource of a type takes unless it sets its own.
/// Merging: the resource's own scalar wins; mappings merge key by key; lists are the global
/// items then the resource's; a function call counts as a scalar. `IgnoreGlobals` (`*`, or a
/// list of property names) opts a resource out.
enum Globals {
    /// The properties each section may set, as aws-sam-translator 1.110.0 allows them.
    static let supported: [(section: String, properties: [String])] = [
        (
            "Function",
            [
                "Handler", "Runtime", "CodeUri", "DeadLetterQueue", "Description", "MemorySize", "Timeout", "VpcConfig",
                "Environment", "Tags", "PropagateTags", "Tracing", "KmsKeyArn", "AutoPublishAlias",
                "AutoPublishAliasAllProperties", "Layers", "DeploymentPreference", "RolePath", "PermissionsBoundary",
                "ReservedConcurrentExecutions", "ProvisionedConcurrencyConfig", "AssumeRolePolicyDocument",
                "EventInvokeConfig", "FileSystemConfigs", "CodeSigningConfigArn", "Architectures", "SnapStart",
                "EphemeralStorage", "FunctionUrlConfig", "RuntimeManagementConfig", "LoggingConfig", "RecursiveLoop",
                "SourceKMSKeyArn", "TenancyConfig", "DurableConfig", "CapacityProviderConfig", "FunctionScalingConfig",
                "PublishToLatestPublished", "VersionDeletionPolicy",
            ]
        ),
        (
            "Api",
            [
                "Auth", "Name", "DefinitionUri", "CacheClusterEnabled", "CacheClusterSize", "MergeDefinitions", "Variables",
                "EndpointConfiguration", "MethodSettings", "BinaryMediaTypes", "MinimumCompressionSize", "Cors",
                "GatewayResponses", "AccessLogSetting", "CanarySetting", "TracingEnabled", "OpenApiVersion", "Domain",
                "AlwaysDeploy", "PropagateTags", "SecurityPolicy", "EndpointAccessMode",
            ]
        ),
        (
            "HttpApi",
            [
                "Auth", "AccessLogSettings", "StageVariables", "Tags", "CorsConfiguration", "DefaultRouteSettings", "Domain",
                "RouteSettings", "FailOnWarnings", "PropagateTags",
            ]
        ),
        ("SimpleTable", ["SSESpecification"]),
        ("StateMachine", ["PropagateTags"]),
        ("LayerVersion", ["PublishLambdaVersion"]),
        ("CapacityProvider", ["VpcConfig", "OperatorRole", "Tags", "InstanceRequirements", "ScalingConfig", "KmsKeyArn", "PropagateTags"]),
        (
            "WebSocketApi",
            [
                "AccessLogSettings", "ApiKeySelectionExpression", "DefaultRouteSettings", "DisableExecuteApiEndpoint",
                "DisableSchemaValidation", "Domain", "FailOnWarnings", "IpAddressType", "PropagateTags",
                "RouteSelectionExpression", "RouteSettings", "StageVariables", "Tags",
            ]
        ),
    ]

    static func apply(_ context: inout TransformContext) throws(SAMErrors) {
        // aws-sam-translator settles the OpenAPI versions of the APIs it writes whether or not
        // the template has a Globals section.
        guard let section = context.template[entry: "Globals"] else { return fixOpenApiVersions(&context) }
        let globals = try parse(section)
        var resources = context.resources
        for entry in context.resources {
            guard let type = entry.value["Type"]?.stringValue, let global = globals["\(type)"] else { continue }
            guard var resource = entry.value.mapValue else { continue }
            let own = resource["Properties"]
            var merged = global
            if let ignore = resource["IgnoreGlobals"] {
                if ignore.stringValue == "*" {
                    merged = Map()
                } else if let names = ignore.listValue {
                    for name in names {
                        guard let key = name.stringValue, merged[key] != nil else {
                            throw SAMErrors([
                                SAMError(
                                    "Resource \(entry.key) has invalid resource attribute 'IgnoreGlobals' on item '\(name.stringValue ?? PythonJSON.dumps(name))'.",
                                    logicalId: entry.key,
                                    range: name.range
                                )
                            ])
                        }
                        merged.remove(key)
                    }
                } else {
                    throw SAMErrors([
                        SAMError(
                            "Resource \(entry.key) has invalid resource attribute 'IgnoreGlobals'.",
                            logicalId: entry.key,
                            range: ignore.range
                        )
                    ])
                }
            }
            let local = own ?? Node(.map(Map()))
            let result = merge(Node(.map(merged)), local)
            resource["Properties"] = Node(result.value, range: own?.range ?? entry.keyRange, style: result.style)
            resources[entry.key] = Node(.map(resource), range: entry.value.range)
        }
        context.resources = resources
        context.template.remove("Globals")
        fixOpenApiVersions(&context)
    }

    /// The Globals section checked, by resource type.
    private static func parse(_ section: Map.Entry) throws(SAMErrors) -> [String: Map] {
        func invalid(_ message: String, _ at: SourceRange) -> SAMErrors {
            SAMErrors([SAMError("'Globals' section is invalid. \(message)", range: at)])
        }
        guard let map = section.value.mapValue else { throw invalid("It must be a non-empty dictionary", section.keyRange) }
        let names = supported.map(\.section).sorted()
        var out: [String: Map] = [:]
        for entry in map {
            guard let properties = supported.first(where: { $0.section == entry.key })?.properties else {
                throw invalid(
                    "'\(entry.key)' is not supported. Must be one of the following values - \(pythonList(names))",
                    entry.keyRange
                )
            }
            guard let values = entry.value.mapValue else { throw invalid("Value of ${section} must be a dictionary", entry.keyRange) }
            for key in values where !properties.contains(key.key) {
                throw invalid(
                    "'\(key.key)' is not a supported property of '\(entry.key)'. Must be one of the following values - \(pythonList(properties))",
                    key.keyRange
                )
            }
            out["AWS::Serverless::" + entry.key] = values
        }
        return out
    }

    /// `['a', 'b']`, as Python prints a list of strings.
    static func pythonList(_ items: [String]) -> String { "[" + items.map { "'\($0)'" }.joined(separator: ", ") + "]" }

    /// Global and local values merged (see the type's documentation).
    static func merge(_ global: Node, _ local: Node) -> Node {
        switch (global.value, local.value) {
        case (.map(let g), .map(let l)):
            var out = g
            for entry in l {
                if let existing = out[entry.key] {
                    out[entry.key] = merge(existing, entry.value)
                } else {
                    out[entry: entry.key] = entry
                }
            }
            return Node(.map(out), range: local.range, style: local.style)
        case (.list(let g), .list(let l)):
            return Node(.list(g + l), range: local.range, style: local.style)
        default:
            return local
        }
    }

    /// An `OpenApiVersion` of 3.x set (perhaps by Globals) on an API whose definition SAM writes
    /// makes that definition an `openapi` one.
    private static func fixOpenApiVersions(_ context: inout TransformContext) {
        var resources = context.resources
        for entry in context.resources where entry.value["Type"]?.stringValue == "AWS::Serverless::Api" {
            guard var resource = entry.value.mapValue, var properties = resource["Properties"]?.mapValue,
                let version = properties["OpenApiVersion"], properties["__MANAGE_SWAGGER"] != nil
            else { continue }
            let text = version.scalarText ?? ""
            guard OpenApi.isVersion3(text) else { continue }
            if version.stringValue == nil { properties["OpenApiVersion"] = Node(.string(text), range: version.range) }
            if var body = properties["DefinitionBody"]?.mapValue {
                body["openapi"] = .string(text)
                body.remove("swagger")
                properties["DefinitionBody"] = Node(.map(body), range: properties["DefinitionBody"]!.range)
            }
            resource["Properties"] = Node(.map(properties), range: resource["Properties"]?.range ?? .unknown)
            resources[entry.key] = Node(.map(resource), range: entry.value.range)
        }
        context.resources = resources
    }
}
