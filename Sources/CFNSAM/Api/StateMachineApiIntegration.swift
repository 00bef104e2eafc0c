import CFNModel

/// A state machine's `Api` event on the REST API it names: when SAM writes that API's
/// definition, the path and method with a Step Functions `StartExecution` integration (the
/// request body as the execution's input) and the event's auth.
///
/// The state machine's translator makes the role API Gateway starts executions with, and calls
/// `add` with its ARN; the API's definition is changed in the template before the API is
/// translated.
enum StateMachineApiIntegration {
    /// The event's properties, checked before the event is translated.
    static let properties = PropertyTable([
        ("Path", .type(.string, required: true)), ("Method", .type(.string, required: true)),
        ("RestApiId", .type(.string, required: true)), ("Stage", .type(.string)), ("Auth", .type(.map)),
        ("UnescapeMappingTemplate", .strict(.bool)),
    ])

    /// Checks the API the event names (as the event is linked, before the state machine is
    /// translated): it must be in the template, with a non-empty `StageName`.
    static func link(_ event: SAMEvent, _ context: TransformContext) throws(SAMError) {
        _ = try ApiEvent.link(restApiId: event["RestApiId"], event: event, context)
    }

    /// Adds the event's integration to the API's definition, when SAM writes it.
    /// - Parameters:
    ///   - event: the state machine's `Api` event (its owner is the state machine).
    ///   - roleArn: the ARN of the role API Gateway starts executions with.
    static func add(_ event: SAMEvent, roleArn: Node, _ context: inout TransformContext) throws(SAMError) {
        let link = try ApiEvent.link(restApiId: event["RestApiId"], event: event, context)
        guard let apiId = link.apiId, let api = link.api, api["__MANAGE_SWAGGER"]?.isTruthy ?? false else { return }
        guard let body = api["DefinitionBody"], !body.isNull else { return }
        let path = event["Path"]?.stringValue ?? ""
        let method = (event["Method"]?.stringValue ?? "").lowercased()
        var editor = try SwaggerEditor(body, owner: apiId, site: event.range)
        if try editor.hasIntegration(path, method) {
            throw event.error("API method \"\(method)\" defined multiple times for path \"\(path)\".")
        }
        try editor.addStateMachineIntegration(
            path,
            method,
            uri: .sub("arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution"),
            credentials: roleArn,
            requestTemplates: .map([("application/json", requestTemplate(event))]),
            condition: event.owner.attribute("Condition")?.stringValue
        )
        if let auth = event["Auth"], auth.isTruthy, let authMap = auth.mapValue {
            // The resource policy's stage is the event's own `Stage`, as SAM reads it.
            try ApiEvent.addAuth(
                authMap,
                event: event,
                api: api,
                apiId: apiId,
                method: method,
                path: path,
                stage: event["Stage"],
                &editor,
                context
            )
        }
        ImplicitRestApi.setDefinitionBody(apiId, editor.node, &context)
    }

    /// The mapping template that passes the request body to the execution as its input
    /// (single quotes unescaped with `UnescapeMappingTemplate`).
    static func requestTemplate(_ event: SAMEvent) -> Node {
        let arn = "${\(event.owner.logicalId)}"
        if case .bool(true) = event["UnescapeMappingTemplate"]?.value {
            return .sub(
                "{\"input\": \"$util.escapeJavaScript($input.json('$')).replaceAll(\"\\\\'\",\"'\")\", \"stateMachineArn\": \"\(arn)\"}"
            )
        }
        return .sub("{\"input\": \"$util.escapeJavaScript($input.json('$'))\", \"stateMachineArn\": \"\(arn)\"}")
    }
}
