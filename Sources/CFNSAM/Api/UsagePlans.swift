import CFNModel

/// `Auth.UsagePlan` of a REST API: a usage plan with an API key for this API's stage
/// (`PER_API`), or a place in the plan and key every `SHARED` API shares (made once all APIs
/// are translated), or none (`NONE`).
enum UsagePlans {
    static let settingKeys: Set<String> = ["CreateUsagePlan", "Description", "Quota", "Tags", "Throttle", "UsagePlanName"]

    static func make(_ api: RestApiBuilder, stage: CFNResource, _ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        guard let auth = api.auth, auth.isTruthy, let plan = api.authSetting("UsagePlan") else { return [] }
        guard let settings = plan.mapValue else { throw api.fail("'UsagePlan' must be a dictionary", at: "Auth") }
        guard settings.allSatisfy({ settingKeys.contains($0.key) }) else { throw api.fail("Invalid property for 'UsagePlan'", at: "Auth") }
        guard let create = settings["CreateUsagePlan"], !create.isNull else {
            throw api.fail("'CreateUsagePlan' is a required field for UsagePlan.", at: "Auth")
        }
        guard let kind = create.stringValue, ["SHARED", "PER_API", "NONE"].contains(kind) else {
            throw api.fail("'CreateUsagePlan' accepts one of ['SHARED', 'PER_API', 'NONE'].", at: "Auth")
        }
        let origin = api.r.origin(property: "Auth")
        let apiStage: Node = .map([("ApiId", .ref(api.id)), ("Stage", .ref(stage.logicalId))])
        let stageKey: Node = .map([("RestApiId", .ref(api.id)), ("StageName", .ref(stage.logicalId))])
        switch kind {
        case "PER_API":
            let planId = api.id + "UsagePlan"
            let attributes = api.r.passthroughAttributes
            var usagePlan = CFNResource(
                planId,
                "AWS::ApiGateway::UsagePlan",
                origin: origin,
                properties: [("ApiStages", [apiStage])],
                attributes: [("DependsOn", [.string(api.id)])] + attributes
            )
            copySettings(settings, to: &usagePlan)
            let key = CFNResource(
                api.id + "ApiKey",
                "AWS::ApiGateway::ApiKey",
                origin: origin,
                properties: [("Enabled", true), ("StageKeys", [stageKey])],
                attributes: [("DependsOn", [.string(planId)])] + attributes
            )
            let planKey = CFNResource(
                api.id + "UsagePlanKey",
                "AWS::ApiGateway::UsagePlanKey",
                origin: origin,
                properties: [("KeyId", .ref(key.logicalId)), ("KeyType", "API_KEY"), ("UsagePlanId", .ref(planId))],
                attributes: [("DependsOn", [.string(key.logicalId)])] + attributes
            )
            return [usagePlan, key, planKey]
        case "SHARED":
            var shared = context.restApi.sharedUsagePlan ?? SharedUsagePlan(settings: settings, origin: origin)
            if !shared.apis.contains(api.id) { shared.apis.append(api.id) }
            var conditions = context.conditions
            try shared.combine(
                api.r.passthroughAttributes,
                &conditions,
                hasConditions: context.template["Conditions"] != nil,
                api: api.id,
                at: api.r.range
            )
            if context.template["Conditions"] != nil { context.conditions = conditions }
            if !shared.apiStages.contains(where: { $0.isSemanticallyEqual(to: apiStage) }) { shared.apiStages.append(apiStage) }
            if !shared.stageKeys.contains(where: { $0.isSemanticallyEqual(to: stageKey) }) { shared.stageKeys.append(stageKey) }
            shared.settings = settings
            context.restApi.sharedUsagePlan = shared
            return []
        default:
            return []
        }
    }

    /// The plan's name, description, quota, tags and throttle, when set.
    static func copySettings(_ settings: Map, to plan: inout CFNResource) {
        for name in ["UsagePlanName", "Description", "Quota", "Tags", "Throttle"] {
            if let value = settings[name], value.isTruthy { plan[name] = value }
        }
    }
}
