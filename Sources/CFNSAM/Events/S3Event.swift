import CFNModel

/// `Type: S3`: a bucket of the template notifies the function. The bucket gets a
/// `NotificationConfiguration.LambdaConfigurations` entry per event type and waits for the
/// permission (`DependsOn`, or for a conditional function a tag that refers to the permission,
/// since `DependsOn` cannot be conditional). Several events, of several functions, may share a bucket.
enum S3Event: FunctionEventSource {
    static let type = "S3"

    static let properties = PropertyTable([
        ("Bucket", .type(.string, required: true)),
        ("Events", .strict(.oneOf([.string, .listOf(.string)]), required: true)),
        ("Filter", .type(.oneOf([.mapOf(.string)]))),
    ])

    /// The properties aws-sam-translator keeps on the bucket it rewrites (any other is an error).
    static let bucketProperties: Set<String> = [
        "AccessControl", "AccelerateConfiguration", "AnalyticsConfigurations", "BucketEncryption", "BucketName",
        "CorsConfiguration", "IntelligentTieringConfigurations", "InventoryConfigurations", "LifecycleConfiguration",
        "LoggingConfiguration", "MetricsConfigurations", "NotificationConfiguration", "ObjectLockConfiguration",
        "ObjectLockEnabled", "OwnershipControls", "PublicAccessBlockConfiguration", "ReplicationConfiguration", "Tags",
        "VersioningConfiguration", "WebsiteConfiguration",
    ]

    static func link(_ event: SAMEvent, _ context: inout TransformContext) throws(SAMError) {
        _ = try bucketId(event, context)
    }

    /// The logical id of the bucket `Bucket: !Ref Id` names, which must be in the template.
    private static func bucketId(_ event: SAMEvent, _ context: TransformContext) throws(SAMError) -> String {
        if let f = event["Bucket"]?.functionValue, f.name == .ref {
            guard let id = f.argument.stringValue else {
                throw event.error("'Ref' value in S3 events is not a valid string.", at: "Bucket")
            }
            if context.resource(id) != nil { return id }
        }
        throw event.error("S3 events must reference an S3 bucket in the same template.", at: "Bucket")
    }

    static func translate(
        _ event: SAMEvent,
        _ target: inout FunctionTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
    {
        let bucketId = try bucketId(event, context)
        guard var bucket = context.resource(bucketId)?.mapValue else {
            throw SAMError("Resource dict missing key 'Type'.", logicalId: bucketId)
        }
        let permission = LambdaPermission.make(event, target, principal: "s3.amazonaws.com", sourceAccount: .ref("AWS::AccountId"))
        if let condition = target.resource.attribute("Condition") {
            try dependOnWithTag(&bucket, bucketId, permission, condition)
        } else {
            try dependOn(&bucket, permission, event)
        }
        try addNotifications(&bucket, bucketId, event, target)
        let output = try RewrittenResource.rewrite(bucket, bucketId, type: "AWS::S3::Bucket", known: bucketProperties, event, &context)
        return [permission, output]
    }

    /// The bucket waits for the permission: its id joins `DependsOn` (a string or a list).
    private static func dependOn(_ bucket: inout Map, _ permission: CFNResource, _ event: SAMEvent) throws(SAMError) {
        let invalid = event.errorAsResource("Invalid type for field 'DependsOn'. Expected a string or list of strings.")
        var names: [Node] = []
        if let d = bucket["DependsOn"] {
            switch d.value {
            case .string: names = [d]
            case .list(let items):
                // aws-sam-translator makes a set of them: any scalar will do, a mapping or a list will not.
                guard items.allSatisfy(\.isScalar) else { throw invalid }
                for item in items where !names.contains(where: { $0.isSemanticallyEqual(to: item) }) { names.append(item) }
            case .map(let m): names = m.keys.map { Node.string($0) }
            default: throw invalid
            }
        }
        if !names.contains(where: { $0.stringValue == permission.logicalId }) { names.append(.string(permission.logicalId)) }
        bucket["DependsOn"] = .list(names)
    }

    /// A conditional permission cannot be in `DependsOn`: a tag whose value refers to it under the
    /// condition makes CloudFormation wait for it all the same.
    private static func dependOnWithTag(
        _ bucket: inout Map,
        _ bucketId: String,
        _ permission: CFNResource,
        _ condition: Node
    )
        throws(SAMError)
    {
        var properties = Map()
        if let p = bucket["Properties"], !p.isNull {
            guard let m = p.mapValue else { throw SAMError("Properties should be a map.", logicalId: bucketId, range: p.range) }
            properties = m
        }
        var tags: [Node] = []
        if let t = properties["Tags"], !t.isNull {
            guard let list = t.listValue else { throw SAMError("Property 'Tags' should be a list.", logicalId: bucketId, range: t.range) }
            tags = list
        }
        let value = Node.call(.if, [condition, permission.ref, "no dependency"])
        tags.append(.map([("Key", .string("sam:ConditionalDependsOn:" + permission.logicalId)), ("Value", value)]))
        properties["Tags"] = .list(tags)
        bucket["Properties"] = Node(.map(properties), range: bucket["Properties"]?.range ?? .unknown)
    }

    /// One `LambdaConfigurations` entry per event type (under the function's condition, if any),
    /// each added once.
    private static func addNotifications(
        _ bucket: inout Map,
        _ bucketId: String,
        _ event: SAMEvent,
        _ target: FunctionTarget
    )
        throws(SAMError)
    {
        var base: [(String, Node)] = [("Function", target.arn)]
        if let filter = event["Filter"] { base.append(("Filter", filter)) }
        let types = event["Events"].map { $0.listValue ?? [$0] } ?? []
        let mappings: [Node] = types.map { type in
            let mapping = Node.map(base + [("Event", type)])
            guard let condition = target.resource.attribute("Condition") else { return mapping }
            return .call(.if, [condition, mapping, .noValue])
        }

        var properties = Map()
        if let p = bucket[entry: "Properties"] {
            guard let m = p.value.mapValue else {
                throw SAMError(
                    "Properties should be a map.",
                    logicalId: bucketId,
                    range: p.value.range.isKnown ? p.value.range : p.keyRange
                )
            }
            properties = m
        }
        var notifications = Map()
        if let n = properties["NotificationConfiguration"], !n.isNull {
            guard let m = n.mapValue else {
                throw SAMError("Property 'NotificationConfiguration' should be a map.", logicalId: bucketId, range: n.range)
            }
            notifications = m
        }
        var configurations: [Node] = []
        if let c = notifications["LambdaConfigurations"], !c.isNull {
            guard let list = c.listValue else {
                throw SAMError("Invalid type for LambdaConfigurations. Must be a list.", logicalId: bucketId, range: c.range)
            }
            configurations = list
        }
        for mapping in mappings where !configurations.contains(where: { $0.isSemanticallyEqual(to: mapping) }) {
            configurations.append(mapping)
        }
        notifications["LambdaConfigurations"] = Node(.list(configurations), range: notifications["LambdaConfigurations"]?.range ?? .unknown)
        properties["NotificationConfiguration"] = Node(
            .map(notifications),
            range: properties["NotificationConfiguration"]?.range ?? .unknown
        )
        bucket["Properties"] = Node(.map(properties), range: bucket["Properties"]?.range ?? .unknown)
    }
}
