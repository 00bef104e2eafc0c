import CFNModel

/// `AWS::Serverless::GraphQLApi`: an AppSync GraphQL API with its schema, authentication (and
/// the Lambda permissions its Lambda authorizers need), logging (and the role it logs with), API
/// keys, cache, custom domain, data sources (DynamoDB and Lambda, each with a role and the
/// connector policy that lets it reach its table or function; a shared `NONE` data source when a
/// function asks for one), functions and pipeline resolvers.
enum ServerlessGraphQLApi: ResourceTranslator {
    static let type = "AWS::Serverless::GraphQLApi"

    static let properties = PropertyTable([
        ("Name", .pass), ("Tags", .strict(.map)), ("XrayEnabled", .pass), ("Auth", .strict(.map, required: true)),
        ("SchemaInline", .strict(.string)), ("SchemaUri", .strict(.string)), ("Logging", .strict(.oneOf([.map, .bool]))),
        ("DataSources", .strict(.map)), ("Functions", .strict(.map)), ("Resolvers", .strict(.map)), ("ApiKeys", .strict(.map)),
        ("DomainName", .strict(.map)), ("Cache", .strict(.map)), ("Visibility", .pass), ("OwnerContact", .pass),
        ("IntrospectionConfig", .pass), ("QueryDepthLimit", .pass), ("ResolverCountLimit", .pass),
    ])

    /// The code of the resolver SAM writes when a pipeline resolver has none: AppSync's own
    /// default, which passes the arguments on and returns the last function's result.
    static let defaultResolverCode = """

        export function request(ctx) {
            return {};
        }

        export function response(ctx) {
            return ctx.prev.result;
        }

        """

    static func translate(_ resource: SAMResource, _ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        if let path = GraphQLShape.properties.firstProblem(Node(.map(resource.properties)), []) {
            throw resource.error("Property '\(path.joined(separator: "."))' is invalid.", at: path.first)
        }
        var api = GraphQLBuild(resource: resource)
        let made = try api.resources(&context)
        return made
    }
}

/// One GraphQL API's translation: the ids it has given its data sources and functions so far.
private struct GraphQLBuild {
    let resource: SAMResource
    /// Data source name -> the `Name` of the data source made for it.
    var dataSourceNames: [String: Node] = [:]
    /// Function name -> its function id.
    var functionIds: [String: Node] = [:]
    /// The `NONE` data source, made the first time a function asks for it.
    var noneDataSource: CFNResource? = nil

    init(resource: SAMResource) { self.resource = resource }

    var id: String { resource.logicalId }
    var apiId: Node { .getAtt(id, "ApiId") }
    /// `DependsOn` and the attributes every resource made takes from the API.
    var attributes: [(String, Node)] { resource.supportedAttributes + dependsOn }
    var dependsOn: [(String, Node)] { resource.attribute("DependsOn").map { [("DependsOn", $0)] } ?? [] }

    func make(
        _ logicalId: String,
        _ type: String,
        property: String? = nil,
        _ properties: [(String, Node?)],
        attributes: [(String, Node)]? = nil
    )
        -> CFNResource
    {
        // A null is a property not given.
        let given = properties.map { ($0.0, $0.1.flatMap { $0.isNull ? nil : $0 }) }
        return CFNResource(
            logicalId,
            type,
            origin: resource.origin(property: property),
            properties: given,
            attributes: attributes ?? self.attributes
        )
    }

    /// A value that is there and not false, empty or zero (Python's truth).
    func given(_ node: Node?) -> Node? {
        guard let node, node.isTruthy else { return nil }
        return node
    }

    mutating func resources(_ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        let r = resource
        var graphQL = make(id, "AWS::AppSync::GraphQLApi", [])
        graphQL.origin = r.origin()
        graphQL["Name"] = given(r["Name"]) ?? .string(id)
        graphQL["Visibility"] = given(r["Visibility"])
        graphQL["OwnerContact"] = given(r["OwnerContact"])
        if let x = r["XrayEnabled"] { graphQL["XrayEnabled"] = GraphQLShape.boolean(x).map { Node(.bool($0), range: x.range) } ?? x }
        graphQL["IntrospectionConfig"] = given(r["IntrospectionConfig"])
        graphQL["QueryDepthLimit"] = given(r["QueryDepthLimit"])
        graphQL["ResolverCountLimit"] = given(r["ResolverCountLimit"])

        let lambdaAuthorizers = try authentication(&graphQL)
        var tags = r["Tags"]?.mapValue ?? Map()
        tags["graphqlapi:createdBy"] = "SAM"
        graphQL["Tags"] = .list(Tagging.list(tags))

        var logRole: CFNResource? = nil
        // Only `Logging: false` turns logging off (an empty mapping or `true` is the default).
        if let logging = r["Logging"], logging.mapValue == nil, GraphQLShape.boolean(logging) == false {
        } else {
            var config: [(String, Node)] = []
            let logging = r["Logging"]?.mapValue
            if let exclude = given(logging?["ExcludeVerboseContent"]) { config.append(("ExcludeVerboseContent", exclude)) }
            config.append(("FieldLogLevel", given(logging?["FieldLogLevel"]) ?? "ALL"))
            if let role = logging?["CloudWatchLogsRoleArn"], !role.isNull, role.isTruthy {
                config.append(("CloudWatchLogsRoleArn", role))
            } else {
                let role = make(
                    id + "CloudWatchRole",
                    "AWS::IAM::Role",
                    property: "Logging",
                    [
                        ("AssumeRolePolicyDocument", ExecutionRole.trust("appsync.amazonaws.com")),
                        ("ManagedPolicyArns", [.sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs")]),
                    ]
                )
                config.append(("CloudWatchLogsRoleArn", role.getAtt("Arn")))
                logRole = role
            }
            graphQL["LogConfig"] = .map(config)
        }

        let inline = given(r["SchemaInline"])
        let uri = given(r["SchemaUri"])
        if inline == nil && uri == nil { throw r.error("One of 'SchemaInline' or 'SchemaUri' must be set.") }
        if inline != nil && uri != nil { throw r.error("Both 'SchemaInline' and 'SchemaUri' cannot be defined at the same time.") }
        let schema = make(
            id + "Schema",
            "AWS::AppSync::GraphQLSchema",
            property: inline != nil ? "SchemaInline" : "SchemaUri",
            [("ApiId", apiId), ("Definition", inline), ("DefinitionS3Location", uri)]
        )

        var made = [graphQL, schema]
        for (i, arn) in lambdaAuthorizers.enumerated() {
            made += try lambdaAuthorizerPermission(arn, number: i + 1, &context)
        }
        if let logRole { made.append(logRole) }
        for entry in r["ApiKeys"]?.mapValue ?? Map() {
            let key = entry.value
            made.append(
                make(
                    id + entry.key,
                    "AWS::AppSync::ApiKey",
                    property: "ApiKeys",
                    [("ApiId", apiId), ("ApiKeyId", key["ApiKeyId"]), ("Description", key["Description"]), ("Expires", key["ExpiresOn"])]
                )
            )
        }
        if let cache = r["Cache"] {
            made.append(
                make(
                    id + "ApiCache",
                    "AWS::AppSync::ApiCache",
                    property: "Cache",
                    [
                        ("ApiId", apiId), ("ApiCachingBehavior", cache["ApiCachingBehavior"]), ("Type", cache["Type"]),
                        ("Ttl", cache["Ttl"]),
                        ("AtRestEncryptionEnabled", cache["AtRestEncryptionEnabled"]),
                        ("TransitEncryptionEnabled", cache["TransitEncryptionEnabled"]),
                    ]
                )
            )
        }
        if let sources = r["DataSources"] { made += try dataSources(sources, &context) }
        if let domain = r["DomainName"] {
            let name = make(
                id + "DomainName",
                "AWS::AppSync::DomainName",
                property: "DomainName",
                [
                    ("CertificateArn", domain["CertificateArn"]), ("DomainName", domain["DomainName"]),
                    ("Description", domain["Description"]),
                ]
            )
            made.append(name)
            made.append(
                make(
                    id + "DomainNameApiAssociation",
                    "AWS::AppSync::DomainNameApiAssociation",
                    property: "DomainName",
                    [("ApiId", apiId), ("DomainName", name.ref)]
                )
            )
        }
        if let functions = r["Functions"]?.mapValue { made += try self.functions(functions) }
        if let resolvers = r["Resolvers"]?.mapValue { made += try self.resolvers(resolvers, schema: schema.logicalId) }
        if let noneDataSource { made.append(noneDataSource) }
        return made
    }

    // MARK: Authentication

    /// Sets the API's authentication type and configuration, and the additional providers; the
    /// ARNs of the Lambda authorizers, default first.
    private func authentication(_ api: inout CFNResource) throws(SAMError) -> [Node] {
        let auth = resource["Auth"]?.mapValue ?? Map()
        var lambdaArns: [Node] = []
        var primary = auth
        primary.remove("Additional")
        api["AuthenticationType"] = auth["Type"]
        if let (name, config) = try authorizer(primary, index: nil) {
            api[name] = config
            if name == "LambdaAuthorizerConfig", let arn = config["AuthorizerUri"] { lambdaArns.append(arn) }
        }
        var additional: [Node] = []
        for (index, item) in (auth["Additional"]?.listValue ?? []).enumerated() {
            let map = item.mapValue ?? Map()
            var provider: [(String, Node)] = [("AuthenticationType", map["Type"] ?? Node(.null))]
            if let (name, config) = try authorizer(map, index: index) {
                provider.append((name, config))
                if name == "LambdaAuthorizerConfig", let arn = config["AuthorizerUri"] { lambdaArns.append(arn) }
            }
            additional.append(.map(provider))
        }
        if !additional.isEmpty { api["AdditionalAuthenticationProviders"] = .list(additional) }
        return lambdaArns
    }

    /// The configuration property and value for one authorizer (none for `AWS_IAM`, `API_KEY`).
    private func authorizer(_ auth: Map, index: Int?) throws(SAMError) -> (String, Node)? {
        let defined = auth.filter { !$0.value.isNull }.count
        // aws-sam-translator names the first additional provider as it names `Auth`.
        let prefix = index.flatMap { $0 == 0 ? nil : "Auth.Additional.\($0)" }
        if defined > 2 {
            throw resource.error(
                "\(prefix.map { "'\($0)'" } ?? "'Auth'") has more than one authentication configuration defined.",
                at: "Auth"
            )
        }
        func config(_ key: String, _ property: String, _ type: String, dropping: String? = nil) throws(SAMError) -> (String, Node) {
            guard let value = auth[key], !value.isNull, var map = value.mapValue else {
                throw resource.error("'\(key)' must be defined if type is '\(type)'.", at: "Auth")
            }
            for entry in map where entry.value.isNull { map.remove(entry.key) }
            if let dropping { map.remove(dropping) }
            return (property, Node(.map(map), range: value.range))
        }
        switch auth["Type"]?.stringValue {
        case "AWS_LAMBDA": return try config("LambdaAuthorizer", "LambdaAuthorizerConfig", "AWS_LAMBDA")
        case "OPENID_CONNECT": return try config("OpenIDConnect", "OpenIDConnectConfig", "OPENID_CONNECT")
        case "AMAZON_COGNITO_USER_POOLS":
            // Only the primary provider takes a default action.
            return try config("UserPool", "UserPoolConfig", "AMAZON_COGNITO_USER_POOLS", dropping: index == nil ? nil : "DefaultAction")
        default: return nil
        }
    }

    /// The Lambda permission that lets AppSync call a Lambda authorizer (a connector from the API
    /// to the function).
    private func lambdaAuthorizerPermission(_ arn: Node, number: Int, _ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        var source = Map()
        source["Type"] = "AWS::AppSync::GraphQLApi"
        source["Arn"] = .ref(id)
        source["ResourceId"] = apiId
        var destination = Map()
        destination["Type"] = "AWS::Lambda::Function"
        destination["Arn"] = arn
        return try Connection(
            logicalId: "\(id)ToLambdaAuthConnector\(number)",
            source: source,
            destination: Node(.map(destination)),
            permissions: ["Write"],
            attributes: [],
            origin: resource.origin(property: "Auth"),
            range: resource.range(of: "Auth")
        ).resources(&context)
    }

    // MARK: Data sources

    private mutating func dataSources(_ sources: Node, _ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        var made: [CFNResource] = []
        for entry in sources["DynamoDb"]?.mapValue ?? Map() {
            let ds = entry.value
            let logicalId = "\(id)\(entry.key)DynamoDBDataSource"
            var config: [(String, Node)] = [
                ("AwsRegion", given(ds["Region"]) ?? .ref("AWS::Region")), ("TableName", ds["TableName"] ?? Node(.null)),
            ]
            if let v = given(ds["UseCallerCredentials"]) { config.append(("UseCallerCredentials", v)) }
            if let v = given(ds["Versioned"]) { config.append(("Versioned", v)) }
            if let v = given(ds["DeltaSync"]) { config.append(("DeltaSyncConfig", v)) }
            var dataSource = make(
                logicalId,
                "AWS::AppSync::DataSource",
                property: "DataSources",
                [
                    ("Name", given(ds["Name"]) ?? .string(entry.key)), ("Type", "AMAZON_DYNAMODB"), ("ApiId", apiId),
                    ("Description", ds["Description"]), ("DynamoDBConfig", .map(config)),
                ]
            )
            var extra: [CFNResource] = []
            if let role = given(ds["ServiceRoleArn"]) {
                dataSource["ServiceRoleArn"] = role
            } else {
                let table =
                    given(ds["TableArn"])
                    ?? .sub(
                        "arn:${AWS::Partition}:dynamodb:${__Region__}:${AWS::AccountId}:table/${__TableName__}",
                        .map([
                            ("__TableName__", ds["TableName"] ?? Node(.null)), ("__Region__", given(ds["Region"]) ?? .ref("AWS::Region")),
                        ])
                    )
                let permissions =
                    (ds["Permissions"]?.listValue?.compactMap(\.stringValue)).flatMap { $0.isEmpty ? nil : $0 } ?? ["Read", "Write"]
                let (role, policy) = try dataSourceRole(
                    logicalId,
                    dataSource,
                    destinationType: "AWS::DynamoDB::Table",
                    destinationArn: table,
                    permissions: permissions,
                    connector: "ToTableConnector",
                    &context
                )
                dataSource["ServiceRoleArn"] = role.getAtt("Arn")
                extra = [role] + policy
            }
            dataSourceNames[entry.key] = dataSource.getAtt("Name")
            made += [dataSource] + extra
        }
        for entry in sources["Lambda"]?.mapValue ?? Map() {
            let ds = entry.value
            let logicalId = "\(id)\(entry.key)LambdaDataSource"
            var dataSource = make(
                logicalId,
                "AWS::AppSync::DataSource",
                property: "DataSources",
                [
                    ("Name", given(ds["Name"]) ?? .string(entry.key)), ("Type", "AWS_LAMBDA"), ("ApiId", apiId),
                    ("Description", ds["Description"]), ("LambdaConfig", .map([("LambdaFunctionArn", ds["FunctionArn"] ?? Node(.null))])),
                ]
            )
            var extra: [CFNResource] = []
            if let role = given(ds["ServiceRoleArn"]) {
                dataSource["ServiceRoleArn"] = role
            } else {
                let (role, policy) = try dataSourceRole(
                    logicalId,
                    dataSource,
                    destinationType: "AWS::Lambda::Function",
                    destinationArn: ds["FunctionArn"] ?? Node(.null),
                    permissions: ["Write"],
                    connector: "ToLambdaConnector",
                    &context
                )
                dataSource["ServiceRoleArn"] = role.getAtt("Arn")
                extra = [role] + policy
            }
            dataSourceNames[entry.key] = dataSource.getAtt("Name")
            made += [dataSource] + extra
        }
        return made
    }

    /// The role a data source reaches its table or function with, and the policy a connector from
    /// the data source to it gives that role.
    private func dataSourceRole(
        _ logicalId: String,
        _ dataSource: CFNResource,
        destinationType: String,
        destinationArn: Node,
        permissions: [String],
        connector: String,
        _ context: inout TransformContext
    ) throws(SAMError) -> (CFNResource, [CFNResource]) {
        let role = make(
            logicalId + "Role",
            "AWS::IAM::Role",
            property: "DataSources",
            [("AssumeRolePolicyDocument", ExecutionRole.trust("appsync.amazonaws.com"))]
        )
        var source = Map()
        source["Type"] = "AWS::AppSync::DataSource"
        source["Arn"] = dataSource.getAtt("DataSourceArn")
        source["RoleName"] = role.ref
        var destination = Map()
        destination["Type"] = .string(destinationType)
        destination["Arn"] = destinationArn
        var seen = Set<String>()
        let policy = try Connection(
            logicalId: logicalId + connector,
            source: source,
            destination: Node(.map(destination)),
            permissions: permissions.filter { seen.insert($0).inserted },
            attributes: [],
            origin: resource.origin(property: "DataSources"),
            range: resource.range(of: "DataSources")
        ).resources(&context)
        return (role, policy)
    }

    // MARK: Functions and resolvers

    private mutating func functions(_ functions: Map) throws(SAMError) -> [CFNResource] {
        var made: [CFNResource] = []
        for entry in functions {
            let name = entry.key
            let f = entry.value
            func fail(_ message: String) -> SAMError { SAMError(message, logicalId: name, range: entry.keyRange) }
            if given(f["Id"]) != nil {
                let defined = (f.mapValue ?? Map()).filter { !$0.value.isNull }.count
                if defined != 1 { throw fail("'Id' cannot be defined with other properties in Function.") }
                functionIds[name] = f["Id"]!
                continue
            }
            let inline = given(f["InlineCode"])
            let uri = given(f["CodeUri"])
            if inline != nil && uri != nil { throw fail("Both 'InlineCode' and 'CodeUri' cannot be defined at the same time.") }
            if inline == nil && uri == nil { throw fail("One of 'InlineCode' or 'CodeUri' must be set.") }
            let dataSourceName = try self.dataSourceName(f["DataSource"], fail)
            var config = make(
                id + name,
                "AWS::AppSync::FunctionConfiguration",
                property: "Functions",
                [
                    ("ApiId", apiId), ("Name", given(f["Name"]) ?? .string(name)), ("Code", inline), ("CodeS3Location", uri),
                    ("DataSourceName", dataSourceName), ("MaxBatchSize", f["MaxBatchSize"]), ("Description", f["Description"]),
                    ("Runtime", try runtime(f, name, fail)),
                ]
            )
            if let sync = given(f["Sync"]) { config["SyncConfig"] = withoutNulls(sync) }
            functionIds[name] = config.getAtt("FunctionId")
            made.append(config)
        }
        return made
    }

    /// A function's data source: a name under `DataSources`, `NONE` (any case) for the shared
    /// data source of type `NONE`, or an intrinsic function naming one defined elsewhere.
    private mutating func dataSourceName(_ value: Node?, _ fail: (String) -> SAMError) throws(SAMError) -> Node {
        guard let value, value.isTruthy else { throw fail("'DataSource' must be set.") }
        guard let name = value.stringValue else { return value }
        if name.lowercased() == "none" {
            if noneDataSource == nil {
                noneDataSource = make(
                    id + "NoneDataSource",
                    "AWS::AppSync::DataSource",
                    property: "Functions",
                    [("ApiId", apiId), ("Name", .string(id + "NoneDataSource")), ("Type", "NONE")]
                )
            }
            return noneDataSource!.getAtt("Name")
        }
        if let known = dataSourceNames[name] { return known }
        throw fail(
            "Either define DataSource '\(name)' in 'DataSources' or use intrinsic function like GetAtt, ImportValue, Sub or another one "
                + "to reference a DataSource defined outside of this GraphQLApi resource."
        )
    }

    private func runtime(_ f: Node, _ name: String, _ fail: (String) -> SAMError) throws(SAMError) -> Node {
        guard let runtime = given(f["Runtime"]) else { throw fail("'Runtime' must be defined as a property in \(name).") }
        return .map([("Name", runtime["Name"] ?? Node(.null)), ("RuntimeVersion", runtime["Version"] ?? Node(.null))])
    }

    private func resolvers(_ types: Map, schema: String) throws(SAMError) -> [CFNResource] {
        var made: [CFNResource] = []
        for type in types {
            for entry in type.value.mapValue ?? Map() {
                let name = entry.key
                let r = entry.value
                func fail(_ message: String) -> SAMError { SAMError(message, logicalId: name, range: entry.keyRange) }
                let inline = given(r["InlineCode"])
                let uri = given(r["CodeUri"])
                if inline != nil && uri != nil { throw fail("Both 'InlineCode' and 'CodeUri' cannot be defined at the same time.") }
                let code: Node?
                let runtime: Node
                if inline == nil && uri == nil {
                    code = .string(ServerlessGraphQLApi.defaultResolverCode)
                    runtime = .map([("Name", "APPSYNC_JS"), ("RuntimeVersion", "1.0.0")])
                } else {
                    code = inline
                    runtime = try self.runtime(r, name, fail)
                }
                guard let pipeline = given(r["Pipeline"])?.listValue else {
                    throw fail(
                        "Resolver '\(name)' must have Pipeline defined. Unit resolvers are not supported. If you need a Unit resolver "
                            + "you can use AppSync resource."
                    )
                }
                var ids: [Node] = []
                for function in pipeline {
                    guard let f = function.stringValue, let fid = functionIds[f] else {
                        throw fail("Function '\(function.stringValue ?? PythonJSON.dumps(function))' does not exist.")
                    }
                    ids.append(fid)
                }
                var resolver = make(
                    id + type.key + name,
                    "AWS::AppSync::Resolver",
                    property: "Resolvers",
                    [
                        ("Code", code), ("CodeS3Location", uri), ("Runtime", runtime), ("ApiId", apiId),
                        ("FieldName", given(r["FieldName"]) ?? .string(name)), ("TypeName", .string(type.key)), ("Kind", "PIPELINE"),
                        ("PipelineConfig", .map([("Functions", .list(ids))])),
                    ],
                    attributes: resource.supportedAttributes + [("DependsOn", [.string(schema)])]
                )
                if let caching = r["Caching"] { resolver["CachingConfig"] = withoutNulls(caching) }
                if let size = given(r["MaxBatchSize"]) { resolver["MaxBatchSize"] = size }
                made.append(resolver)
            }
        }
        return made
    }

    /// A mapping without its null entries.
    private func withoutNulls(_ node: Node) -> Node {
        guard var map = node.mapValue else { return node }
        for entry in map where entry.value.isNull { map.remove(entry.key) }
        return Node(.map(map), range: node.range)
    }
}
