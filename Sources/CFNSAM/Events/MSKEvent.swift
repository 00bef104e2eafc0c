import CFNModel

/// `Type: MSK`: a mapping that reads topics of an Amazon MSK cluster; the role gets Lambda's MSK
/// policy, and inline statements for a client certificate's secret and a schema registry.
enum MSKEvent: PullEventSource {
    static let type = "MSK"
    static let properties = EventSourceMapping.properties([("Stream", .required), ("StartingPosition", .required)])
    static let managedPolicy: String? = "service-role/AWSLambdaMSKExecutionRole"
    static func eventSourceArn(_ event: SAMEvent) -> Node? { event["Stream"] }

    static func inlinePolicies(_ event: SAMEvent, _ context: TransformContext) throws(SAMError) -> [Node] {
        var statements = try EventSourceMapping.schemaRegistryStatements(event, context)
        for item in event["SourceAccessConfigurations"]?.listValue ?? []
        where item["Type"]?.stringValue == "CLIENT_CERTIFICATE_TLS_AUTH" && (item["URI"]?.isTruthy ?? false) {
            // Lambda takes one client certificate; each listed one is allowed all the same.
            statements.append(EventSourceMapping.getSecret(item["URI"]))
        }
        if statements.isEmpty { return [] }
        return [EventPolicies.named("MSKExecutionRolePolicy", statements)]
    }
}
