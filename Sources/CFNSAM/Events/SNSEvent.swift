import CFNModel

/// `Type: SNS`: the function subscribes to a topic. With `SqsSubscription` the topic delivers to a
/// queue instead (a new one for `true`, or the given `QueueArn`/`QueueUrl`), which the function polls
/// through an event source mapping; the queue's policy lets the topic send to it.
enum SNSEvent: FunctionEventSource {
    static let type = "SNS"

    static let properties = PropertyTable([
        ("Topic", .type(.string, required: true)), ("Region", .type(.string)), ("FilterPolicy", .pass),
        ("FilterPolicyScope", .pass), ("SqsSubscription", .type(.oneOf([.bool, .map]))), ("RedrivePolicy", .type(.map)),
    ])

    static func translate(
        _ event: SAMEvent,
        _ target: inout FunctionTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
    {
        let topic = event["Topic"]
        guard let sqs = event["SqsSubscription"], sqs.isTruthy else {
            return [
                LambdaPermission.make(event, target, principal: "sns.amazonaws.com", sourceArn: topic),
                subscription(event, target, protocol: "lambda", endpoint: target.arn),
            ]
        }
        if case .bool = sqs.value {
            let fifo = fifoTopic(topic, context)
            let queue = event.resource(
                event.logicalId + "Queue",
                "AWS::SQS::Queue",
                [("FifoQueue", fifo)],
                attributes: target.attributes
            )
            var made = try queueMapping(event, &target, context, queueArn: queue.getAtt("Arn"), batchSize: nil)
            made.append(queue)
            made.append(queuePolicy(event, target, topic: topic, queueArn: queue.getAtt("Arn"), queueUrl: queue.ref, logicalId: nil))
            made.append(subscription(event, target, protocol: "sqs", endpoint: queue.getAtt("Arn")))
            return made
        }
        // A mapping (an intrinsic function is one, without the keys below).
        guard sqs.isPythonDict else { return [] }
        let queueArn = sqs["QueueArn"]
        let queueUrl = sqs["QueueUrl"]
        guard let queueArn, queueArn.isTruthy, let queueUrl, queueUrl.isTruthy else {
            throw event.error("No QueueARN or QueueURL provided.", at: "SqsSubscription")
        }
        var made = try queueMapping(event, &target, context, queueArn: queueArn, batchSize: sqs["BatchSize"])
        let policyId = sqs["QueuePolicyLogicalId"].flatMap { $0.isTruthy ? $0.stringValue : nil }
        made.append(queuePolicy(event, target, topic: topic, queueArn: queueArn, queueUrl: queueUrl, logicalId: policyId))
        made.append(subscription(event, target, protocol: "sqs", endpoint: queueArn))
        return made
    }

    private static func subscription(_ event: SAMEvent, _ target: FunctionTarget, protocol: String, endpoint: Node) -> CFNResource {
        event.resource(
            event.logicalId,
            "AWS::SNS::Subscription",
            [
                ("Protocol", .string(`protocol`)), ("Endpoint", endpoint), ("TopicArn", event["Topic"]),
                ("Region", event["Region"]), ("FilterPolicy", event["FilterPolicy"]),
                ("FilterPolicyScope", event["FilterPolicyScope"]), ("RedrivePolicy", event["RedrivePolicy"]),
            ],
            attributes: target.attributes
        )
    }

    /// The function polls the queue as an `SQS` event would (`<Id>EventSourceMapping`, 10 messages a
    /// batch unless told), and its role gets the SQS policy.
    private static func queueMapping(
        _ event: SAMEvent,
        _ target: inout FunctionTarget,
        _ context: TransformContext,
        queueArn: Node,
        batchSize: Node?
    ) throws(SAMError) -> [CFNResource] {
        var properties = Map()
        properties["Queue"] = queueArn
        properties["BatchSize"] = batchSize.flatMap { $0.isTruthy ? $0 : nil } ?? 10
        properties["Enabled"] = true
        let mapping = SAMEvent(
            name: event.name,
            logicalId: event.logicalId + "EventSourceMapping",
            type: SQSEvent.type,
            properties: properties,
            node: event.node,
            range: event.range,
            owner: event.owner
        )
        return try EventSourceMapping.translate(mapping, SQSEvent.self, &target, context)
    }

    /// The queue's policy: the topic may send messages to it.
    private static func queuePolicy(
        _ event: SAMEvent,
        _ target: FunctionTarget,
        topic: Node?,
        queueArn: Node,
        queueUrl: Node,
        logicalId: String?
    ) -> CFNResource {
        let statement = Node.map([
            ("Action", "sqs:SendMessage"), ("Effect", "Allow"), ("Principal", "*"), ("Resource", queueArn),
            ("Condition", .map([("ArnEquals", .map([("aws:SourceArn", topic ?? Node(.null))]))])),
        ])
        return event.resource(
            logicalId ?? event.logicalId + "QueuePolicy",
            "AWS::SQS::QueuePolicy",
            [("PolicyDocument", .map([("Version", "2012-10-17"), ("Statement", [statement])])), ("Queues", [queueUrl])],
            attributes: target.attributes
        )
    }

    /// A FIFO topic (`FifoTopic` of the topic in the template, its parameters resolved) delivers only
    /// to a FIFO queue: the value, when it is true.
    private static func fifoTopic(_ topic: Node?, _ context: TransformContext) -> Node? {
        guard let id = topic.flatMap(referencedId), let value = context.resource(id)?["Properties"]?["FifoTopic"] else { return nil }
        let resolved = context.intrinsics.resolved(value)
        return resolved.isTruthy ? resolved : nil
    }

    /// The logical id a `Ref` or `Fn::GetAtt` names.
    static func referencedId(_ node: Node) -> String? {
        guard let f = node.functionValue else { return nil }
        if f.name == .ref { return f.argument.stringValue }
        if f.name == .getAtt {
            if let items = f.argument.listValue, items.count == 2 { return items[0].stringValue }
            if let s = f.argument.stringValue, let dot = s.firstIndex(of: ".") { return String(s[..<dot]) }
        }
        return nil
    }
}
