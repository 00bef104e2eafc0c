import CFNModel

/// A state machine's `Api` event: the role API Gateway starts executions with (trusted by
/// `apigateway.amazonaws.com`, allowed `states:StartExecution` on the target).
///
/// The path and method with their `StartExecution` integration go into the REST API's
/// definition, through the REST API translators' Swagger editor (`StateMachineApiIntegration`).
enum StateMachineApi: StateMachineEventSource {
    static let type = "Api"

    static let properties = PropertyTable([
        ("Path", .type(.string, required: true)), ("Method", .type(.string, required: true)),
        ("RestApiId", .type(.string, required: true)), ("Stage", .type(.string)), ("Auth", .type(.map)),
        ("UnescapeMappingTemplate", .strict(.bool)),
    ])

    static func translate(
        _ event: SAMEvent,
        _ target: StateMachineTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
    {
        let roleId = event.logicalId + "Role"
        let role = StateMachineEvents.startExecutionRole(
            roleId,
            principal: "apigateway.amazonaws.com",
            policyName: roleId + "StartExecutionPolicy",
            event,
            target
        )
        try StateMachineApiIntegration.add(event, roleArn: role.getAtt("Arn"), &context)
        return [role]
    }
}
