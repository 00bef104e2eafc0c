import CFNModel

/// `Type: CloudWatchLogs`: a subscription filter of a log group sends matching events to the function.
enum CloudWatchLogsEvent: FunctionEventSource {
    static let type = "CloudWatchLogs"

    static let properties = PropertyTable([
        ("LogGroupName", .type(.string, required: true)), ("FilterPattern", .type(.string, required: true)),
    ])

    static func translate(
        _ event: SAMEvent,
        _ target: inout FunctionTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
    {
        let logGroup = event["LogGroupName"] ?? Node(.null)
        let sourceArn = Node.sub(
            Partition.arn(context.partition, "logs", "log-group:${__LogGroupName__}:*"),
            .map([("__LogGroupName__", logGroup)])
        )
        let permission = LambdaPermission.make(event, target, principal: "logs.amazonaws.com", sourceArn: sourceArn)
        // The filter is refused until Logs may invoke the function.
        let filter = event.resource(
            event.logicalId,
            "AWS::Logs::SubscriptionFilter",
            [("LogGroupName", event["LogGroupName"]), ("FilterPattern", event["FilterPattern"]), ("DestinationArn", target.arn)],
            attributes: target.attributes + [("DependsOn", [.string(permission.logicalId)])]
        )
        return [permission, filter]
    }
}
