import CFNModel

/// `Type: Kinesis`: a mapping that reads a Kinesis stream; the role gets Lambda's Kinesis policy.
enum KinesisEvent: PullEventSource {
    static let type = "Kinesis"
    static let properties = EventSourceMapping.properties([("Stream", .required), ("StartingPosition", .required)])
    static let managedPolicy: String? = "service-role/AWSLambdaKinesisExecutionRole"
    static func eventSourceArn(_ event: SAMEvent) -> Node? { event["Stream"] }
}

/// `Type: DynamoDB`: a mapping that reads a table's stream; the role gets Lambda's DynamoDB policy.
enum DynamoDBEvent: PullEventSource {
    static let type = "DynamoDB"
    static let properties = EventSourceMapping.properties([("Stream", .required), ("StartingPosition", .required)])
    static let managedPolicy: String? = "service-role/AWSLambdaDynamoDBExecutionRole"
    static func eventSourceArn(_ event: SAMEvent) -> Node? { event["Stream"] }
}

/// `Type: SQS`: a mapping that polls a queue; the role gets Lambda's SQS policy.
enum SQSEvent: PullEventSource {
    static let type = "SQS"
    static let properties = EventSourceMapping.properties([("Queue", .required)])
    static let managedPolicy: String? = "service-role/AWSLambdaSQSQueueExecutionRole"
    static func eventSourceArn(_ event: SAMEvent) -> Node? { event["Queue"] }
}
