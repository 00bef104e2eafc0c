import CFNModel

/// A resource of the template that an event rewrites (an S3 bucket, a Cognito user pool), written
/// back the way aws-sam-translator rebuilds it: only the properties it knows for the type, none of
/// them null, `DependsOn` when not empty, and the attributes it keeps.
enum RewrittenResource {
    /// The resource `node` (the template's `logicalId`, as `event` changed it) kept for the events
    /// still to come, and as the output holds it. It is still the template's resource: its origin is
    /// its own, and only the parts the event added carry the event's source range.
    static func rewrite(
        _ node: Map,
        _ logicalId: String,
        type: String,
        known: Set<String>,
        _ event: SAMEvent,
        _ context: inout TransformContext
    ) throws(SAMError) -> CFNResource {
        let entry = context.resources[entry: logicalId]
        let stamped = Node(.map(node), range: entry?.value.range ?? .unknown).stamped(event.range)
        context.resources[logicalId] = stamped
        let origin = Origin(logicalId: logicalId, type: type, range: entry?.keyRange ?? event.range)
        return try output(stamped.mapValue ?? node, logicalId, type: type, known: known, origin: origin)
    }

    static func output(
        _ node: Map,
        _ logicalId: String,
        type: String,
        known: Set<String>,
        origin: Origin
    ) throws(SAMError)
        -> CFNResource
    {
        let actual = node["Type"]?.stringValue ?? ""
        guard actual == type else {
            throw SAMError(
                "Resource has incorrect Type; expected '\(type)', got '\(actual)'",
                logicalId: logicalId,
                range: node["Type"]?.range ?? .unknown
            )
        }
        var properties: [(String, Node?)] = []
        if let p = node["Properties"] {
            guard let map = p.mapValue else {
                throw SAMError("Properties of a resource must be an object.", logicalId: logicalId, range: p.range)
            }
            for entry in map {
                guard known.contains(entry.key) else {
                    throw SAMError(
                        "property \(entry.key) not defined for resource of type \(type)",
                        logicalId: logicalId,
                        range: entry.keyRange
                    )
                }
                if !entry.value.isNull { properties.append((entry.key, entry.value)) }
            }
        }
        var attributes: [(String, Node)] = []
        if let d = node["DependsOn"], d.isTruthy { attributes.append(("DependsOn", d)) }
        for name in ["DeletionPolicy", "UpdatePolicy", "Condition", "UpdateReplacePolicy", "Metadata"] {
            if let value = node[name] { attributes.append((name, value)) }
        }
        return CFNResource(logicalId, type, origin: origin, properties: properties, attributes: attributes)
    }
}
