import CFNModel

/// What the connector translators share over a template.
struct ConnectorState {
    /// For each connector written under a resource's `Connectors`, by its logical id (resource id +
    /// connector name): the origin of what it makes (that resource, at the connector's entry).
    var embedded: [String: Origin] = [:]
}

/// `Connectors` written on a resource: each becomes an `AWS::Serverless::Connector` whose source
/// is that resource (with `SourceReference` adding to it), named after the resource and the
/// connector (`MyQueue` + `MyConnector`).
enum EmbeddedConnectors {
    /// Adds the connectors to the template's resources and removes the attribute; the errors found.
    static func extract(_ context: inout TransformContext) -> [SAMError] {
        var errors: [SAMError] = []
        var resources = context.resources
        var added: [Map.Entry] = []
        var changed = false
        for entry in context.resources {
            guard var host = entry.value.mapValue, let connectorsEntry = host[entry: "Connectors"] else { continue }
            host.remove("Connectors")
            resources[entry.key] = Node(.map(host), range: entry.value.range)
            changed = true
            let hostId = entry.key
            guard let connectors = connectorsEntry.value.mapValue else {
                errors.append(
                    SAMError("Attribute '\(hostId).Connectors' should be a map.", logicalId: hostId, range: connectorsEntry.keyRange)
                )
                continue
            }
            for connector in connectors {
                let fullId = hostId + connector.key
                do throws(SAMError) {
                    let made = try make(connector, hostId: hostId, fullId: fullId)
                    if context.resources[fullId] != nil || added.contains(where: { $0.key == fullId }) {
                        throw SAMError(
                            "Transforming resource with id [\(hostId)] attempts to create a new resource with id [\(fullId)] and type "
                                + "\"\(ServerlessConnector.type)\". A resource with that id already exists within this template. "
                                + "Please use a different id for that resource.",
                            logicalId: hostId,
                            range: connector.keyRange
                        )
                    }
                    added.append(Map.Entry(key: fullId, value: made, keyRange: connector.keyRange))
                    context.connectors.embedded[fullId] = Origin(
                        logicalId: hostId,
                        type: host["Type"]?.stringValue ?? "",
                        property: "Connectors.\(connector.key)",
                        range: connector.keyRange
                    )
                } catch {
                    errors.append(error)
                }
            }
        }
        guard changed else { return errors }
        // The connectors go after the template's resources, their key ranges those of their entries.
        context.resources = Map(resources.entries + added)
        return errors
    }

    /// The `AWS::Serverless::Connector` a `Connectors` entry stands for.
    private static func make(_ connector: Map.Entry, hostId: String, fullId: String) throws(SAMError) -> Node {
        guard var map = connector.value.mapValue else {
            throw SAMError("\(hostId).\(fullId) should be a map.", logicalId: fullId, range: connector.keyRange)
        }
        let path = "Connectors.\(connector.key).Properties"
        guard var properties = map["Properties"]?.mapValue else {
            throw SAMError(
                "Attribute '\(path)' should be a map.",
                logicalId: hostId,
                range: map[entry: "Properties"]?.keyRange ?? connector.keyRange
            )
        }
        var source = Map()
        source["Id"] = .string(hostId)
        if let reference = properties[entry: "SourceReference"] {
            guard let extra = reference.value.mapValue else {
                throw SAMError("Property '\(path).SourceReference' should be a map.", logicalId: hostId, range: reference.keyRange)
            }
            if extra["Id"] != nil {
                throw SAMError("'Id' shouldn't be defined in 'SourceReference'.", logicalId: connector.key, range: reference.keyRange)
            }
            for e in extra { source[e.key] = e.value }
            properties.remove("SourceReference")
        }
        properties["Source"] = Node(.map(source), range: connector.keyRange)
        map["Type"] = .string(ServerlessConnector.type)
        map["Properties"] = Node(.map(properties), range: map["Properties"]?.range ?? connector.value.range)
        return Node(.map(map), range: connector.value.range)
    }
}
