import CFNModel

/// What a function's publishing properties make besides the function: `AutoPublishAlias` (a
/// version and an alias), `FunctionUrlConfig` (a URL and its permissions), `DeploymentPreference`
/// (recorded for the CodeDeploy resources made after all functions) and `EventInvokeConfig`.
enum FunctionPublishing {
    struct Extras {
        /// The resources made, in aws-sam-translator's order.
        var resources: [CFNResource] = []
        /// The alias events should target instead of the function.
        var alias: CFNResource?
        /// Inline policies the execution role needs (event invoke destinations).
        var rolePolicies: [Node] = []
    }

    static func make(_ resource: SAMResource, _ function: inout CFNResource, _ context: inout TransformContext) throws(SAMError) -> Extras {
        var extras = Extras()
        if let aliasValue = resource["AutoPublishAlias"] {
            let name = try aliasName(aliasValue, resource, context)
            var sha: String? = nil
            if let value = resource["AutoPublishCodeSha256"] {
                guard let s = context.intrinsics.resolved(value).stringValue else {
                    throw resource.error("AutoPublishCodeSha256 must be a string", at: "AutoPublishCodeSha256")
                }
                sha = s
                // Lambda publishes no new version when only the code behind the same location changed:
                // the hash in the description makes the function change.
                let description = resource["Description"].map { context.intrinsics.resolved($0) }
                if let d = description, d.stringValue == nil, d.isTruthy {
                    function["Description"] = .join(" ", [d, .string(s)])
                } else if let d = description?.stringValue, !d.isEmpty {
                    function["Description"] = .string("\(d) \(s)")
                } else {
                    function["Description"] = .string(s)
                }
            }
            let version = try self.version(resource, function, context, codeSha256: sha)
            let alias = try self.alias(name, resource, function, version)
            extras.resources += [version, alias]
            extras.alias = alias
        }
        if let config = resource["FunctionUrlConfig"] {
            extras.resources += try functionURL(config, resource, function, extras.alias)
        }
        if let policy = try DeploymentPreferences.add(resource, alias: extras.alias, &context), var alias = extras.alias {
            alias.attributes["UpdatePolicy"] = policy
            extras.alias = alias
            if let i = extras.resources.firstIndex(where: { $0.logicalId == alias.logicalId }) { extras.resources[i] = alias }
        }
        if let config = resource["EventInvokeConfig"] {
            let aliasName = try resource["AutoPublishAlias"].map { v throws(SAMError) in try self.aliasName(v, resource, context) }
            let (made, policies) = try eventInvokeConfig(config, resource, function, extras.alias, aliasName, &context)
            extras.resources += made
            extras.rolePolicies += policies
        }
        return extras
    }

    /// `FunctionUrlConfig`: an `AWS::Lambda::Url` on the alias (or the function) and, for public
    /// URLs (`AuthType: NONE`), the permissions that let anyone call it through the URL.
    private static func functionURL(
        _ config: Node,
        _ r: SAMResource,
        _ function: CFNResource,
        _ alias: CFNResource?
    ) throws(SAMError)
        -> [CFNResource]
    {
        let target = alias?.ref ?? function.ref
        let map = config.mapValue
        if let map, !(map["AuthType"]?.isIntrinsic ?? false) {
            let auth = map["AuthType"]?.stringValue
            guard let auth, ["AWS_IAM", "NONE"].contains(auth) else {
                throw r.error(
                    "AuthType is required to configure function property `FunctionUrlConfig`. Please provide either AWS_IAM or NONE.",
                    at: "FunctionUrlConfig"
                )
            }
        }
        if let cors = map?["Cors"], cors.isTruthy, !cors.isIntrinsic {
            let fields = try r.expect(cors, "FunctionUrlConfig.Cors").map()
            let types: [String: (PropertySpec.Shape, String)] = [
                "AllowOrigins": (.list, "list"), "AllowMethods": (.list, "list"), "AllowCredentials": (.bool, "bool"),
                "AllowHeaders": (.list, "list"), "ExposeHeaders": (.list, "list"), "MaxAge": (.integer, "int"),
            ]
            for field in fields {
                guard let (shape, word) = types[field.key] else {
                    throw r.error("\(field.key) is not a valid property for configuring Cors.", at: "FunctionUrlConfig")
                }
                if !field.value.isIntrinsic && !shape.matches(field.value) {
                    throw r.error("\(field.key) must be of type \(word).", at: "FunctionUrlConfig")
                }
            }
        }
        let origin = r.origin(property: "FunctionUrlConfig")
        let attributes = r.passthroughAttributes
        var made = [
            CFNResource(
                "\(function.logicalId)Url",
                "AWS::Lambda::Url",
                origin: origin,
                properties: [
                    ("Cors", map?["Cors"].flatMap { $0.isTruthy ? $0 : nil }), ("AuthType", map?["AuthType"]),
                    ("TargetFunctionArn", target), ("InvokeMode", map?["InvokeMode"]),
                ],
                attributes: attributes
            )
        ]
        if let map, map["AuthType"]?.stringValue == "NONE" {
            made.append(
                CFNResource(
                    "\(function.logicalId)UrlPublicPermissions",
                    "AWS::Lambda::Permission",
                    origin: origin,
                    properties: [
                        ("Action", "lambda:InvokeFunctionUrl"), ("FunctionName", target), ("Principal", "*"),
                        ("FunctionUrlAuthType", "NONE"),
                    ],
                    attributes: attributes
                )
            )
            made.append(
                CFNResource(
                    "\(function.logicalId)URLInvokeAllowPublicAccess",
                    "AWS::Lambda::Permission",
                    origin: origin,
                    properties: [
                        ("Action", "lambda:InvokeFunction"), ("Principal", "*"), ("FunctionName", target), ("InvokedViaFunctionUrl", true),
                    ],
                    attributes: attributes
                )
            )
        }
        return made
    }

    /// `EventInvokeConfig`: an `AWS::Lambda::EventInvokeConfig` for the alias (or `$LATEST`); a
    /// destination of type SQS or SNS without an ARN gets a queue or topic made for it, and every
    /// destination gets the role policy that lets the function send to it.
    private static func eventInvokeConfig(
        _ config: Node,
        _ r: SAMResource,
        _ function: CFNResource,
        _ alias: CFNResource?,
        _ aliasName: String?,
        _ context: inout TransformContext
    ) throws(SAMError) -> ([CFNResource], [Node]) {
        let resolved = context.intrinsics.resolved(config)
        let id = "\(function.logicalId)EventInvokeConfig"
        var made: [CFNResource] = []
        var policies: [Node] = []
        var destinations: [(String, Node)] = []
        if let destination = resolved["DestinationConfig"], destination.isTruthy {
            let map = try r.expect(destination, "EventInvokeConfig.DestinationConfig").map()
            for name in ["OnSuccess", "OnFailure"] {
                guard let value = map[name], !value.isNull else { continue }
                let entry = try r.expect(value, "EventInvokeConfig.DestinationConfig.\(name)").map()
                let (resource, arn, policy) = try destinationResources(entry, name, id, r, &context)
                destinations.append((name, .map([("Destination", arn ?? Node(.null))])))
                if let resource { made.append(resource) }
                if let policy { policies.append(policy) }
            }
        }
        var attributes = r.supportedAttributes
        if let alias { attributes.append(("DependsOn", [.string(alias.logicalId)])) }
        made.append(
            CFNResource(
                id,
                "AWS::Lambda::EventInvokeConfig",
                origin: r.origin(property: "EventInvokeConfig"),
                properties: [
                    ("FunctionName", function.ref), ("Qualifier", .string(aliasName ?? "$LATEST")),
                    ("DestinationConfig", .map(destinations)), ("MaximumEventAgeInSeconds", resolved["MaximumEventAgeInSeconds"]),
                    ("MaximumRetryAttempts", resolved["MaximumRetryAttempts"]),
                ],
                attributes: attributes
            )
        )
        return (made, policies)
    }

    private static func destinationResources(
        _ entry: Map,
        _ name: String,
        _ configId: String,
        _ r: SAMResource,
        _ context: inout TransformContext
    ) throws(SAMError) -> (CFNResource?, Node?, Node?) {
        let accepted = ["SQS", "SNS", "EventBridge", "Lambda", "S3Bucket"]
        let type = entry["Type"]?.stringValue
        guard let type, accepted.contains(type) else {
            throw r.error(
                "'Type: \(entry["Type"].map { $0.scalarText ?? PythonJSON.dumps($0) } ?? "None")' must be one of \(Globals.pythonList(accepted))",
                at: "EventInvokeConfig"
            )
        }
        let resourceId = configId + name
        var destination = entry["Destination"]
        let (propertyCondition, arn) = try conditionOf(destination, configId, r, &context)
        var made: CFNResource? = nil
        var policy: Node? = nil
        if destination == nil || propertyCondition != nil {
            let combined = combine(r.attribute("Condition")?.stringValue, propertyCondition, r, &context)
            guard type == "SQS" || type == "SNS" else {
                throw r.error("Destination is required if Type is not ['SQS', 'SNS']", at: "EventInvokeConfig")
            }
            var resource = CFNResource(
                resourceId + (type == "SQS" ? "Queue" : "Topic"),
                type == "SQS" ? "AWS::SQS::Queue" : "AWS::SNS::Topic",
                origin: r.origin(property: "EventInvokeConfig"),
                attributes: r.passthroughAttributes
            )
            if let combined { resource.attributes["Condition"] = .string(combined) }
            let madeArn = type == "SQS" ? resource.getAtt("Arn") : resource.ref
            destination = propertyCondition.map { Node.if($0, madeArn, arn ?? .noValue) } ?? madeArn
            policy = destinationPolicy(type, resourceId, destination!)
            made = resource
        } else if let d = destination {
            policy = destinationPolicy(type, resourceId, d)
        }
        return (made, destination, policy)
    }

    /// For a destination `!If [C, !Ref AWS::NoValue, arn]` (or the mirror): the condition under
    /// which SAM makes the queue or topic, and the ARN otherwise.
    private static func conditionOf(
        _ destination: Node?,
        _ id: String,
        _ r: SAMResource,
        _ context: inout TransformContext
    )
        throws(SAMError) -> (String?, Node?)
    {
        guard let destination, destination.functionValue?.name == .if else { return (nil, nil) }
        guard let b = destination.ifBranches, let condition = b.condition.stringValue else {
            throw SAMError("Malformed 'Destination' property: Fn::If requires 3 arguments.", logicalId: id, range: destination.range)
        }
        if b.then.isNoValue && b.otherwise.isNoValue { return (nil, nil) }
        if b.then.isNoValue { return (condition, b.otherwise) }
        if b.otherwise.isNoValue {
            let not = conditionName("NOT" + condition, id)
            context.conditions[not] = .call(.not, [.call(.condition, .string(condition))])
            return (not, b.then)
        }
        return (nil, nil)
    }

    private static func combine(_ resource: String?, _ property: String?, _ r: SAMResource, _ context: inout TransformContext) -> String? {
        guard let resource else { return property }
        guard let property else { return resource }
        let name = conditionName(resource + "AND" + property, r.logicalId)
        context.conditions[name] = .call(.and, [.call(.condition, .string(resource)), .call(.condition, .string(property))])
        return name
    }

    /// A generated condition's name: `name` and the hash of `hashInput`, at most 255 characters.
    static func conditionName(_ name: String, _ hashInput: String) -> String {
        String((name + LogicalId.hash(.string(hashInput))).prefix(255))
    }

    private static func destinationPolicy(_ type: String, _ id: String, _ arn: Node) -> Node? {
        func policy(_ suffix: String, _ statements: [Node]) -> Node {
            .map([("PolicyName", .string(id + suffix)), ("PolicyDocument", .map([("Statement", .list(statements))]))])
        }
        func allow(_ action: String, _ resource: Node) -> Node {
            .map([("Action", .string(action)), ("Effect", "Allow"), ("Resource", resource)])
        }
        switch type {
        case "SQS": return policy("SQSPolicy", [allow("sqs:SendMessage", arn)])
        case "SNS": return policy("SNSPolicy", [allow("sns:publish", arn)])
        case "EventBridge": return policy("EventBridgePolicy", [allow("events:PutEvents", arn)])
        case "Lambda": return policy("LambdaPolicy", [allow("lambda:InvokeFunction", arn)])
        case "S3Bucket": return policy("S3Policy", [allow("s3:PutObject", .join("/", [arn, "*"])), allow("s3:ListBucket", arn)])
        default: return nil
        }
    }

    /// The alias name: a string, or a `Ref` to a parameter with a value.
    static func aliasName(_ value: Node, _ resource: SAMResource, _ context: TransformContext) throws(SAMError) -> String {
        guard let name = context.intrinsics.resolved(value).stringValue else {
            throw resource.error("'AutoPublishAlias' must be a string or a Ref to a template parameter", at: "AutoPublishAlias")
        }
        return name
    }

    /// The `AWS::Lambda::Version`, named after the hash of what should make a new version: the
    /// code location (parameters resolved), the environment and memory, SnapStart when it applies;
    /// or every property of the function with `AutoPublishAliasAllProperties`.
    private static func version(
        _ r: SAMResource,
        _ function: CFNResource,
        _ context: TransformContext,
        codeSha256: String?
    )
        throws(SAMError) -> CFNResource
    {
        var hashed = Map()
        if case .bool(true) = r["AutoPublishAliasAllProperties"]?.value {
            hashed = function.properties
            for layer in function["Layers"]?.listValue ?? [] {
                guard let id = layer.functionValue?.refTarget ?? layer.functionValue?.getAttTarget?.resource,
                    let properties = context.resource(id)?["Properties"], case .bool(true) = properties["PublishLambdaVersion"]?.value
                else { continue }
                hashed[id] = properties
            }
        } else {
            let code = try context.intrinsics.resolveParameters(function["Code"] ?? Node(.map(Map())))
            hashed = code.mapValue ?? Map()
            for entry in function["Environment"]?.mapValue ?? Map() { hashed[entry.key] = entry.value }
            if let memory = function["MemorySize"], memory.isTruthy { hashed["MemorySize"] = memory }
            if let snap = function["SnapStart"], (snap["ApplyOn"]?.stringValue ?? "None") != "None" { hashed["SnapStart"] = snap }
        }
        let id =
            codeSha256.map { "\(r.logicalId)Version" + String($0.prefix(10)) }
            ?? LogicalId.make("\(r.logicalId)Version", Node(.map(hashed)))
        var attributes = r.passthroughAttributes
        if !attributes.contains(where: { $0.0 == "DeletionPolicy" }) {
            let policy = r["VersionDeletionPolicy"] ?? .string(r["CapacityProviderConfig"] != nil ? "Delete" : "Retain")
            attributes.append(("DeletionPolicy", policy))
        }
        var scaling: Node? = nil
        if r["CapacityProviderConfig"] != nil { scaling = r["FunctionScalingConfig"] }
        return CFNResource(
            id,
            "AWS::Lambda::Version",
            origin: r.origin(property: "AutoPublishAlias"),
            properties: [("Description", r["VersionDescription"]), ("FunctionName", function.ref), ("FunctionScalingConfig", scaling)],
            attributes: attributes
        )
    }

    /// The `AWS::Lambda::Alias` `<Function>Alias<name>` (`-` and `_` in the name spelled `D` and `U`).
    private static func alias(
        _ name: String,
        _ r: SAMResource,
        _ function: CFNResource,
        _ version: CFNResource
    ) throws(SAMError)
        -> CFNResource
    {
        if name.isEmpty { throw r.error("Alias name is required to create an alias", at: "AutoPublishAlias") }
        let valid = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        if !valid || name.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw r.error(
                "AutoPublishAlias name ('\(name)') must contain only alphanumeric characters, hyphens, or underscores matching (?!^[0-9]+$)([a-zA-Z0-9-_]+) pattern.",
                at: "AutoPublishAlias"
            )
        }
        let idName = name.replacing("-", with: "D").replacing("_", with: "U")
        return CFNResource(
            "\(function.logicalId)Alias\(idName)",
            "AWS::Lambda::Alias",
            origin: r.origin(property: "AutoPublishAlias"),
            properties: [
                ("Name", .string(name)), ("FunctionName", function.ref), ("FunctionVersion", version.getAtt("Version")),
                ("ProvisionedConcurrencyConfig", r["ProvisionedConcurrencyConfig"]),
            ],
            attributes: r.passthroughAttributes
        )
    }
}
