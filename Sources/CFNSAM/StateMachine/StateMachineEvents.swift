import CFNModel

/// What a state machine event starts: the state machine, or the alias `AutoPublishAlias` made
/// when `UseAliasAsEventTarget` is set.
struct StateMachineTarget {
    /// The `AWS::StepFunctions::StateMachine` or `AWS::StepFunctions::StateMachineAlias`; its `Ref`
    /// is the ARN an event starts executions of.
    var resource: CFNResource
    /// The SAM state machine.
    var owner: SAMResource

    /// The target's ARN (`Ref` gives it for both types).
    var arn: Node { resource.ref }
    /// What every resource an event makes takes from the state machine: `Condition`,
    /// `DeletionPolicy`, `UpdateReplacePolicy`.
    var attributes: [(String, Node)] { owner.passthroughAttributes }
    /// The state machine's `PermissionsBoundary`, which the roles events make take too.
    var permissionsBoundary: Node? { owner["PermissionsBoundary"] }
}

/// One type of state machine event (`Schedule`, `ScheduleV2`, `CloudWatchEvent`,
/// `EventBridgeRule`, `Api`). They are not the function's events of the same names: they start
/// executions through a role rather than through a Lambda permission.
protocol StateMachineEventSource {
    /// The event `Type`.
    static var type: String { get }
    /// The properties the event takes, checked when the state machine's events are read.
    static var properties: PropertyTable { get }
    /// The resources the event makes.
    static func translate(
        _ event: SAMEvent,
        _ target: StateMachineTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
}

/// The state machine event types the transform knows.
enum StateMachineEvents {
    static func source(for type: String) -> (any StateMachineEventSource.Type)? {
        switch type {
        case StateMachineSchedule.type: return StateMachineSchedule.self
        case StateMachineScheduleV2.type: return StateMachineScheduleV2.self
        case StateMachineCloudWatchEvent.type: return StateMachineCloudWatchEvent.self
        case StateMachineEventBridgeRule.type: return StateMachineEventBridgeRule.self
        case StateMachineApi.type: return StateMachineApi.self
        default: return nil
        }
    }

    /// The events of a state machine, each a mapping with a known `Type` and valid properties.
    /// An unknown type is an error about the state machine; a bad property is one about the
    /// event's own logical id (state machine id + event name), as aws-sam-translator reports them.
    static func events(of resource: SAMResource) throws(SAMError) -> [(SAMEvent, any StateMachineEventSource.Type)] {
        guard let events = resource["Events"]?.mapValue else { return [] }
        var out: [(SAMEvent, any StateMachineEventSource.Type)] = []
        for entry in events {
            let node = entry.value
            guard let type = node["Type"]?.stringValue, let source = source(for: type) else {
                // Python's str() of the value: a string without quotes.
                let given = node["Type"].map { $0.stringValue ?? pythonLiteral($0) } ?? "None"
                throw SAMError(
                    "Resource dict has missing or invalid value for key Type. Event Type is: \(given).",
                    logicalId: resource.logicalId,
                    event: entry.key,
                    range: entry.keyRange
                )
            }
            let event = try SAMEvent(entry, type: type, owner: resource)
            try source.properties.validate(event)
            out.append((event, source))
        }
        return out
    }

    /// The role an EventBridge rule or API Gateway starts executions with: trusted by
    /// `principal`, allowed `states:StartExecution` on the target.
    static func startExecutionRole(
        _ logicalId: String,
        principal: String,
        policyName: String,
        _ event: SAMEvent,
        _ target: StateMachineTarget,
        extraPolicies: [Node] = []
    ) -> CFNResource {
        event.resource(
            logicalId,
            "AWS::IAM::Role",
            [
                ("AssumeRolePolicyDocument", ExecutionRole.trust(principal)),
                ("Policies", .list([startExecutionPolicy(policyName, target)] + extraPolicies)),
                ("PermissionsBoundary", target.permissionsBoundary),
            ],
            attributes: target.attributes
        )
    }

    /// `{PolicyName, PolicyDocument}` allowing `states:StartExecution` on the target.
    static func startExecutionPolicy(_ name: String, _ target: StateMachineTarget) -> Node {
        .map([
            ("PolicyName", .string(name)),
            (
                "PolicyDocument",
                .map([("Statement", [.map([("Action", "states:StartExecution"), ("Effect", "Allow"), ("Resource", target.arn)])])])
            ),
        ])
    }

    /// An EventBridge target id: `<event id><suffix>`, the event id cut so that the whole fits in
    /// EventBridge's 64 characters.
    static func targetId(_ event: SAMEvent, suffix: String = "StepFunctionsTarget") -> Node {
        if let id = event["Target"]?.mapValue?["Id"] { return id }
        let limit = 64
        let id = event.logicalId
        if id.count + suffix.count <= limit { return .string(id + suffix) }
        return .string(String(id.prefix(limit - suffix.count)) + suffix)
    }

    /// A `Schedule`'s or rule's `DeadLetterConfig`: exactly one of `Arn` and `Type: SQS`.
    static func validateDeadLetterConfig(_ event: SAMEvent, _ config: Map) throws(SAMError) {
        let hasArn = config["Arn"] != nil
        let hasType = config["Type"] != nil
        if hasArn && hasType {
            throw event.error("You can either define 'Arn' or 'Type' property of DeadLetterConfig.", at: "DeadLetterConfig")
        }
        if hasType && config["Type"]?.stringValue != "SQS" {
            throw event.error("The only valid value for 'Type' property of DeadLetterConfig is 'SQS'.", at: "DeadLetterConfig")
        }
        if !hasArn && !hasType {
            throw event.error("No 'Arn' or 'Type' property provided for DeadLetterConfig.", at: "DeadLetterConfig")
        }
    }

    /// An EventBridge rule's `DeadLetterConfig`, checked: the ARN its target names, and the queue
    /// and queue policy SAM makes for it (none when the event has no dead-letter config, or names
    /// an ARN of its own).
    static func deadLetter(_ event: SAMEvent, ruleId: String, _ target: StateMachineTarget) throws(SAMError) -> (Node?, [CFNResource]) {
        guard let config = event["DeadLetterConfig"] else { return (nil, []) }
        let map = config.mapValue ?? Map()
        try validateDeadLetterConfig(event, map)
        let (arn, queue) = try deadLetterQueue(event, map, target)
        guard let queue else { return (arn, []) }
        return (arn, [queue, deadLetterQueuePolicy(event, ruleId: ruleId, queue: queue, target)])
    }

    /// The dead-letter queue's ARN: the one given, or that of the queue SAM makes (`QueueLogicalId`,
    /// or `<event id>Queue`), returned with it.
    static func deadLetterQueue(
        _ event: SAMEvent,
        _ config: Map,
        _ target: StateMachineTarget
    ) throws(SAMError) -> (
        arn: Node, queue: CFNResource?
    ) {
        if let arn = config["Arn"] { return (arn, nil) }
        var queueId = event.logicalId + "Queue"
        if let given = config["QueueLogicalId"] {
            guard let s = given.stringValue else { throw event.error("QueueLogicalId must be a string", at: "DeadLetterConfig") }
            queueId = s
        }
        let queue = event.resource(queueId, "AWS::SQS::Queue", attributes: target.attributes)
        return (queue.getAtt("Arn"), queue)
    }

    /// The queue policy that lets the rule `ruleId` send to the dead-letter queue SAM made.
    static func deadLetterQueuePolicy(_ event: SAMEvent, ruleId: String, queue: CFNResource, _ target: StateMachineTarget) -> CFNResource {
        event.resource(
            ruleId + "QueuePolicy",
            "AWS::SQS::QueuePolicy",
            [
                (
                    "PolicyDocument",
                    .map([
                        ("Version", "2012-10-17"),
                        (
                            "Statement",
                            [
                                .map([
                                    ("Action", "sqs:SendMessage"), ("Effect", "Allow"),
                                    ("Principal", .map([("Service", "events.amazonaws.com")])), ("Resource", queue.getAtt("Arn")),
                                    ("Condition", .map([("ArnEquals", .map([("aws:SourceArn", .getAtt(ruleId, "Arn"))]))])),
                                ])
                            ]
                        ),
                    ])
                ),
                ("Queues", [queue.ref]),
            ],
            attributes: target.attributes
        )
    }
}
