import CFNModel

/// `Type: SQS`: a mapping that polls a queue; the role gets Lambda's SQS policy.
enum SQSEvent: PullEventSource {
    static let type = "SQS"
    static let properties = EventSourceMapping.properties([("Queue", .required)])
    static let managedPolicy: String? = "service-role/AWSLambdaSQSQueueExecutionRole"
    static func eventSourceArn(_ event: SAMEvent) -> Node? { event["Queue"] }
}
