import CFNModel

/// `Type: EventBridgeRule`: `CloudWatchEvent` by its newer name.
enum EventBridgeRuleEvent: FunctionEventSource {
    static let type = "EventBridgeRule"
    static var properties: PropertyTable { CloudWatchEventEvent.properties }

    static func translate(
        _ event: SAMEvent,
        _ target: inout FunctionTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
    {
        try CloudWatchEventEvent.translate(event, &target, &context)
    }
}
