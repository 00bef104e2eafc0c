import CFNModel

/// The `AWS::Scheduler::Schedule` of a `ScheduleV2` event, for a function or a state machine: the
/// schedule, its dead-letter queue when SAM makes it, and the role the scheduler assumes.
enum SchedulerSchedule {
    /// The schedule's flexible time window when the event sets none.
    static let defaultTimeWindow = Node.map([("Mode", "OFF")])

    static func make(
        _ event: SAMEvent,
        targetArn: Node,
        attributes: [(String, Node)],
        invokePolicy: Node
    ) throws(SAMError)
        -> [CFNResource]
    {
        var schedule = event.resource(
            event.logicalId,
            "AWS::Scheduler::Schedule",
            [("ScheduleExpression", event["ScheduleExpression"])],
            attributes: attributes
        )
        if event.isSet("State") { schedule["State"] = event["State"] }
        if event["OmitName"]?.isTruthy ?? false {
            // Without a name the same template deploys to several stacks (no name clash).
            if event.isSet("Name") { throw event.errorByLogicalId("Name cannot be set when OmitName is True", at: "Name") }
        } else {
            schedule["Name"] = event.isSet("Name") ? event["Name"] : .string(event.logicalId)
        }
        schedule["Description"] = event["Description"]
        schedule["FlexibleTimeWindow"] = event.isSet("FlexibleTimeWindow") ? event["FlexibleTimeWindow"] : defaultTimeWindow
        for name in ["StartDate", "EndDate", "ScheduleExpressionTimezone", "GroupName", "KmsKeyArn"] { schedule[name] = event[name] }
        var made = [schedule]

        // The scheduler needs no queue policy: the role below may send to the queue.
        var queueArn: Node? = nil
        if let config = event["DeadLetterConfig"] {
            try EventBridgeRule.checkDeadLetterConfig(event, config)
            if let queueId = try EventBridgeRule.queueLogicalId(event, config) {
                let queue = event.resource(queueId, "AWS::SQS::Queue", attributes: attributes)
                queueArn = queue.getAtt("Arn")
                made.append(queue)
            } else {
                queueArn = config["Arn"]
            }
        }

        var roleArn = event["RoleArn"].flatMap { $0.isTruthy ? $0 : nil }
        if roleArn == nil {
            var policies = [invokePolicy]
            if let queueArn, queueArn.isTruthy { policies.append(EventPolicies.sqsSendMessage(queueArn, event.logicalId)) }
            let role = event.resource(
                LogicalId.make(event.logicalId + "Role", nil),
                "AWS::IAM::Role",
                [
                    ("AssumeRolePolicyDocument", ExecutionRole.trust("scheduler.amazonaws.com")), ("Policies", .list(policies)),
                    ("PermissionsBoundary", event.isSet("PermissionsBoundary") ? event["PermissionsBoundary"] : nil),
                ],
                attributes: attributes
            )
            roleArn = role.getAtt("Arn")
            made.append(role)
        }

        var target: [(String, Node)] = [("Arn", targetArn), ("RoleArn", roleArn!)]
        if let input = event["Input"] { target.append(("Input", input)) }
        if event["DeadLetterConfig"] != nil { target.append(("DeadLetterConfig", .map([("Arn", queueArn ?? Node(.null))]))) }
        if let retry = event["RetryPolicy"] { target.append(("RetryPolicy", retry)) }
        made[0]["Target"] = .map(target)
        return made
    }
}
