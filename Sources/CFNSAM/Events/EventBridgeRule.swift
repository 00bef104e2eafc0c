import CFNModel

/// What the EventBridge rules of events share: `State`/`Enabled`, the dead-letter queue, the target.
enum EventBridgeRule {
    /// The suffix of a rule target's id.
    static let lambdaTargetSuffix = "LambdaTarget"
    /// EventBridge target ids are at most 64 characters.
    static let maximumTargetId = 64

    /// `State`, or `Enabled` as `ENABLED`/`DISABLED` (not both).
    static func state(_ event: SAMEvent) throws(SAMError) -> Node? {
        if event.isSet("State"), event["Enabled"] != nil {
            throw event.error("State and Enabled Properties cannot both be specified.", at: "State")
        }
        if event.isSet("State") { return event["State"] }
        if let enabled = event["Enabled"] { return .string(enabled.isTruthy ? "ENABLED" : "DISABLED") }
        return nil
    }

    /// `<logicalId><suffix>`, cut so that it fits in a target id.
    static func targetId(_ logicalId: String, _ suffix: String) -> String {
        if logicalId.count + suffix.count <= maximumTargetId { return logicalId + suffix }
        return String(logicalId.prefix(maximumTargetId - suffix.count)) + suffix
    }

    /// The rule's one target: the function, with the event's input settings, the dead-letter queue
    /// and the retry policy.
    static func target(_ event: SAMEvent, _ target: FunctionTarget, queueArn: Node?, id: Node?, extra: [String]) -> Node {
        var entries: [(String, Node)] = [("Arn", target.arn), ("Id", id ?? .string(targetId(event.logicalId, lambdaTargetSuffix)))]
        for name in ["Input", "InputPath"] where extra.contains(name) {
            if let value = event[name] { entries.append((name, value)) }
        }
        if event["DeadLetterConfig"] != nil { entries.append(("DeadLetterConfig", .map([("Arn", queueArn ?? Node(.null))]))) }
        if let retry = event["RetryPolicy"] { entries.append(("RetryPolicy", retry)) }
        if extra.contains("InputTransformer"), let transformer = event["InputTransformer"] {
            entries.append(("InputTransformer", transformer))
        }
        return .map(entries)
    }

    /// `DeadLetterConfig`: an `Arn`, or `Type: SQS` for a new queue (`QueueLogicalId` or
    /// `<Id>Queue`), never both.
    static func checkDeadLetterConfig(_ event: SAMEvent, _ config: Node) throws(SAMError) {
        let keys = config.pythonKeys
        let hasArn = keys.contains("Arn")
        let hasType = keys.contains("Type")
        if hasArn && hasType {
            throw event.errorByLogicalId("You can either define 'Arn' or 'Type' property of DeadLetterConfig.", at: "DeadLetterConfig")
        }
        if hasType, config["Type"]?.stringValue != "SQS" {
            throw event.errorByLogicalId("The only valid value for 'Type' property of DeadLetterConfig is 'SQS'.", at: "DeadLetterConfig")
        }
        if !hasArn && !hasType {
            throw event.errorByLogicalId("No 'Arn' or 'Type' property provided for DeadLetterConfig.", at: "DeadLetterConfig")
        }
    }

    /// The logical id of the queue SAM makes for `DeadLetterConfig` (`QueueLogicalId`, a string,
    /// or `<Id>Queue`), or nil when the config gives an `Arn`.
    static func queueLogicalId(_ event: SAMEvent, _ config: Node) throws(SAMError) -> String? {
        if let arn = config["Arn"], !arn.isNull { return nil }
        guard let given = config["QueueLogicalId"], !given.isNull else { return event.logicalId + "Queue" }
        guard let id = given.stringValue else {
            throw event.errorByLogicalId("QueueLogicalId must be a string", at: "DeadLetterConfig")
        }
        return id.isEmpty ? event.logicalId + "Queue" : id
    }

    /// The dead-letter queue's ARN, and the queue and its policy (the rule may send to it) when SAM
    /// makes them.
    static func deadLetterQueue(_ event: SAMEvent, ruleArn: Node, attributes: [(String, Node)]) throws(SAMError) -> (Node?, [CFNResource]) {
        guard let config = event["DeadLetterConfig"] else { return (nil, []) }
        try checkDeadLetterConfig(event, config)
        guard let queueId = try queueLogicalId(event, config) else { return (config["Arn"], []) }
        let queue = event.resource(queueId, "AWS::SQS::Queue", attributes: attributes)
        let statement = Node.map([
            ("Action", "sqs:SendMessage"), ("Effect", "Allow"), ("Principal", .map([("Service", "events.amazonaws.com")])),
            ("Resource", queue.getAtt("Arn")), ("Condition", .map([("ArnEquals", .map([("aws:SourceArn", ruleArn)]))])),
        ])
        let policy = event.resource(
            event.logicalId + "QueuePolicy",
            "AWS::SQS::QueuePolicy",
            [("PolicyDocument", .map([("Version", "2012-10-17"), ("Statement", [statement])])), ("Queues", [queue.ref])],
            attributes: attributes
        )
        return (queue.getAtt("Arn"), [queue, policy])
    }
}
