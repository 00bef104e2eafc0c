import CFNModel

/// `Type: Cognito`: a user pool of the template calls the function on its triggers (`PreSignUp`,
/// ...): the pool's `LambdaConfig` names the function for each, and one permission per function
/// lets the pool invoke it.
enum CognitoEvent: FunctionEventSource {
    static let type = "Cognito"

    static let properties = PropertyTable([
        ("UserPool", .type(.string, required: true)), ("Trigger", .strict(.oneOf([.string, .listOf(.string)]), required: true)),
    ])

    /// The properties aws-sam-translator keeps on the user pool it rewrites (any other is an error).
    static let userPoolProperties: Set<String> = [
        "AccountRecoverySetting", "AdminCreateUserConfig", "AliasAttributes", "AutoVerifiedAttributes", "DeletionProtection",
        "DeviceConfiguration", "EmailAuthenticationMessage", "EmailAuthenticationSubject", "EmailConfiguration",
        "EmailVerificationMessage", "EmailVerificationSubject", "EnabledMfas", "LambdaConfig", "MfaConfiguration", "Policies",
        "Schema", "SmsAuthenticationMessage", "SmsConfiguration", "SmsVerificationMessage", "UserAttributeUpdateSettings",
        "UsernameAttributes", "UsernameConfiguration", "UserPoolAddOns", "UserPoolName", "UserPoolTags", "UserPoolTier",
        "VerificationMessageTemplate", "WebAuthnRelyingPartyID", "WebAuthnUserVerification",
    ]

    static func link(_ event: SAMEvent, _ context: inout TransformContext) throws(SAMError) {
        _ = try userPoolId(event, context)
    }

    /// The logical id of the user pool `UserPool: !Ref Id` names, which must be in the template.
    private static func userPoolId(_ event: SAMEvent, _ context: TransformContext) throws(SAMError) -> String {
        if let f = event["UserPool"]?.functionValue, f.name == .ref {
            guard let id = f.argument.stringValue else { throw event.errorByLogicalId("Ref in Userpool is not a string.", at: "UserPool") }
            if context.resource(id) != nil { return id }
        }
        throw event.error("Cognito events must reference a Cognito UserPool in the same template.", at: "UserPool")
    }

    static func translate(
        _ event: SAMEvent,
        _ target: inout FunctionTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
    {
        let poolId = try userPoolId(event, context)
        guard var pool = context.resource(poolId)?.mapValue else { return [] }
        let permission = LambdaPermission.make(
            event,
            target,
            principal: "cognito-idp.amazonaws.com",
            sourceArn: .getAtt(poolId, "Arn"),
            prefix: target.function.logicalId + "Cognito"
        )

        var properties = Map()
        if let p = pool["Properties"], !p.isNull {
            guard let m = p.mapValue else {
                throw SAMError("Properties of a resource must be an object.", logicalId: poolId, range: p.range)
            }
            properties = m
        }
        var config = Map()
        if let c = properties["LambdaConfig"], !c.isNull {
            guard let m = c.mapValue else { throw SAMError("Property 'LambdaConfig' should be a map.", logicalId: poolId, range: c.range) }
            config = m
        }
        let triggers = event["Trigger"].map { $0.listValue ?? [$0] } ?? []
        for trigger in triggers.compactMap(\.stringValue) {
            guard config[trigger] == nil else {
                let written = event["Trigger"].map { $0.stringValue ?? PythonJSON.pythonListRepr($0) } ?? ""
                throw event.error("Cognito trigger \"\(written)\" defined multiple times.", at: "Trigger")
            }
            config[trigger] = target.arn
        }
        properties["LambdaConfig"] = Node(.map(config), range: properties["LambdaConfig"]?.range ?? .unknown)
        pool["Properties"] = Node(.map(properties), range: pool["Properties"]?.range ?? .unknown)
        let output = try RewrittenResource.rewrite(
            pool,
            poolId,
            type: "AWS::Cognito::UserPool",
            known: userPoolProperties,
            event,
            &context
        )
        return [permission, output]
    }
}

extension PythonJSON {
    /// How Python prints a list of strings (`['A', 'B']`).
    static func pythonListRepr(_ node: Node) -> String {
        Globals.pythonList((node.listValue ?? []).map { $0.stringValue ?? dumps($0) })
    }
}
