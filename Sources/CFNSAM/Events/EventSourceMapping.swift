import CFNModel

/// A pull event (`Kinesis`, `DynamoDB`, `SQS`, `MSK`, `MQ`, `SelfManagedKafka`, `DocumentDB`):
/// Lambda polls the source through an `AWS::Lambda::EventSourceMapping`, with the permissions it
/// needs on the function's generated role (an AWS managed policy, or inline policies).
protocol PullEventSource: FunctionEventSource {
    /// What the mapping reads from (`EventSourceArn`), if the type has one.
    static func eventSourceArn(_ event: SAMEvent) -> Node?
    /// The AWS managed policy (`service-role/AWSLambdaKinesisExecutionRole`) the role needs, if any.
    static var managedPolicy: String? { get }
    /// The inline policies the role needs; where the type checks its access configuration.
    static func inlinePolicies(_ event: SAMEvent, _ context: TransformContext) throws(SAMError) -> [Node]
    /// Fields of the mapping only this type has.
    static func addFields(_ event: SAMEvent, to mapping: inout CFNResource)
}

extension PullEventSource {
    static var managedPolicy: String? { nil }
    static func inlinePolicies(_ event: SAMEvent, _ context: TransformContext) throws(SAMError) -> [Node] { [] }
    static func addFields(_ event: SAMEvent, to mapping: inout CFNResource) {}

    static func translate(
        _ event: SAMEvent,
        _ target: inout FunctionTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
    {
        try EventSourceMapping.translate(event, Self.self, &target, context)
    }
}

/// What every pull event shares: the properties, the mapping, its checks and the role's policies.
enum EventSourceMapping {
    /// The properties every pull event takes, then the type's own (which may replace one).
    static func properties(_ own: [(String, PropertySpec)]) -> PropertyTable {
        var entries: [(String, PropertySpec)] = [
            ("BatchSize", .type(.integer)), ("StartingPosition", .pass), ("StartingPositionTimestamp", .pass),
            ("Enabled", .type(.bool)), ("MaximumBatchingWindowInSeconds", .type(.integer)),
            ("MaximumRetryAttempts", .type(.integer)), ("BisectBatchOnFunctionError", .type(.bool)),
            ("MaximumRecordAgeInSeconds", .type(.integer)), ("DestinationConfig", .type(.map)),
            ("ParallelizationFactor", .type(.integer)), ("Topics", .type(.list)), ("Queues", .type(.list)),
            ("SourceAccessConfigurations", .type(.list)), ("SecretsManagerKmsKeyId", .type(.string)),
            ("TumblingWindowInSeconds", .type(.integer)), ("FunctionResponseTypes", .type(.list)),
            ("KafkaBootstrapServers", .type(.list)), ("FilterCriteria", .type(.map)), ("KmsKeyArn", .pass),
            ("ConsumerGroupId", .type(.string)), ("ScalingConfig", .type(.map)), ("ProvisionedPollerConfig", .type(.map)),
            ("SchemaRegistryConfig", .type(.map)), ("MetricsConfig", .type(.map)), ("LoggingConfig", .type(.map)),
        ]
        for (name, spec) in own {
            if let i = entries.firstIndex(where: { $0.0 == name }) { entries[i].1 = spec } else { entries.append((name, spec)) }
        }
        return PropertyTable(entries)
    }

    /// The properties passed to the mapping as they are, in aws-sam-translator's order.
    private static let passed = [
        "StartingPosition", "StartingPositionTimestamp", "BatchSize", "Enabled", "MaximumBatchingWindowInSeconds",
        "MaximumRetryAttempts", "BisectBatchOnFunctionError", "MaximumRecordAgeInSeconds", "ParallelizationFactor", "Topics",
        "Queues", "SourceAccessConfigurations", "TumblingWindowInSeconds", "FunctionResponseTypes", "FilterCriteria",
        "KmsKeyArn", "ScalingConfig", "ProvisionedPollerConfig", "MetricsConfig", "LoggingConfig",
    ]

    /// The event types whose mapping takes `FilterCriteria`.
    static let filterable = ["DocumentDB", "DynamoDB", "Kinesis", "MQ", "MSK", "SelfManagedKafka", "SQS"]

    static func translate<Source: PullEventSource>(
        _ event: SAMEvent,
        _ source: Source.Type,
        _ target: inout FunctionTarget,
        _ context: TransformContext
    ) throws(SAMError) -> [CFNResource] {
        var mapping = event.resource(
            event.logicalId,
            "AWS::Lambda::EventSourceMapping",
            [("FunctionName", target.nameOrArn), ("EventSourceArn", source.eventSourceArn(event))]
                + passed.map { ($0, event[$0]) },
            attributes: target.attributes
        )
        try checkFilterCriteria(event)

        if event.isSet("KafkaBootstrapServers"), let servers = event["KafkaBootstrapServers"] {
            mapping["SelfManagedEventSource"] = .map([("Endpoints", .map([("KafkaBootstrapServers", servers)]))])
        }
        let kafkaConfig = event.type == "MSK" ? "AmazonManagedKafkaEventSourceConfig" : "SelfManagedKafkaEventSourceConfig"
        if event.isSet("ConsumerGroupId"), let group = event["ConsumerGroupId"] {
            guard event.type == "MSK" || event.type == "SelfManagedKafka" else {
                throw event.errorByLogicalId(
                    "Property ConsumerGroupId not defined for resource of type \(event.type).",
                    at: "ConsumerGroupId"
                )
            }
            mapping[kafkaConfig] = .map([("ConsumerGroupId", group)])
        }
        if event.isSet("SchemaRegistryConfig"), let registry = event["SchemaRegistryConfig"],
            event.type == "MSK" || event.type == "SelfManagedKafka"
        {
            var config = mapping[kafkaConfig]?.mapValue ?? Map()
            config["SchemaRegistryConfig"] = registry
            mapping[kafkaConfig] = Node(.map(config))
        }

        var destinationPolicy: Node? = nil
        if event.isSet("DestinationConfig"), var destination = event["DestinationConfig"] {
            (destination, destinationPolicy) = try onFailure(destination, event)
            mapping["DestinationConfig"] = destination
        }
        source.addFields(event, to: &mapping)

        // The checks of the policies run whether or not SAM made the role.
        if let policy = source.managedPolicy { target.addManagedPolicy(context.awsManagedPolicy(policy)) }
        for policy in try source.inlinePolicies(event, context) { target.addInlinePolicy(policy) }
        if let destinationPolicy { target.addInlinePolicy(destinationPolicy) }
        return [mapping]
    }

    /// `FilterCriteria` is empty or has only `Filters`.
    private static func checkFilterCriteria(_ event: SAMEvent) throws(SAMError) {
        guard event.isSet("FilterCriteria"), let criteria = event["FilterCriteria"], !criteria.isIntrinsic else { return }
        guard filterable.contains(event.type) else {
            throw event.error(
                "FilterCriteria is only available for \(filterable.joined(separator: ", ")) events.",
                at: "FilterCriteria"
            )
        }
        let keys = criteria.pythonKeys
        guard keys.isEmpty || keys == ["Filters"] else {
            throw event.error("FilterCriteria field has a wrong format", at: "FilterCriteria")
        }
    }

    /// `DestinationConfig.OnFailure`: its `Type` (for SAM only, so removed) says which policy the
    /// role needs to send failed batches to the `Destination`.
    private static func onFailure(_ destination: Node, _ event: SAMEvent) throws(SAMError) -> (Node, Node?) {
        let raw = destination["OnFailure"]
        guard let raw, raw.isPythonDict else {
            throw event.expectByLogicalId(raw, "DestinationConfig.OnFailure").mapError()
        }
        // An intrinsic function is left for CloudFormation (SAM reads no `Type` from it).
        guard let onFailure = raw.mapValue else { return (destination, nil) }
        guard let type = onFailure["Type"], type.isTruthy else { return (destination, nil) }
        var stripped = onFailure
        stripped.remove("Type")
        var config = destination.mapValue ?? Map()
        config["OnFailure"] = Node(.map(stripped), range: destination["OnFailure"]?.range ?? .unknown)
        let output = Node(.map(config), range: destination.range)
        let arn = onFailure["Destination"]
        switch type.stringValue {
        case "SQS": return (output, EventPolicies.sqsSendMessage(arn, event.logicalId))
        case "SNS": return (output, EventPolicies.snsPublish(arn, event.logicalId))
        case "S3": return (output, EventPolicies.s3SendEventPayload(arn, event.logicalId))
        case "Kafka": return (output, nil)
        default:
            throw event.errorByLogicalId("The only valid values for 'Type' are 'SQS', 'SNS', 'S3', and 'Kafka'", at: "DestinationConfig")
        }
    }

    // MARK: Checks and statements shared by several types

    /// `SecretsManagerKmsKeyId`, when set, is a string (an intrinsic function is not).
    static func kmsKeyId(_ event: SAMEvent) throws(SAMError) -> String? {
        guard event.isSet("SecretsManagerKmsKeyId") else { return nil }
        return try event.expect(event["SecretsManagerKmsKeyId"], "SecretsManagerKmsKeyId").string()
    }

    /// Decrypting with the KMS key of the secrets (`kms:Decrypt` as a list, or as one string).
    static func kmsDecrypt(_ keyId: String, listed: Bool = true) -> Node {
        EventPolicies.statement(
            listed ? ["kms:Decrypt"] : "kms:Decrypt",
            .sub("arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/" + keyId)
        )
    }

    /// Reading a secret of Secrets Manager.
    static func getSecret(_ uri: Node?) -> Node { EventPolicies.statement(["secretsmanager:GetSecretValue"], uri) }

    /// The network interfaces Lambda makes to reach a source in a VPC.
    static let vpcAccess = EventPolicies.statement(
        [
            "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface", "ec2:DescribeVpcs",
            "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
        ],
        "*"
    )

    /// `SourceAccessConfigurations` of Amazon MQ and DocumentDB: a list of `Type`/`URI` mappings, each
    /// type one of `supported`, and exactly one `required` entry with a URI (returned).
    static func requiredAccess(_ event: SAMEvent, supported: [String], required: String) throws(SAMError) -> Node {
        guard event.isSet("SourceAccessConfigurations"), let configurations = event["SourceAccessConfigurations"] else {
            throw event.error(
                "No SourceAccessConfigurations for Amazon \(event.type) event provided.",
                at: "SourceAccessConfigurations"
            )
        }
        guard let list = configurations.listValue else {
            throw event.error("Provided SourceAccessConfigurations cannot be parsed into a list.", at: "SourceAccessConfigurations")
        }
        var uri: Node? = nil
        for (index, item) in list.enumerated() {
            let path = "SourceAccessConfigurations[\(index)]"
            guard item.isPythonDict else { throw event.expect(item, path).mapError() }
            let type = try event.expect(item["Type"], path + ".Type").string()
            guard supported.contains(type) else {
                throw event.error(
                    "Invalid property Type specified in SourceAccessConfigurations. The supported values are: "
                        + "\(Globals.pythonList(supported)).",
                    at: "SourceAccessConfigurations"
                )
            }
            guard type == required else { continue }
            if uri != nil {
                throw event.error(
                    "Multiple \(required) properties specified in SourceAccessConfigurations.",
                    at: "SourceAccessConfigurations"
                )
            }
            guard let u = item["URI"], u.isTruthy else {
                throw event.error("No \(required) URI property specified in SourceAccessConfigurations.", at: "SourceAccessConfigurations")
            }
            uri = u
        }
        guard let uri else {
            throw event.error("No \(required) property specified in SourceAccessConfigurations.", at: "SourceAccessConfigurations")
        }
        return uri
    }

    /// `SchemaRegistryConfig` of the Kafka sources: checked, and the statements to read the
    /// registry (`glue:`) and the secrets of its `AccessConfigs`.
    static func schemaRegistryStatements(_ event: SAMEvent, _ context: TransformContext) throws(SAMError) -> [Node] {
        guard event.isSet("SchemaRegistryConfig"), let config = event["SchemaRegistryConfig"] else { return [] }
        guard config.isPythonDict else { throw event.expect(config, "SchemaRegistryConfig").mapError() }
        let keys = config.pythonKeys
        for field in ["SchemaRegistryURI", "EventRecordFormat", "SchemaValidationConfigs"] where !keys.contains(field) {
            throw event.error("Missing required field \(field) in SchemaRegistryConfig", at: "SchemaRegistryConfig")
        }
        let format = config["EventRecordFormat"]?.stringValue
        guard format == "JSON" || format == "SOURCE" else {
            throw event.error("EventRecordFormat in SchemaRegistryConfig must be either 'JSON' or 'SOURCE'", at: "SchemaRegistryConfig")
        }
        guard config["SchemaValidationConfigs"]?.listValue != nil else {
            throw event.error("SchemaValidationConfigs must be a list", at: "SchemaRegistryConfig")
        }
        var statements: [Node] = []
        if let access = config["AccessConfigs"], access.isTruthy {
            guard let list = access.listValue else {
                throw event.error("AccessConfigs in SchemaRegistryConfig must be a list", at: "SchemaRegistryConfig")
            }
            for item in list {
                guard item.mapValue != nil, item["Type"] != nil, item["URI"] != nil else {
                    throw event.error("Each AccessConfig must be a dict with 'Type' and 'URI' fields", at: "SchemaRegistryConfig")
                }
            }
            for item in list { statements.append(getSecret(item["URI"])) }
        }
        let uri = config["SchemaRegistryURI"]
        var arn: String? = uri?.stringValue
        if let uri, uri.isIntrinsic {
            // Only a Fn::Sub string can be read (its parameters resolved).
            let resolved = context.intrinsics.resolved(uri)
            if let f = resolved.functionValue, f.name == .sub { arn = f.argument.stringValue }
        }
        if let name = arn.flatMap(registryName) {
            statements.append(EventPolicies.statement(["glue:GetRegistry"], uri))
            statements.append(
                EventPolicies.statement(
                    ["glue:GetSchemaVersion"],
                    [.sub("arn:${AWS::Partition}:glue:${AWS::Region}:${AWS::AccountId}:schema/" + name + "/*")]
                )
            )
        }
        return statements
    }

    /// The registry name of a Glue registry ARN (`arn:aws:glue:region:account:registry/NAME`).
    private static func registryName(_ arn: String) -> String? {
        guard arn.hasPrefix("arn") else { return nil }
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[5].hasPrefix("registry/") else { return nil }
        return String(parts[5].dropFirst("registry/".count))
    }
}

extension Expect {
    /// The error `map()` gives for this value.
    func mapError() -> SAMError {
        do {
            _ = try map()
        } catch {
            return error
        }
        return SAMError("Property '\(path)' should be a map.", logicalId: logicalId, event: event, range: range)
    }
}
