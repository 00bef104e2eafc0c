import CFNModel

/// `AWS::Serverless::Connector`: the access a source needs to its destinations, as the connector
/// profile for their types grants it: a managed policy on the source's (or destination's) role,
/// Lambda permissions, or a topic or queue policy. Each resource made carries
/// `aws:sam:connectors` metadata; a `DependsOn` on the connector becomes one on what it made.
///
/// Connectors are translated last: they read what the other SAM resources became.
enum ServerlessConnector: ResourceTranslator {
    static let type = "AWS::Serverless::Connector"

    static let properties = PropertyTable([
        ("Source", .type(.map, required: true)), ("Destination", .type(.oneOf([.map, .listOf(.map)]), required: true)),
        ("Permissions", .type(.listOf(.string), required: true)),
    ])

    static func translate(_ resource: SAMResource, _ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        var seen = Set<String>()
        let connector = Connection(
            logicalId: resource.logicalId,
            source: resource["Source"]?.mapValue ?? Map(),
            destination: resource["Destination"] ?? Node(.map(Map())),
            permissions: (resource["Permissions"]?.listValue ?? []).compactMap(\.stringValue).filter { seen.insert($0).inserted },
            attributes: resource.supportedAttributes + (resource.attribute("DependsOn").map { [("DependsOn", $0)] } ?? []),
            origin: context.connectors.embedded[resource.logicalId] ?? resource.origin(),
            range: resource.range,
            propertyRanges: ["Source", "Destination", "Permissions"].reduce(into: [:]) { $0[$1] = resource.range(of: $1) }
        )
        return try connector.resources(&context)
    }
}

/// One connector's work, for an `AWS::Serverless::Connector` or one that another SAM resource
/// makes for itself (a GraphQL API's data sources and Lambda authorizers).
struct Connection {
    var logicalId: String
    var source: Map
    /// One destination mapping, or a list of them.
    var destination: Node
    /// The access categories asked for, without repeats.
    var permissions: [String]
    /// The attributes of what it makes (the connector's `DependsOn`, `Condition`, ...).
    var attributes: [(String, Node)]
    var origin: Origin
    /// Where errors point: the connector, or the property at fault.
    var range: SourceRange
    var propertyRanges: [String: SourceRange] = [:]

    func error(_ message: String, at property: String? = nil) -> SAMError {
        SAMError(message, logicalId: logicalId, range: property.flatMap { propertyRanges[$0] } ?? range)
    }

    /// What the connector makes for each of its destinations; a `DependsOn` on the connector
    /// now names those.
    func resources(_ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        let destinations: [Map]
        let many: Bool
        if let list = destination.listValue {
            destinations = list.map { $0.mapValue ?? Map() }
            many = true
        } else {
            destinations = [destination.mapValue ?? Map()]
            many = false
        }
        var made: [CFNResource] = []
        for (index, destinationMap) in destinations.enumerated() {
            let to: ConnectorReference
            let from: ConnectorReference
            do {
                to = try ConnectorReference.resolve(destinationMap, other: source, context)
            } catch {
                throw self.error(error.message, at: "Destination")
            }
            do {
                from = try ConnectorReference.resolve(source, other: destinationMap, context)
            } catch {
                throw self.error(error.message, at: "Source")
            }
            var generated = try resources(from, to, index: many ? index : nil, &context)
            let metadata = Node.map([
                (
                    "aws:sam:connectors",
                    .map([
                        (
                            logicalId,
                            .map([
                                (
                                    "Source",
                                    .map([("Type", .string(ConnectorReference.originalType(from.logicalId, context) ?? from.type))])
                                ),
                                (
                                    "Destination",
                                    .map([("Type", .string(ConnectorReference.originalType(to.logicalId, context) ?? to.type))])
                                ),
                            ])
                        )
                    ])
                )
            ])
            for i in generated.indices {
                var merged = generated[i].attributes["Metadata"]?.mapValue ?? Map()
                for entry in metadata.mapValue! { merged[entry.key] = entry.value }
                generated[i].attributes["Metadata"] = Node(.map(merged))
            }
            made += generated
        }
        guard !made.isEmpty else { throw error("'Destination' is an empty list") }
        ConnectorDependsOn.replace(logicalId, with: made.map(\.logicalId), &context)
        return made
    }

    /// What one source-destination pair needs, as its profile says.
    private func resources(
        _ source: ConnectorReference,
        _ destination: ConnectorReference,
        index: Int?,
        _ context: inout TransformContext
    ) throws(SAMError) -> [CFNResource] {
        guard let profile = ConnectorProfile.profile(from: source.type, to: destination.type),
            let kind = profile["Type"]?.stringValue, var properties = profile["Properties"]?.mapValue
        else {
            throw error(
                "Unable to create connector from \(source.type) to \(destination.type); it's not supported or the template is invalid."
            )
        }
        let categories = properties["AccessCategories"]?.mapValue ?? Map()
        let valid = categories.keys.joined(separator: ", ")
        if permissions.isEmpty {
            throw error("'Permissions' cannot be empty; valid values are: \(valid).", at: "Permissions")
        }
        for p in permissions where categories[p] == nil {
            throw error(
                "Unsupported 'Permissions' provided for connector from \(source.type) to \(destination.type); valid values are: \(valid).",
                at: "Permissions"
            )
        }
        if let combinations = properties["ValidAccessCategories"]?.listValue {
            let sorted = combinations.map { ($0.listValue ?? []).compactMap(\.stringValue).sorted() }
            if !sorted.contains(permissions.sorted()) {
                let text = sorted.map { $0.joined(separator: " + ") }.joined(separator: ", ")
                throw error(
                    "Unsupported 'Permissions' provided for connector from \(source.type) to \(destination.type); "
                        + "valid combinations are: \(text).",
                    at: "Permissions"
                )
            }
        }
        let values: [(String, Node?)] = [
            ("Source.Arn", source.arn), ("Destination.Arn", destination.arn), ("Source.ResourceId", source.resourceId),
            ("Destination.ResourceId", destination.resourceId), ("Source.Name", source.name), ("Destination.Name", destination.name),
            ("Source.Qualifier", source.qualifier), ("Destination.Qualifier", destination.qualifier),
        ]
        do {
            properties = try ConnectorProfile.replace(Node(.map(properties)), values).mapValue ?? Map()
        } catch {
            throw self.error("\(error.name) is missing.")
        }
        let granted = properties["AccessCategories"]?.mapValue ?? Map()
        let onSource = properties["SourcePolicy"]?.isTruthy ?? false
        let holder = onSource ? source : destination
        let side = onSource ? "Source" : "Destination"
        func named(_ base: String) -> String {
            index.map { "\(logicalId)\(base)Destination\($0)" } ?? "\(logicalId)\(base)"
        }
        func document() -> Node {
            var statements: [Node] = []
            for entry in granted where permissions.contains(entry.key) {
                statements += entry.value["Statement"]?.listValue ?? []
            }
            return .map([("Version", "2012-10-17"), ("Statement", .list(statements))])
        }

        switch kind {
        case "AWS_IAM_ROLE_MANAGED_POLICY":
            guard let role = holder.roleName, role.isTruthy else {
                throw error("Unable to get IAM role name from '\(side)' resource.", at: side)
            }
            let policy = CFNResource(
                named("Policy"),
                "AWS::IAM::ManagedPolicy",
                origin: origin,
                properties: [("PolicyDocument", document()), ("Roles", [role])],
                attributes: attributes
            )
            switch properties["DependedBy"]?.stringValue {
            case "DESTINATION_EVENT_SOURCE_MAPPING":
                if let s = source.logicalId, let d = destination.logicalId {
                    let mappings = ConnectorDependsOn.eventSourceMappings(from: s, to: d, context)
                    // Only one mapping may join a source to a function (a second fails to deploy).
                    if mappings.count == 1 { ConnectorDependsOn.add(policy.logicalId, to: mappings[0], &context) }
                }
            case "SOURCE":
                if let s = source.logicalId { ConnectorDependsOn.add(policy.logicalId, to: s, &context) }
            default:
                break
            }
            return [policy]
        case "AWS_LAMBDA_PERMISSION":
            guard let function = holder.arn, function.isTruthy else {
                throw error("Unable to get Lambda function ARN from '\(side)' resource.", at: side)
            }
            var out: [CFNResource] = []
            for entry in granted where permissions.contains(entry.key) {
                let p = entry.value
                out.append(
                    CFNResource(
                        named("\(entry.key)LambdaPermission"),
                        "AWS::Lambda::Permission",
                        origin: origin,
                        properties: [
                            ("Action", p["Action"]), ("FunctionName", function), ("Principal", p["Principal"]),
                            ("SourceArn", p["SourceArn"]), ("SourceAccount", p["SourceAccount"]),
                        ],
                        attributes: attributes
                    )
                )
            }
            return out
        case "AWS_SNS_TOPIC_POLICY":
            guard let topic = holder.arn, topic.isTruthy else {
                throw error("Unable to get SNS topic ARN from '\(side)' resource.", at: side)
            }
            return [
                CFNResource(
                    named("TopicPolicy"),
                    "AWS::SNS::TopicPolicy",
                    origin: origin,
                    properties: [("Topics", [topic]), ("PolicyDocument", document())],
                    attributes: attributes
                )
            ]
        case "AWS_SQS_QUEUE_POLICY":
            guard let url = holder.queueUrl, url.isTruthy else {
                throw error("Unable to get SQS queue URL from '\(side)' resource.", at: side)
            }
            return [
                CFNResource(
                    named("QueuePolicy"),
                    "AWS::SQS::QueuePolicy",
                    origin: origin,
                    properties: [("PolicyDocument", document()), ("Queues", [url])],
                    attributes: attributes
                )
            ]
        default:
            throw error("Connector profile type \(kind) is not supported.")
        }
    }
}

/// How connectors change `DependsOn` in the resources around them.
enum ConnectorDependsOn {
    /// Every resource's `DependsOn` on the connector `id` names what the connector made instead.
    static func replace(_ id: String, with made: [String], _ context: inout TransformContext) {
        func edit(_ dependsOn: Node?) -> Node? {
            guard let dependsOn else { return nil }
            var items = dependsOn.listValue ?? [dependsOn]
            guard items.contains(where: { $0.stringValue == id }) else { return nil }
            items.removeAll { $0.stringValue == id }
            for m in made where !items.contains(where: { $0.stringValue == m }) { items.append(.string(m)) }
            return Node(.list(items), range: dependsOn.range)
        }
        for key in context.translated.keys {
            if let changed = edit(context.translated[key]?.attributes["DependsOn"]) {
                context.translated[key]?.attributes["DependsOn"] = changed
            }
        }
        var resources = context.resources
        var touched = false
        for entry in context.resources {
            guard var map = entry.value.mapValue, let changed = edit(map["DependsOn"]) else { continue }
            map["DependsOn"] = changed
            resources[entry.key] = Node(.map(map), range: entry.value.range)
            touched = true
        }
        if touched { context.resources = resources }
    }

    /// Adds `dependency` to the `DependsOn` of resource `id` (once).
    static func add(_ dependency: String, to id: String, _ context: inout TransformContext) {
        func edit(_ dependsOn: Node?) -> Node {
            var items = dependsOn.map { $0.listValue ?? [$0] } ?? []
            if !items.contains(where: { $0.stringValue == dependency }) { items.append(.string(dependency)) }
            return Node(.list(items), range: dependsOn?.range ?? .unknown)
        }
        if var made = context.translated[id] {
            made.attributes["DependsOn"] = edit(made.attributes["DependsOn"])
            context.translated[id] = made
        } else if let node = context.resources[id], var map = node.mapValue {
            map["DependsOn"] = edit(map["DependsOn"])
            context.resources[id] = Node(.map(map), range: node.range)
        }
    }

    /// The event source mappings from `source` to the function `function` (by `Ref`/`Fn::GetAtt`).
    static func eventSourceMappings(from source: String, to function: String, _ context: TransformContext) -> [String] {
        var out: [String] = []
        func check(_ id: String, _ type: String?, _ properties: Map?) {
            guard type == "AWS::Lambda::EventSourceMapping", let properties,
                let f = properties["FunctionName"].flatMap(ConnectorReference.logicalId(of:)),
                let s = properties["EventSourceArn"].flatMap(ConnectorReference.logicalId(of:)), f == function, s == source
            else { return }
            out.append(id)
        }
        for (id, made) in context.translated.sorted(by: { $0.key < $1.key }) { check(id, made.type, made.properties) }
        for entry in context.resources { check(entry.key, entry.value["Type"]?.stringValue, entry.value["Properties"]?.mapValue) }
        return out
    }
}
