import CFNModel

/// `Type: IoTRule`: an IoT topic rule whose SQL selects the messages the function gets.
enum IoTRuleEvent: FunctionEventSource {
    static let type = "IoTRule"

    static let properties = PropertyTable([("Sql", .type(.string, required: true)), ("AwsIotSqlVersion", .type(.string))])

    static func translate(
        _ event: SAMEvent,
        _ target: inout FunctionTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
    {
        let sourceArn = Node.sub(
            Partition.arn(context.partition, "iot", "rule/${RuleName}"),
            .map([("RuleName", .ref(event.logicalId))])
        )
        let permission = LambdaPermission.make(
            event,
            target,
            principal: "iot.amazonaws.com",
            sourceArn: sourceArn,
            sourceAccount: .sub("${AWS::AccountId}")
        )
        var payload: [(String, Node)] = [
            ("Sql", event["Sql"] ?? Node(.null)), ("RuleDisabled", false),
            ("Actions", [.map([("Lambda", .map([("FunctionArn", target.arn)]))])]),
        ]
        if event.isSet("AwsIotSqlVersion") { payload.append(("AwsIotSqlVersion", event["AwsIotSqlVersion"]!)) }
        let rule = event.resource(
            event.logicalId,
            "AWS::IoT::TopicRule",
            [("TopicRulePayload", .map(payload))],
            attributes: target.attributes
        )
        return [permission, rule]
    }
}
