import CFNModel

/// `Type: CloudWatchEvent` and `Type: EventBridgeRule` (the same event under its two names): a
/// rule on an event pattern, on the default or a named bus, invokes the function.
enum CloudWatchEventEvent: FunctionEventSource {
    static let type = "CloudWatchEvent"

    static let properties = PropertyTable([
        ("EventBusName", .type(.string)), ("RuleName", .type(.string)), ("Pattern", .type(.map)),
        ("DeadLetterConfig", .type(.map)), ("RetryPolicy", .type(.map)), ("Input", .type(.string)),
        ("InputPath", .type(.string)), ("Target", .type(.map)), ("Enabled", .type(.bool)), ("State", .type(.string)),
        ("InputTransformer", .type(.map)),
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
            [("EventBusName", event["EventBusName"]), ("EventPattern", event["Pattern"]), ("Name", event["RuleName"])],
            attributes: target.attributes
        )
        let (queueArn, queue) = try EventBridgeRule.deadLetterQueue(event, ruleArn: rule.getAtt("Arn"), attributes: target.attributes)
        rule["State"] = try EventBridgeRule.state(event)
        var id: Node? = nil
        if let t = event["Target"], let given = t["Id"] { id = given }
        rule["Targets"] = [
            EventBridgeRule.target(event, target, queueArn: queueArn, id: id, extra: ["Input", "InputPath", "InputTransformer"])
        ]
        return queue + [rule, LambdaPermission.make(event, target, principal: "events.amazonaws.com", sourceArn: rule.getAtt("Arn"))]
    }
}
