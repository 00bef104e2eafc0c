import CFNModel

/// One function's `DeploymentPreference`, read.
struct DeploymentPreference {
    var logicalId: String
    var enabled: Bool
    var type: Node?
    var preTraffic: Node?
    var postTraffic: Node?
    var alarms: Node?
    var role: Node?
    var triggers: Node?
    /// The function's condition, when `PassthroughCondition` is true.
    var condition: String?
    /// The function's tags, when it propagates them.
    var tags: Map?
    var origin: Origin
}

/// The deployment preferences of all functions, collected as they are translated.
struct DeploymentPreferenceState {
    var preferences: [DeploymentPreference] = []
}

/// Gradual deployments through CodeDeploy (`DeploymentPreference`): the alias gets an
/// `UpdatePolicy`, and after every function is translated the template gets one CodeDeploy
/// application, a service role (unless every function names its own) and a deployment group
/// per function.
enum DeploymentPreferences {
    static let applicationId = "ServerlessDeploymentApplication"
    static let serviceRoleId = "CodeDeployServiceRole"
    static let conditionName = "ServerlessCodeDeployCondition"
    static let predefined: Set<String> = [
        "Canary10Percent5Minutes", "Canary10Percent10Minutes", "Canary10Percent15Minutes", "Canary10Percent30Minutes",
        "Linear10PercentEvery1Minute", "Linear10PercentEvery2Minutes", "Linear10PercentEvery3Minutes",
        "Linear10PercentEvery10Minutes", "AllAtOnce",
    ]

    /// Reads a function's preference, records it and returns the alias's `UpdatePolicy` when it is
    /// enabled.
    static func add(_ r: SAMResource, alias: CFNResource?, _ context: inout TransformContext) throws(SAMError) -> Node? {
        guard var map = r["DeploymentPreference"]?.mapValue else { return nil }
        let mappings = context.template["Mappings"]?.mapValue ?? Map()
        func resolve(_ n: Node) -> Node { ServerlessApplications.resolveFindInMap(context.intrinsics.resolved(n), mappings) }
        if let e = map["Enabled"] { map["Enabled"] = resolve(e) }
        if let t = map["Type"] { map["Type"] = resolve(t) }
        var passthrough = false
        if let p = map["PassthroughCondition"] {
            let v = resolve(p)
            switch v.value {
            case .bool(let b): passthrough = b
            case .string("true"), .string("True"): passthrough = true
            case .string("false"), .string("False"): passthrough = false
            case .function:
                throw r.error(
                    "Unsupported intrinsic: the only intrinsic functions supported for property PassthroughCondition are FindInMap and parameter Refs.",
                    at: "DeploymentPreference"
                )
            default: throw r.error("Invalid value for property PassthroughCondition.", at: "DeploymentPreference")
            }
        }
        var enabled = true
        if let e = map["Enabled"] {
            switch e.value {
            case .bool(let b): enabled = b
            case .string("false"), .string("False"): enabled = false
            default: enabled = e.isTruthy
            }
        }
        var preference = DeploymentPreference(logicalId: r.logicalId, enabled: enabled, origin: r.origin(property: "DeploymentPreference"))
        if enabled {
            guard let type = map["Type"] else {
                throw r.error("'DeploymentPreference' is missing required Property 'Type'", at: "DeploymentPreference")
            }
            let hooks = map["Hooks"] ?? Node(.map(Map()))
            guard let hookMap = hooks.mapValue else {
                throw r.error("'Hooks' property of 'DeploymentPreference' must be a dictionary", at: "DeploymentPreference")
            }
            preference.type = type
            preference.preTraffic = hookMap["PreTraffic"]
            preference.postTraffic = hookMap["PostTraffic"]
            preference.alarms = map["Alarms"]
            preference.role = map["Role"]
            preference.triggers = map["TriggerConfigurations"]
            if passthrough { preference.condition = r.attribute("Condition")?.stringValue }
            if case .bool(true) = r["PropagateTags"]?.value, let tags = r["Tags"]?.mapValue, !tags.isEmpty { preference.tags = tags }
        }
        context.deployments.preferences.append(preference)
        guard enabled else { return nil }
        guard r["AutoPublishAlias"] != nil, alias != nil else {
            throw r.error("'DeploymentPreference' requires AutoPublishAlias property to be specified.", at: "DeploymentPreference")
        }
        var update: [(String, Node)] = [("ApplicationName", .ref(applicationId)), ("DeploymentGroupName", .ref(groupId(r.logicalId)))]
        if let h = preference.preTraffic, !h.isNull { update.append(("BeforeAllowTrafficHook", h)) }
        if let h = preference.postTraffic, !h.isNull { update.append(("AfterAllowTrafficHook", h)) }
        return .map([("CodeDeployLambdaAliasUpdate", .map(update))])
    }

    static func groupId(_ function: String) -> String { function + "DeploymentGroup" }

    /// The CodeDeploy resources for the functions that asked for them.
    static func finish(_ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        let all = context.deployments.preferences
        let enabled = all.filter(\.enabled)
        guard let first = enabled.first else { return [] }
        var made: [CFNResource] = []
        // When every enabled preference has a condition, so do the shared resources: that one, or
        // their Or (in groups of ten, as Fn::Or takes at most ten).
        var sharedCondition: String? = nil
        if !all.isEmpty, !all.contains(where: { $0.condition == nil && $0.enabled }) {
            var conditions: [String] = []
            for c in all.compactMap(\.condition) where !conditions.contains(c) { conditions.append(c) }
            if conditions.count >= 2 {
                for (name, value) in combined(conditions, conditionName) { context.conditions[name] = value }
                sharedCondition = conditionName
            } else {
                sharedCondition = conditions.first
            }
        }
        var tags = Map()
        for p in enabled { for t in p.tags ?? Map() { tags[t.key] = t.value } }
        let origin = Origin(
            logicalId: first.logicalId,
            type: ServerlessFunction.type,
            property: "DeploymentPreference",
            range: first.origin.range
        )
        var application = CFNResource(
            applicationId,
            "AWS::CodeDeploy::Application",
            origin: origin,
            properties: [("ComputePlatform", "Lambda")]
        )
        if !tags.isEmpty { application["Tags"] = .list(Tagging.list(tags)) }
        if let sharedCondition { application.attributes["Condition"] = .string(sharedCondition) }
        made.append(application)
        if !all.allSatisfy({ $0.role != nil || !$0.enabled }) {
            let policy =
                ["aws-iso", "aws-iso-b"].contains(context.partition)
                ? "service-role/AWSCodeDeployRoleForLambdaLimited" : "service-role/AWSCodeDeployRoleForLambda"
            var role = CFNResource(
                serviceRoleId,
                "AWS::IAM::Role",
                origin: origin,
                properties: [
                    ("AssumeRolePolicyDocument", ExecutionRole.trust("codedeploy.amazonaws.com")),
                    ("ManagedPolicyArns", [.string(context.awsManagedPolicy(policy))]),
                ]
            )
            if let sharedCondition { role.attributes["Condition"] = .string(sharedCondition) }
            if !tags.isEmpty { role["Tags"] = .list(Tagging.list(tags)) }
            made.append(role)
        }
        for p in enabled { made.append(try group(p)) }
        return made
    }

    private static func group(_ p: DeploymentPreference) throws(SAMError) -> CFNResource {
        var g = CFNResource(
            groupId(p.logicalId),
            "AWS::CodeDeploy::DeploymentGroup",
            origin: p.origin,
            properties: [
                ("AlarmConfiguration", try alarms(p)),
                ("ApplicationName", .ref(applicationId)),
                (
                    "AutoRollbackConfiguration",
                    .map([("Enabled", true), ("Events", ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM", "DEPLOYMENT_STOP_ON_REQUEST"])])
                ),
                ("DeploymentConfigName", p.type.map { configName($0) }),
                ("DeploymentStyle", .map([("DeploymentType", "BLUE_GREEN"), ("DeploymentOption", "WITH_TRAFFIC_CONTROL")])),
                ("ServiceRoleArn", p.role ?? .getAtt(serviceRoleId, "Arn")),
                ("TriggerConfigurations", p.triggers.flatMap { $0.isTruthy ? $0 : nil }),
                ("Tags", p.tags.map { .list(Tagging.list($0)) }),
            ]
        )
        if let c = p.condition { g.attributes["Condition"] = .string(c) }
        return g
    }

    private static func alarms(_ p: DeploymentPreference) throws(SAMError) -> Node? {
        guard let alarms = p.alarms, alarms.isTruthy, !alarms.isNoValue else { return nil }
        func build(_ list: Node) throws(SAMError) -> Node {
            guard let items = list.listValue else {
                throw SAMError("Alarms must be a list", logicalId: p.logicalId, range: list.range)
            }
            if items.isEmpty || items[0].isNoValue { return Node(.map(Map())) }
            return .map([("Enabled", true), ("Alarms", .list(items.map { .map([("Name", $0)]) }))])
        }
        if let branches = alarms.ifBranches, var f = alarms.functionValue {
            f.argument = .list([branches.condition, try build(branches.then), try build(branches.otherwise)])
            return Node(.function(f), range: alarms.range)
        }
        if alarms.functionValue?.name == .if {
            throw SAMError("Fn::If requires 3 arguments", logicalId: p.logicalId, range: alarms.range)
        }
        return try build(alarms)
    }

    /// A predefined configuration name becomes `CodeDeployDefault.Lambda<name>` (through a Sub,
    /// or inside the Sub that names it).
    private static func configName(_ value: Node, key: FunctionName? = nil) -> Node {
        switch value.value {
        case .list(let items): return Node(.list(items.map { configName($0) }), range: value.range)
        case .function(var f):
            f.argument = configName(f.argument, key: f.name)
            return Node(.function(f), range: value.range)
        case .string(let s) where predefined.contains(s):
            if key == .sub { return ["CodeDeployDefault.Lambda${ConfigName}", .map([("ConfigName", value)])] }
            return .sub("CodeDeployDefault.Lambda${ConfigName}", .map([("ConfigName", value)]))
        default: return value
        }
    }

    /// `Fn::Or` conditions over `names`, ten at a time (`Name1`, `Name2`, ... then `Name`).
    static func combined(_ names: [String], _ name: String) -> [(String, Node)] {
        var list = names
        var remaining = 1 + (list.count - 2) / 9 - 1
        var out: [(String, Node)] = []
        while list.count > 1 {
            var newName = name
            if remaining > 0 {
                newName = "\(name)\(remaining)"
                remaining -= 1
            }
            let group = Array(list.prefix(10))
            list = Array(list.dropFirst(10)) + [newName]
            out.append((newName, .call(.or, .list(group.map { .call(.condition, .string($0)) }))))
        }
        return out
    }
}
