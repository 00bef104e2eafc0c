import CFNModel

/// `Type: AlexaSkill`: the Alexa Skills Kit may invoke the function (for the skill `SkillId`, if given).
enum AlexaSkillEvent: FunctionEventSource {
    static let type = "AlexaSkill"

    static let properties = PropertyTable([("SkillId", .type(.string))])

    static func translate(
        _ event: SAMEvent,
        _ target: inout FunctionTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
    {
        [LambdaPermission.make(event, target, principal: "alexa-appkit.amazon.com", eventSourceToken: event["SkillId"])]
    }
}
