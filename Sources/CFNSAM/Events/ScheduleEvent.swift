import CFNModel

/// `Type: Schedule`: an EventBridge rule on a schedule expression invokes the function.
enum ScheduleEvent: FunctionEventSource {
    static let type = "Schedule"

    static let properties = PropertyTable([
        ("Schedule", .type(.string, required: true)), ("RuleName", .type(.string)), ("Input", .type(.string)),
        ("Enabled", .type(.bool)), ("State", .type(.string)), ("Name", .type(.string)), ("Description", .type(.string)),
        ("DeadLetterConfig", .type(.map)), ("RetryPolicy", .type(.map)),
    ])

    static func translate(
        _ event: SAMEvent,
        _ target: inout FunctionTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
    {
        var rule = event.resource(
            event.logicalId,
            "AWS::Events::Rule",
            [("ScheduleExpression", event["Schedule"])],
            attributes: target.attributes
        )
        rule["State"] = try EventBridgeRule.state(event)
        rule["Name"] = event["Name"]
        rule["Description"] = event["Description"]
        let (queueArn, queue) = try EventBridgeRule.deadLetterQueue(event, ruleArn: rule.getAtt("Arn"), attributes: target.attributes)
        rule["Targets"] = [EventBridgeRule.target(event, target, queueArn: queueArn, id: nil, extra: ["Input"])]
        return [rule] + queue
            + [LambdaPermission.make(event, target, principal: "events.amazonaws.com", sourceArn: rule.getAtt("Arn"))]
    }
}
