import CFNModel

/// `Type: DynamoDB`: a mapping that reads a table's stream; the role gets Lambda's DynamoDB policy.
enum DynamoDBEvent: PullEventSource {
    static let type = "DynamoDB"
    static let properties = EventSourceMapping.properties([("Stream", .required), ("StartingPosition", .required)])
    static let managedPolicy: String? = "service-role/AWSLambdaDynamoDBExecutionRole"
    static func eventSourceArn(_ event: SAMEvent) -> Node? { event["Stream"] }
}
