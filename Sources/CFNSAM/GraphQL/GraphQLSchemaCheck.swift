import CFNModel

/// The shape of a `AWS::Serverless::GraphQLApi`'s properties, as aws-sam-translator checks them
/// before translating (its pydantic model: no unknown keys at any level, required fields there,
/// literals and booleans as they must be). The first problem found is reported as
/// `Property 'Auth.Type' is invalid.`, with the path to it.
indirect enum GraphQLShape: Sendable {
    /// Anything (a pass-through value).
    case any
    /// A string (numbers are taken as their text).
    case string
    /// A boolean (or what pydantic takes for one: `"true"`, `1`, ...).
    case bool
    /// One of these strings.
    case literal([String])
    /// A mapping with these fields (name, shape, required); no other keys.
    case model([(String, GraphQLShape, Bool)])
    /// A mapping of any keys to values of this shape.
    case dictOf(GraphQLShape)
    /// A list of values of this shape.
    case listOf(GraphQLShape)
    /// Either shape.
    case either(GraphQLShape, GraphQLShape)
    /// A mapping of anything (an intrinsic function included).
    case anyMap

    /// The path of the first value that does not fit, or nil when `node` fits.
    func firstProblem(_ node: Node, _ path: [String]) -> [String]? {
        switch self {
        case .any:
            return nil
        case .string:
            switch node.value {
            case .string, .number: return nil
            default: return path
            }
        case .bool:
            return GraphQLShape.boolean(node) == nil ? path : nil
        case .literal(let values):
            return node.stringValue.map(values.contains) == true ? nil : path
        case .anyMap:
            return node.mapValue != nil || node.isIntrinsic ? nil : path
        case .model(let fields):
            guard let map = node.mapValue else { return path }
            for (name, shape, required) in fields {
                guard let value = map[name], !value.isNull else {
                    if required { return path + [name] }
                    continue
                }
                if let problem = shape.firstProblem(value, path + [name]) { return problem }
            }
            if let extra = map.keys.first(where: { key in !fields.contains { $0.0 == key } }) { return path + [extra] }
            return nil
        case .dictOf(let shape):
            guard let map = node.mapValue else { return path }
            for entry in map {
                if let problem = shape.firstProblem(entry.value, path + [entry.key]) { return problem }
            }
            return nil
        case .listOf(let shape):
            guard let items = node.listValue else { return path }
            for (i, item) in items.enumerated() {
                if let problem = shape.firstProblem(item, path + [String(i)]) { return problem }
            }
            return nil
        case .either(let a, let b):
            guard let problem = a.firstProblem(node, path) else { return nil }
            return b.firstProblem(node, path) == nil ? nil : problem
        }
    }

    /// A boolean as pydantic reads one.
    static func boolean(_ node: Node) -> Bool? {
        switch node.value {
        case .bool(let b): return b
        case .number(let n):
            if n.doubleValue == 1 { return true }
            if n.doubleValue == 0 { return false }
            return nil
        case .string(let s):
            switch s.lowercased() {
            case "1", "on", "t", "true", "y", "yes": return true
            case "0", "off", "f", "false", "n", "no": return false
            default: return nil
            }
        default:
            return nil
        }
    }

    static let lambdaAuthorizer = model([
        ("AuthorizerResultTtlInSeconds", .any, false), ("AuthorizerUri", .any, true), ("IdentityValidationExpression", .any, false),
    ])
    static let openIDConnect = model([
        ("AuthTTL", .any, false), ("ClientId", .any, false), ("IatTTL", .any, false), ("Issuer", .any, false),
    ])
    static let userPool = model([
        ("AppIdClientRegex", .any, false), ("AwsRegion", .any, false), ("DefaultAction", .any, false), ("UserPoolId", .any, true),
    ])
    static let authenticationTypes = ["AWS_IAM", "API_KEY", "AWS_LAMBDA", "OPENID_CONNECT", "AMAZON_COGNITO_USER_POOLS"]
    static let authorizerFields: [(String, GraphQLShape, Bool)] = [
        ("Type", .literal(authenticationTypes), true), ("LambdaAuthorizer", lambdaAuthorizer, false),
        ("OpenIDConnect", openIDConnect, false), ("UserPool", userPool, false),
    ]
    static let runtime = model([("Name", .any, true), ("Version", .any, true)])
    static let sync = model([
        ("ConflictDetection", .any, true), ("ConflictHandler", .any, false),
        ("LambdaConflictHandlerConfig", .model([("LambdaConflictHandlerArn", .any, true)]), false),
    ])

    /// The properties of a GraphQL API.
    static let properties = model([
        ("Auth", .model(authorizerFields + [("Additional", .listOf(.model(authorizerFields)), false)]), true),
        ("Tags", .dictOf(.any), false), ("Name", .any, false), ("XrayEnabled", .bool, false), ("SchemaInline", .any, false),
        ("SchemaUri", .any, false),
        (
            "Logging",
            .either(
                .model([("CloudWatchLogsRoleArn", .any, false), ("ExcludeVerboseContent", .any, false), ("FieldLogLevel", .any, false)]),
                .bool
            ),
            false
        ),
        (
            "DataSources",
            .model([
                (
                    "DynamoDb",
                    .dictOf(
                        .model([
                            ("TableName", .any, true), ("ServiceRoleArn", .any, false), ("TableArn", .any, false),
                            ("Permissions", .listOf(.literal(["Read", "Write"])), false), ("Name", .any, false),
                            ("Description", .any, false),
                            ("Region", .any, false),
                            (
                                "DeltaSync",
                                .model([
                                    ("BaseTableTTL", .any, true), ("DeltaSyncTableName", .any, true), ("DeltaSyncTableTTL", .any, true),
                                ]),
                                false
                            ),
                            ("UseCallerCredentials", .any, false), ("Versioned", .any, false),
                        ])
                    ),
                    false
                ),
                (
                    "Lambda",
                    .dictOf(
                        .model([
                            ("FunctionArn", .any, true), ("ServiceRoleArn", .any, false), ("Name", .any, false),
                            ("Description", .any, false),
                        ])
                    ),
                    false
                ),
            ]),
            false
        ),
        (
            "Functions",
            .dictOf(
                .model([
                    ("DataSource", .either(.anyMap, .string), false), ("Runtime", runtime, false), ("InlineCode", .any, false),
                    ("CodeUri", .any, false), ("Description", .any, false), ("MaxBatchSize", .any, false), ("Name", .string, false),
                    ("Id", .any, false), ("Sync", sync, false),
                ])
            ),
            false
        ),
        (
            "Resolvers",
            .dictOf(
                .dictOf(
                    .model([
                        ("FieldName", .string, false),
                        ("Caching", .model([("Ttl", .any, true), ("CachingKeys", .listOf(.any), false)]), false),
                        ("InlineCode", .any, false), ("CodeUri", .any, false), ("MaxBatchSize", .any, false),
                        ("Pipeline", .listOf(.string), false),
                        ("Runtime", runtime, false), ("Sync", sync, false),
                    ])
                )
            ),
            false
        ),
        ("ApiKeys", .dictOf(.model([("ApiKeyId", .any, false), ("Description", .any, false), ("ExpiresOn", .any, false)])), false),
        ("DomainName", .model([("CertificateArn", .any, true), ("DomainName", .any, true), ("Description", .any, false)]), false),
        (
            "Cache",
            .model([
                ("ApiCachingBehavior", .any, true), ("Ttl", .any, true), ("Type", .any, true), ("AtRestEncryptionEnabled", .any, false),
                ("TransitEncryptionEnabled", .any, false),
            ]),
            false
        ),
        ("Visibility", .any, false), ("OwnerContact", .any, false), ("IntrospectionConfig", .any, false),
        ("QueryDepthLimit", .any, false), ("ResolverCountLimit", .any, false),
    ])
}
