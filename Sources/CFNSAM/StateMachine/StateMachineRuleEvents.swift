import CFNModel

/// A state machine's `Schedule` event: an EventBridge rule on a schedule expression that starts
/// an execution through a role (its own, or `RoleArn`), with an optional dead-letter queue and
/// retry policy.
enum StateMachineSchedule: StateMachineEventSource {
    static let type = "Schedule"

    static let properties = PropertyTable([
        ("Schedule", .type(.string, required: true)), ("Input", .type(.string)), ("Enabled", .type(.bool)),
        ("State", .type(.string)), ("Name", .type(.string)), ("Description", .type(.string)),
        ("DeadLetterConfig", .type(.map)), ("RetryPolicy", .type(.map)), ("Target", .strict(.map)), ("RoleArn", .strict(.string)),
    ])

    static func translate(
        _ event: SAMEvent,
        _ target: StateMachineTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
    {
        if event["State"]?.isTruthy ?? false, event["Enabled"] != nil {
            throw event.error("State and Enabled Properties cannot both be specified.")
        }
        var state = event["State"].flatMap { $0.isTruthy ? $0 : nil }
        if let enabled = event["Enabled"] {
            if case .bool(let on) = enabled.value {
                state = .string(on ? "ENABLED" : "DISABLED")
            } else {
                // An intrinsic: aws-sam-translator takes any call for true.
                state = "ENABLED"
            }
        }
        var rule = event.resource(
            event.logicalId,
            "AWS::Events::Rule",
            [("ScheduleExpression", event["Schedule"]), ("State", state), ("Name", event["Name"]), ("Description", event["Description"])],
            attributes: target.attributes
        )
        var made: [CFNResource] = []
        var roleArn: Node
        var role: CFNResource? = nil
        if let given = event["RoleArn"] {
            roleArn = given
        } else {
            let id = event.logicalId + "Role"
            let r = StateMachineEvents.startExecutionRole(
                id,
                principal: "events.amazonaws.com",
                policyName: id + "StartExecutionPolicy",
                event,
                target
            )
            roleArn = r.getAtt("Arn")
            role = r
        }
        let (dlqArn, dlqResources) = try StateMachineEvents.deadLetter(event, ruleId: rule.logicalId, target)
        var ruleTarget: [(String, Node)] = [
            ("Arn", target.arn), ("Id", StateMachineEvents.targetId(event)), ("RoleArn", roleArn),
        ]
        if let input = event["Input"] { ruleTarget.append(("Input", input)) }
        if let dlqArn { ruleTarget.append(("DeadLetterConfig", .map([("Arn", dlqArn)]))) }
        if let retry = event["RetryPolicy"] { ruleTarget.append(("RetryPolicy", retry)) }
        rule["Targets"] = [.map(ruleTarget)]
        made.append(rule)
        if let role { made.append(role) }
        return made + dlqResources
    }
}

/// A state machine's `CloudWatchEvent` (and `EventBridgeRule`) event: an EventBridge rule on an
/// event pattern that starts an execution through the role SAM makes for it.
enum StateMachineCloudWatchEvent: StateMachineEventSource {
    static let type = "CloudWatchEvent"

    static let properties = PropertyTable([
        ("EventBusName", .type(.string)), ("RuleName", .type(.string)), ("Pattern", .type(.map)), ("Input", .type(.string)),
        ("InputPath", .type(.string)), ("DeadLetterConfig", .type(.map)), ("RetryPolicy", .type(.map)), ("State", .type(.string)),
        ("Target", .strict(.map)), ("InputTransformer", .type(.map)),
    ])

    static func translate(
        _ event: SAMEvent,
        _ target: StateMachineTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
    {
        var rule = event.resource(
            event.logicalId,
            "AWS::Events::Rule",
            [
                ("EventBusName", event["EventBusName"]), ("EventPattern", event["Pattern"]), ("Name", event["RuleName"]),
                ("State", event["State"].flatMap { $0.isTruthy ? $0 : nil }),
            ],
            attributes: target.attributes
        )
        let roleId = event.logicalId + "Role"
        let role = StateMachineEvents.startExecutionRole(
            roleId,
            principal: "events.amazonaws.com",
            policyName: roleId + "StartExecutionPolicy",
            event,
            target
        )
        let (dlqArn, dlqResources) = try StateMachineEvents.deadLetter(event, ruleId: rule.logicalId, target)
        var ruleTarget: [(String, Node)] = [
            ("Arn", target.arn), ("Id", StateMachineEvents.targetId(event)), ("RoleArn", role.getAtt("Arn")),
        ]
        if let input = event["Input"] { ruleTarget.append(("Input", input)) }
        if let path = event["InputPath"] { ruleTarget.append(("InputPath", path)) }
        if let dlqArn { ruleTarget.append(("DeadLetterConfig", .map([("Arn", dlqArn)]))) }
        if let retry = event["RetryPolicy"] { ruleTarget.append(("RetryPolicy", retry)) }
        if let transformer = event["InputTransformer"] { ruleTarget.append(("InputTransformer", transformer)) }
        rule["Targets"] = [.map(ruleTarget)]
        return [rule, role] + dlqResources
    }
}

/// A state machine's `EventBridgeRule` event: the same as `CloudWatchEvent`.
enum StateMachineEventBridgeRule: StateMachineEventSource {
    static let type = "EventBridgeRule"
    static let properties = StateMachineCloudWatchEvent.properties

    static func translate(
        _ event: SAMEvent,
        _ target: StateMachineTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
    {
        try StateMachineCloudWatchEvent.translate(event, target, &context)
    }
}

/// A state machine's `ScheduleV2` event: an EventBridge Scheduler schedule that starts an
/// execution through its own role (or `RoleArn`); a dead-letter queue SAM makes needs no queue
/// policy, the role may send to it.
enum StateMachineScheduleV2: StateMachineEventSource {
    static let type = "ScheduleV2"

    static let properties = PropertyTable([
        ("PermissionsBoundary", .type(.string)), ("ScheduleExpression", .type(.string, required: true)),
        ("FlexibleTimeWindow", .type(.map)), ("Name", .type(.string)), ("State", .type(.string)), ("Description", .type(.string)),
        ("StartDate", .type(.string)), ("EndDate", .type(.string)), ("ScheduleExpressionTimezone", .type(.string)),
        ("GroupName", .type(.string)), ("KmsKeyArn", .type(.string)), ("Input", .type(.string)), ("RoleArn", .type(.string)),
        ("DeadLetterConfig", .type(.map)), ("RetryPolicy", .type(.map)), ("OmitName", .strict(.bool)),
    ])

    static func translate(
        _ event: SAMEvent,
        _ target: StateMachineTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
    {
        var name: Node? = event["Name"] ?? .string(event.logicalId)
        if case .bool(true) = event["OmitName"]?.value {
            if event["Name"]?.isTruthy ?? false { throw event.error("Name cannot be set when OmitName is True", at: "Name") }
            name = nil
        } else if let given = event["Name"], !given.isTruthy {
            name = .string(event.logicalId)
        }
        var schedule = event.resource(
            event.logicalId,
            "AWS::Scheduler::Schedule",
            [
                ("ScheduleExpression", event["ScheduleExpression"]), ("State", event["State"].flatMap { $0.isTruthy ? $0 : nil }),
                ("Name", name), ("Description", event["Description"]),
                ("FlexibleTimeWindow", event["FlexibleTimeWindow"].flatMap { $0.isTruthy ? $0 : nil } ?? .map([("Mode", "OFF")])),
                ("StartDate", event["StartDate"]), ("EndDate", event["EndDate"]),
                ("ScheduleExpressionTimezone", event["ScheduleExpressionTimezone"]), ("GroupName", event["GroupName"]),
                ("KmsKeyArn", event["KmsKeyArn"]),
            ],
            attributes: target.attributes
        )
        var made: [CFNResource] = []
        var dlqArn: Node? = nil
        if let config = event["DeadLetterConfig"] {
            let map = config.mapValue ?? Map()
            try StateMachineEvents.validateDeadLetterConfig(event, map)
            let (arn, queue) = try StateMachineEvents.deadLetterQueue(event, map, target)
            dlqArn = arn
            if let queue { made.append(queue) }
        }
        var roleArn: Node
        var role: CFNResource? = nil
        if let given = event["RoleArn"], given.isTruthy {
            roleArn = given
        } else {
            var extra: [Node] = []
            if let dlqArn {
                extra.append(
                    .map([
                        ("PolicyName", .string(event.logicalId + "SQSPolicy")),
                        (
                            "PolicyDocument",
                            .map([("Statement", [.map([("Action", "sqs:SendMessage"), ("Effect", "Allow"), ("Resource", dlqArn)])])])
                        ),
                    ])
                )
            }
            var r = event.resource(
                event.logicalId + "Role",
                "AWS::IAM::Role",
                [
                    ("AssumeRolePolicyDocument", ExecutionRole.trust("scheduler.amazonaws.com")),
                    (
                        "Policies",
                        .list([StateMachineEvents.startExecutionPolicy(event.logicalId + "StartExecutionPolicy", target)] + extra)
                    ),
                ],
                attributes: target.attributes
            )
            if let boundary = event["PermissionsBoundary"], boundary.isTruthy { r["PermissionsBoundary"] = boundary }
            roleArn = r.getAtt("Arn")
            role = r
        }
        var scheduleTarget: [(String, Node)] = [("Arn", target.arn), ("RoleArn", roleArn)]
        if let input = event["Input"] { scheduleTarget.append(("Input", input)) }
        if let dlqArn { scheduleTarget.append(("DeadLetterConfig", .map([("Arn", dlqArn)]))) }
        if let retry = event["RetryPolicy"] { scheduleTarget.append(("RetryPolicy", retry)) }
        schedule["Target"] = .map(scheduleTarget)
        return [schedule] + made + (role.map { [$0] } ?? [])
    }
}
