import CFNModel

/// `Type: Kinesis`: a mapping that reads a Kinesis stream; the role gets Lambda's Kinesis policy.
enum KinesisEvent: PullEventSource {
    static let type = "Kinesis"
    static let properties = EventSourceMapping.properties([("Stream", .required), ("StartingPosition", .required)])
    static let managedPolicy: String? = "service-role/AWSLambdaKinesisExecutionRole"
    static func eventSourceArn(_ event: SAMEvent) -> Node? { event["Stream"] }
}
