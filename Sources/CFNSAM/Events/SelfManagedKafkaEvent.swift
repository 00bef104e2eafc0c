import CFNModel

/// `Type: SelfManagedKafka`: a mapping that reads one topic of a Kafka cluster of your own
/// (`KafkaBootstrapServers`); the role gets an inline policy for its authentication secret, its VPC
/// and its schema registry.
enum SelfManagedKafkaEvent: PullEventSource {
    static let type = "SelfManagedKafka"
    static let properties = EventSourceMapping.properties([])
    static func eventSourceArn(_ event: SAMEvent) -> Node? { nil }

    static let authentications = ["SASL_SCRAM_256_AUTH", "SASL_SCRAM_512_AUTH", "BASIC_AUTH", "CLIENT_CERTIFICATE_TLS_AUTH"]

    static func inlinePolicies(_ event: SAMEvent, _ context: TransformContext) throws(SAMError) -> [Node] {
        guard event.isSet("KafkaBootstrapServers") else {
            throw event.error("No KafkaBootstrapServers provided for self managed kafka as an event source", at: "KafkaBootstrapServers")
        }
        guard event.isSet("Topics"), let topics = event["Topics"] else {
            throw event.error("No Topics provided for self managed kafka as an event source", at: "Topics")
        }
        // Python's len(): an intrinsic function is a mapping of one key.
        guard (topics.listValue?.count ?? topics.pythonKeys.count) == 1 else {
            throw event.error("Topics for self managed kafka only supports single configuration entry.", at: "Topics")
        }
        guard event.isSet("SourceAccessConfigurations"), let configurations = event["SourceAccessConfigurations"] else {
            throw event.error("No SourceAccessConfigurations for self managed kafka event provided.", at: "SourceAccessConfigurations")
        }
        let (authentication, rootCA, vpc) = try access(configurations, event)
        var statements: [Node] = []
        if let authentication { statements.append(EventSourceMapping.getSecret(authentication)) }
        // aws-sam-translator allows the authentication secret (not the CA's) once more for a root CA.
        if rootCA != nil { statements.append(EventSourceMapping.getSecret(authentication)) }
        if vpc { statements.append(EventSourceMapping.vpcAccess) }
        if let key = try EventSourceMapping.kmsKeyId(event) { statements.append(EventSourceMapping.kmsDecrypt(key)) }
        statements += try EventSourceMapping.schemaRegistryStatements(event, context)
        return [EventPolicies.named("SelfManagedKafkaExecutionRolePolicy", statements, version: true)]
    }

    /// The authentication secret, the root CA certificate and whether the cluster is in a VPC (both
    /// `VPC_SUBNET` and `VPC_SECURITY_GROUP`, or neither).
    private static func access(_ configurations: Node, _ event: SAMEvent) throws(SAMError) -> (Node?, Node?, Bool) {
        guard let list = configurations.listValue else {
            throw event.error("SourceAccessConfigurations for self managed kafka event should be a list.", at: "SourceAccessConfigurations")
        }
        var authentication: Node? = nil
        var rootCA: Node? = nil
        var subnet = false
        var securityGroup = false
        for item in list {
            guard item.isPythonDict else {
                throw SAMError(
                    "Property 'SourceAccessConfigurations' should be a map.",
                    logicalId: event.name,
                    range: item.range
                )
            }
            let type = item["Type"]?.stringValue
            let uri = item["URI"]
            switch type {
            case "VPC_SUBNET":
                try check(uri, "VPC_SUBNET", event)
                subnet = true
            case "VPC_SECURITY_GROUP":
                try check(uri, "VPC_SECURITY_GROUP", event)
                securityGroup = true
            case let t? where authentications.contains(t):
                if authentication != nil {
                    throw event.error(
                        "Multiple auth mechanism properties specified in SourceAccessConfigurations for self managed kafka event.",
                        at: "SourceAccessConfigurations"
                    )
                }
                try check(uri, "auth mechanism", event)
                authentication = uri
            case "SERVER_ROOT_CA_CERTIFICATE":
                try check(uri, "SERVER_ROOT_CA_CERTIFICATE", event)
                rootCA = uri
            default:
                throw event.error(
                    "Invalid SourceAccessConfigurations Type provided for self managed kafka event.",
                    at: "SourceAccessConfigurations"
                )
            }
        }
        if subnet != securityGroup {
            throw event.error(
                "VPC_SUBNET and VPC_SECURITY_GROUP in SourceAccessConfigurations for SelfManagedKafka must be both provided.",
                at: "SourceAccessConfigurations"
            )
        }
        return (authentication, rootCA, subnet && securityGroup)
    }

    private static func check(_ uri: Node?, _ what: String, _ event: SAMEvent) throws(SAMError) {
        guard let uri, uri.isTruthy else {
            throw event.error(
                "No \(what) URI property specified in SourceAccessConfigurations for self managed kafka event.",
                at: "SourceAccessConfigurations"
            )
        }
        guard uri.stringValue != nil || uri.isIntrinsic else {
            throw event.error(
                "Wrong Type for \(what) URI property specified in SourceAccessConfigurations for self managed kafka event.",
                at: "SourceAccessConfigurations"
            )
        }
    }
}
