import CFNModel

/// `AWS::Serverless::Function`: a Lambda function, its execution role (unless `Role` is given),
/// and what its events, `AutoPublishAlias`, `DeploymentPreference`, `FunctionUrlConfig` and
/// `EventInvokeConfig` make.
enum ServerlessFunction: ResourceTranslator {
    static let type = "AWS::Serverless::Function"

    static let properties = PropertyTable([
        ("FunctionName", .type(.oneOf([.string, .map]))),
        ("Handler", .pass), ("Runtime", .pass), ("CodeUri", .pass), ("ImageUri", .pass), ("PackageType", .pass),
        ("InlineCode", .pass), ("DeadLetterQueue", .type(.map)), ("Description", .pass), ("MemorySize", .pass),
        ("Timeout", .pass), ("VpcConfig", .pass), ("Role", .type(.string)), ("AssumeRolePolicyDocument", .type(.map)),
        ("Policies", .type(.oneOf([.string, .map, .listOf(.oneOf([.string, .map]))]))), ("RolePath", .pass),
        ("PermissionsBoundary", .type(.string)), ("Environment", .type(.mapOf(.map))), ("Events", .type(.mapOf(.map))),
        ("Tags", .type(.map)), ("PropagateTags", .type(.bool)), ("Tracing", .type(.oneOf([.map, .string]))),
        ("KmsKeyArn", .pass), ("DeploymentPreference", .type(.map)), ("ReservedConcurrentExecutions", .pass),
        ("Layers", .type(.listOf(.oneOf([.string, .map])))), ("EventInvokeConfig", .type(.map)), ("EphemeralStorage", .pass),
        ("AutoPublishAlias", .type(.oneOf([.string]))), ("AutoPublishCodeSha256", .type(.oneOf([.string]))),
        ("AutoPublishAliasAllProperties", .strict(.bool)), ("VersionDescription", .pass), ("ProvisionedConcurrencyConfig", .pass),
        ("FileSystemConfigs", .pass), ("ImageConfig", .pass), ("CodeSigningConfigArn", .pass), ("Architectures", .pass),
        ("SnapStart", .type(.map)), ("FunctionUrlConfig", .type(.map)), ("RuntimeManagementConfig", .pass),
        ("LoggingConfig", .pass), ("RecursiveLoop", .pass), ("SourceKMSKeyArn", .pass), ("CapacityProviderConfig", .type(.map)),
        ("FunctionScalingConfig", .type(.map)), ("VersionDeletionPolicy", .type(.stringEnum(["Delete", "Retain"]))),
        ("PublishToLatestPublished", .pass), ("TenancyConfig", .pass), ("DurableConfig", .type(.map)),
    ])

    static let referableProperties = [
        "Alias": "AWS::Lambda::Alias", "Version": "AWS::Lambda::Version", "DestinationTopic": "AWS::SNS::Topic",
        "DestinationQueue": "AWS::SQS::Queue",
    ]

    static func prepare(_ resource: inout SAMResource, _ context: inout TransformContext) throws(SAMError) {
        try Policies.expandTemplates(&resource, &context.policyTemplates)
    }

    static func translate(_ resource: SAMResource, _ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        // The events are checked first: an invalid event fails the function before anything else.
        let events = try FunctionEvents.events(of: resource)
        for (event, source) in events { try source.link(event, &context) }
        try validateRules(resource)
        try validateTenancy(resource)
        if let dlq = resource["DeadLetterQueue"] { try validateDeadLetterQueue(dlq, resource) }

        var made: [CFNResource] = []
        var function = try lambdaFunction(resource, context)
        if resource["ProvisionedConcurrencyConfig"] != nil && resource["AutoPublishAlias"] == nil {
            throw resource.error("To set ProvisionedConcurrencyConfig AutoPublishALias must be defined on the function")
        }
        // Versions and the alias (AutoPublishAlias), function URLs, deployment preferences and
        // event invoke configuration: what they make follows the function.
        var extras = try FunctionPublishing.make(resource, &function, &context)
        made.append(function)
        made += extras.resources

        var role: CFNResource? = nil
        if resource["Role"] == nil {
            var r = try executionRole(resource, context, extraPolicies: extras.rolePolicies)
            role = r
            function["Role"] = r.getAtt("Arn")
            r.origin = resource.origin()
            made.append(r)
            made[0] = function
        } else if let role0 = resource["Role"], role0.functionValue?.name == .if {
            let r = try executionRole(resource, context, extraPolicies: extras.rolePolicies)
            let (value, condition, newCondition) = try conditionalRole(role0, r, resource, context)
            if let value {
                function["Role"] = value
                var conditioned = r
                if let condition { conditioned.attributes["Condition"] = .string(condition) }
                role = conditioned
                made.append(conditioned)
            }
            if let newCondition { context.conditions[newCondition.0] = newCondition.1 }
            made[0] = function
        }

        var target = FunctionTarget(function: extras.alias ?? function, role: role, resource: resource)
        for (event, source) in FunctionEvents.sorted(events) {
            made += try source.translate(event, &target, &context)
        }
        // Events may add inline policies to the role SAM made.
        if let updated = target.role, let i = made.firstIndex(where: { $0.logicalId == updated.logicalId }) { made[i] = updated }
        extras.resources = []
        Tagging.propagate(&made, tags: resource["Tags"], enabled: resource["PropagateTags"])
        return made
    }

    /// The rules aws-sam-translator checks between properties before translating.
    private static func validateRules(_ r: SAMResource) throws(SAMError) {
        var messages: [String] = []
        for pair in [("CapacityProviderConfig", "ProvisionedConcurrencyConfig"), ("CapacityProviderConfig", "VpcConfig")]
        where r[pair.0] != nil && r[pair.1] != nil {
            messages.append("Cannot specify '\(pair.0)' and '\(pair.1)' together.")
        }
        for pair in [("FunctionScalingConfig", "CapacityProviderConfig"), ("VersionDeletionPolicy", "AutoPublishAlias")]
        where r[pair.0] != nil && r[pair.1] == nil {
            messages.append("'\(pair.0)' requires '\(pair.1)'.")
        }
        if !messages.isEmpty { throw r.error(messages.joined(separator: "\n")) }
    }

    /// What a function with `TenancyConfig` cannot have.
    private static func validateTenancy(_ r: SAMResource) throws(SAMError) {
        guard let t = r["TenancyConfig"], t.isTruthy else { return }
        if r["ProvisionedConcurrencyConfig"] != nil {
            throw r.error("Provisioned concurrency is not supported for functions enabled with tenancy configuration.")
        }
        if r["FunctionUrlConfig"] != nil {
            throw r.error("Function URL is not supported for functions enabled with tenancy configuration.")
        }
        if r["SnapStart"] != nil { throw r.error("SnapStart is not supported for functions enabled with tenancy configuration.") }
        for event in r["Events"]?.mapValue ?? Map() {
            let type = event.value["Type"]?.stringValue
            if type != "Api" && type != "HttpApi" {
                throw r.error(
                    "Event source '\(type ?? "None")' is not supported for functions enabled with tenancy configuration. Only Api and HttpApi event sources are supported.",
                    at: "Events"
                )
            }
        }
    }

    private static func validateDeadLetterQueue(_ dlq: Node, _ r: SAMResource) throws(SAMError) {
        let type = dlq["Type"]
        guard let type, type.isTruthy, let arn = dlq["TargetArn"], arn.isTruthy else {
            throw r.error("'DeadLetterQueue' requires Type and TargetArn properties to be specified.", at: "DeadLetterQueue")
        }
        let name = try r.expect(type, "DeadLetterQueue.Type").string()
        guard ["SQS", "SNS"].contains(name) else {
            throw r.error("'DeadLetterQueue' requires Type of ['SQS', 'SNS']", at: "DeadLetterQueue")
        }
    }

    /// The `AWS::Lambda::Function`, its properties in aws-sam-translator's order.
    private static func lambdaFunction(_ r: SAMResource, _ context: TransformContext) throws(SAMError) -> CFNResource {
        let tracing = r["Tracing"].map { context.intrinsics.resolved($0) }
        var tracingConfig: Node? = nil
        if let t = r["Tracing"], tracing?.stringValue != "Disabled" { tracingConfig = .map([("Mode", t)]) }
        let dlq = r["DeadLetterQueue"].flatMap { $0["TargetArn"] }.map { Node.map([("TargetArn", $0)]) }
        let function = CFNResource(
            r.logicalId,
            "AWS::Lambda::Function",
            origin: r.origin(),
            properties: [
                ("FunctionName", r["FunctionName"]), ("Handler", r["Handler"]), ("Runtime", r["Runtime"]),
                ("Description", r["Description"]), ("MemorySize", r["MemorySize"]), ("Timeout", r["Timeout"]),
                ("VpcConfig", r["VpcConfig"]), ("Role", r["Role"]), ("Environment", r["Environment"]),
                ("Code", try code(r)), ("KmsKeyArn", r["KmsKeyArn"]),
                ("ReservedConcurrentExecutions", r["ReservedConcurrentExecutions"]),
                ("Tags", try Tagging.withSAMTag(r["Tags"], resource: r)), ("Layers", r["Layers"]),
                ("FileSystemConfigs", r["FileSystemConfigs"]), ("ImageConfig", r["ImageConfig"]),
                ("PackageType", r["PackageType"]), ("Architectures", r["Architectures"]), ("SnapStart", r["SnapStart"]),
                ("EphemeralStorage", r["EphemeralStorage"]), ("TracingConfig", tracingConfig), ("DeadLetterConfig", dlq),
                ("CodeSigningConfigArn", r["CodeSigningConfigArn"]), ("RuntimeManagementConfig", r["RuntimeManagementConfig"]),
                ("LoggingConfig", r["LoggingConfig"]), ("TenancyConfig", r["TenancyConfig"]), ("RecursiveLoop", r["RecursiveLoop"]),
                ("DurableConfig", r["DurableConfig"]), ("CapacityProviderConfig", try capacityProviderConfig(r)),
                ("FunctionScalingConfig", r["FunctionScalingConfig"]),
                ("PublishToLatestPublished", r.properties["PublishToLatestPublished"]),
            ],
            attributes: r.supportedAttributes + (r.attribute("DependsOn").map { [("DependsOn", $0)] } ?? [])
        )
        try validatePackageType(function, r)
        return function
    }

    private static func capacityProviderConfig(_ r: SAMResource) throws(SAMError) -> Node? {
        guard let config = r["CapacityProviderConfig"] else { return nil }
        guard let map = config.mapValue else { return nil }
        guard let arn = map["Arn"] else {
            throw r.error("Invalid CapacityProviderConfig: Arn is required", at: "CapacityProviderConfig")
        }
        var inner: [(String, Node)] = [("CapacityProviderArn", arn)]
        if let n = map["PerExecutionEnvironmentMaxConcurrency"] { inner.append(("PerExecutionEnvironmentMaxConcurrency", n)) }
        if let n = map["ExecutionEnvironmentMemoryGiBPerVCpu"] { inner.append(("ExecutionEnvironmentMemoryGiBPerVCpu", n)) }
        return .map([("LambdaManagedInstancesCapacityProviderConfig", .map(inner))])
    }

    /// `Code` from `InlineCode`, `CodeUri` (an S3 URI, a `Bucket`/`Key` mapping, or a local path
    /// that `aws cloudformation package` uploads) or `ImageUri`, as `PackageType` says.
    static func code(_ r: SAMResource) throws(SAMError) -> Node {
        let packageType = r["PackageType"]?.stringValue ?? "Zip"
        guard packageType == "Zip" || packageType == "Image" else {
            throw r.error("invalid 'PackageType' : \(r["PackageType"].map(pythonLiteral) ?? "None")", at: "PackageType")
        }
        var code: Node
        if packageType == "Zip" {
            if let inline = r["InlineCode"] {
                code = .map([("ZipFile", inline)])
            } else if let uri = r["CodeUri"] {
                code = try S3Location.code(uri, r, "CodeUri", bucket: "S3Bucket", key: "S3Key", version: "S3ObjectVersion")
            } else {
                throw r.error("Only one of 'InlineCode' or 'CodeUri' can be set.")
            }
        } else {
            guard let image = r["ImageUri"] else { throw r.error("'ImageUri' must be set.") }
            code = .map([("ImageUri", image)])
        }
        if let key = r["SourceKMSKeyArn"], packageType == "Zip", var map = code.mapValue {
            map["SourceKMSKeyArn"] = key
            code = Node(.map(map), range: code.range)
        }
        return code
    }

    private static func validatePackageType(_ f: CFNResource, _ r: SAMResource) throws(SAMError) {
        let packageType = f["PackageType"]?.stringValue ?? "Zip"
        let code = f["Code"]
        if packageType == "Zip" {
            if f["Runtime"] == nil || f["Handler"] == nil || !(f["Runtime"]!.isTruthy && f["Handler"]!.isTruthy) {
                throw r.error("Runtime and Handler needs to be present when PackageType is of type `Zip`")
            }
            if code?["ImageUri"] != nil || f["ImageConfig"] != nil {
                throw r.error("ImageUri or ImageConfig cannot be present when PackageType is of type `Zip`")
            }
        } else if packageType == "Image" {
            if f["Handler"] != nil || f["Runtime"] != nil || f["Layers"] != nil {
                throw r.error("Runtime, Handler, Layers cannot be present when PackageType is of type `Image`")
            }
            if code?["ImageUri"] == nil { throw r.error("ImageUri needs to be present when PackageType is of type `Image`") }
        } else {
            throw r.error("PackageType needs to be `Zip` or `Image`")
        }
    }

    /// The execution role: Lambda's basic execution policy (or the durable one), X-Ray's when
    /// tracing, the VPC access policy with a `VpcConfig`, the dead-letter queue's, then `Policies`.
    private static func executionRole(
        _ r: SAMResource,
        _ context: TransformContext,
        extraPolicies: [Node]
    ) throws(SAMError)
        -> CFNResource
    {
        var arns: [Node] = [
            .string(
                context.awsManagedPolicy(
                    r["DurableConfig"] != nil
                        ? "service-role/AWSLambdaBasicDurableExecutionRolePolicy" : "service-role/AWSLambdaBasicExecutionRole"
                )
            )
        ]
        let tracing = r["Tracing"].map { context.intrinsics.resolved($0) }
        if r["Tracing"] != nil, tracing?.stringValue != "Disabled" {
            arns.append(
                .string(context.awsManagedPolicy(context.partition == "aws" ? "AWSXrayWriteOnlyAccess" : "AWSXRayDaemonWriteAccess"))
            )
        }
        if r["VpcConfig"] != nil { arns.append(.string(context.awsManagedPolicy("service-role/AWSLambdaVPCAccessExecutionRole"))) }
        var documents: [Node] = []
        if let dlq = r["DeadLetterQueue"], let type = dlq["Type"]?.stringValue, let arn = dlq["TargetArn"] {
            let action: Node = type == "SQS" ? "sqs:SendMessage" : "sns:Publish"
            documents.append(
                .map([
                    ("PolicyName", "DeadLetterQueuePolicy"),
                    (
                        "PolicyDocument",
                        .map([
                            ("Version", "2012-10-17"), ("Statement", [.map([("Action", action), ("Resource", arn), ("Effect", "Allow")])]),
                        ])
                    ),
                ])
            )
        }
        documents += extraPolicies
        return try ExecutionRole.make(
            for: r,
            context,
            assumeRolePolicy: r["AssumeRolePolicyDocument"] ?? ExecutionRole.trust("lambda.amazonaws.com"),
            managedPolicyArns: arns,
            policyDocuments: documents,
            tags: try Tagging.withSAMTag(r["Tags"], resource: r)
        )
    }

    /// `Role: !If [Cond, !Ref AWS::NoValue, arn]` and its mirror: SAM's role is made only where
    /// the function has no role of its own, under the condition (or a new `NOT<Cond>`).
    private static func conditionalRole(
        _ role: Node,
        _ made: CFNResource,
        _ r: SAMResource,
        _ context: TransformContext
    )
        throws(SAMError) -> (value: Node?, condition: String?, newCondition: (String, Node)?)
    {
        let resolved = context.intrinsics.resolved(role)
        guard let branches = resolved.ifBranches, let condition = branches.condition.stringValue else {
            throw r.error("Malformed 'Role' property: Fn::If requires 3 arguments.", at: "Role")
        }
        let arn = made.getAtt("Arn")
        if branches.then.isNoValue && branches.otherwise.isNoValue { return (arn, nil, nil) }
        if branches.then.isNoValue { return (.if(condition, arn, branches.otherwise), condition, nil) }
        if branches.otherwise.isNoValue {
            let not = "NOT" + condition
            return (.if(condition, branches.then, arn), not, (not, .call(.not, [.call(.condition, .string(condition))])))
        }
        return (nil, nil, nil)
    }
}
