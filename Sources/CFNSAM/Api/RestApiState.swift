import CFNModel

/// What the REST API translators share over a template: the function names behind each API
/// (its deployment follows them), the usage plan shared by APIs, and the Route 53 record set
/// groups that several APIs' domains add their records to.
struct RestApiState {
    /// Per API, the `FunctionName`s of the functions whose `Api` events name it.
    var functionNames: [String: [String]] = [:]
    /// The `SHARED` usage plan, once an API asked for it.
    var sharedUsagePlan: SharedUsagePlan?
    /// Record set groups by logical id, in the order they were made.
    /// The record set groups REST API domains added records to (kept in `TransformContext.recordSetGroups`,
    /// which HTTP APIs share), in order: written after every API, with every API's records.
    var recordSetGroupIds: [String] = []
}

/// The usage plan, API key and usage plan key that every API with `UsagePlan.CreateUsagePlan:
/// SHARED` shares: each such API adds its stage, and their attributes combine (a condition
/// only when every API has one, `Retain` over `Delete`).
struct SharedUsagePlan {
    static let conditionName = "SharedUsagePlanCondition"
    /// The APIs, in order.
    var apis: [String] = []
    var apiStages: [Node] = []
    var stageKeys: [Node] = []
    var conditions: [String] = []
    var anyWithoutCondition = false
    var deletionPolicy: Node?
    var updateReplacePolicy: Node?
    /// The first API's `UsagePlan` settings and source.
    var settings: Map
    var origin: Origin
    /// Tags propagated by an API with `PropagateTags`.
    var propagatedTags: Map?

    /// Folds in one more API's attributes; the condition shared by all, when they all have one,
    /// is written into `conditions`.
    mutating func combine(
        _ attributes: [(String, Node)],
        _ conditions: inout Map,
        hasConditions: Bool,
        api: String,
        at range: SourceRange
    ) throws(SAMError) {
        let values = Dictionary(attributes, uniquingKeysWith: { a, _ in a })
        if let d = values["DeletionPolicy"], d.isTruthy {
            if deletionPolicy == nil || d.stringValue == "Retain" { deletionPolicy = d }
        }
        if let u = values["UpdateReplacePolicy"], u.isTruthy {
            if updateReplacePolicy == nil || u.stringValue == "Retain"
                || (u.stringValue == "Snapshot" && updateReplacePolicy?.stringValue == "Delete")
            {
                updateReplacePolicy = u
            }
        }
        guard !anyWithoutCondition else { return }
        if let c = values["Condition"]?.stringValue {
            guard !self.conditions.contains(c) else { return }
            guard hasConditions else {
                throw SAMError("Can't have condition without having 'Conditions' section in the template", logicalId: api, range: range)
            }
            self.conditions.append(c)
            conditions[SharedUsagePlan.conditionName] =
                self.conditions.count == 1
                ? .string(c) : .call(.or, .list(self.conditions.map { .call(.condition, .string($0)) }))
        } else {
            anyWithoutCondition = true
            conditions.remove(SharedUsagePlan.conditionName)
        }
    }

    /// The attributes of the shared resources.
    var attributes: [(String, Node)] {
        var out: [(String, Node)] = []
        if let deletionPolicy { out.append(("DeletionPolicy", deletionPolicy)) }
        if let updateReplacePolicy { out.append(("UpdateReplacePolicy", updateReplacePolicy)) }
        if !conditions.isEmpty && !anyWithoutCondition { out.append(("Condition", .string(SharedUsagePlan.conditionName))) }
        return out
    }

    /// `ServerlessUsagePlan`, `ServerlessApiKey` and `ServerlessUsagePlanKey`.
    var resources: [CFNResource] {
        var plan = CFNResource(
            "ServerlessUsagePlan",
            "AWS::ApiGateway::UsagePlan",
            origin: origin,
            properties: [("ApiStages", .list(apiStages))],
            attributes: [("DependsOn", .list(apis.map { .string($0) }))] + attributes
        )
        UsagePlans.copySettings(settings, to: &plan)
        if let propagatedTags { plan["Tags"] = .list(Tagging.list(propagatedTags)) }
        var key = CFNResource(
            "ServerlessApiKey",
            "AWS::ApiGateway::ApiKey",
            origin: origin,
            properties: [("Enabled", true), ("StageKeys", .list(stageKeys))],
            attributes: [("DependsOn", ["ServerlessUsagePlan"])] + attributes
        )
        if let propagatedTags { key["Tags"] = .list(Tagging.list(propagatedTags)) }
        let planKey = CFNResource(
            "ServerlessUsagePlanKey",
            "AWS::ApiGateway::UsagePlanKey",
            origin: origin,
            properties: [("KeyId", .ref("ServerlessApiKey")), ("KeyType", "API_KEY"), ("UsagePlanId", .ref("ServerlessUsagePlan"))],
            attributes: [("DependsOn", ["ServerlessApiKey"])] + attributes
        )
        return [plan, key, planKey]
    }
}

/// The implicit REST API (`ServerlessRestApi`): made before translation for functions' (and
/// state machines') `Api` events without a `RestApiId`, with a path for each event; it takes
/// the condition and deletion policies its functions have in common, and is removed when no
/// event used it (a resource of the template with that id is put back).
enum ImplicitRestApi {
    static let logicalId = "ServerlessRestApi"
    static let conditionName = "ServerlessRestApiCondition"

    /// The attributes of the functions behind one API's paths.
    private struct Usage {
        /// Per path, per method as written: the condition of the function (nil for none).
        var conditions: [(path: String, methods: [(String, String?)])] = []
        var deletionPolicies: [String?] = []
        var updateReplacePolicies: [String?] = []
        /// Where the first event on the API is written.
        var firstEvent: SourceRange?

        mutating func add(path: String, method: String, condition: String?) {
            if let i = conditions.firstIndex(where: { $0.path == path }) {
                if let j = conditions[i].methods.firstIndex(where: { $0.0 == method }) {
                    conditions[i].methods[j].1 = condition
                } else {
                    conditions[i].methods.append((method, condition))
                }
            } else {
                conditions.append((path, [(method, condition)]))
            }
        }

        func conditions(of path: String) -> [String?] { conditions.first { $0.path == path }?.methods.map(\.1) ?? [] }
    }

    static func prepare(_ context: inout TransformContext) throws(SAMErrors) {
        let existing = context.resources[entry: logicalId]
        var resources = context.resources
        resources[logicalId] = .map([
            ("Type", "AWS::Serverless::Api"),
            (
                "Properties",
                .map([("StageName", "Prod"), ("DefinitionBody", SwaggerEditor.skeleton()), ("__MANAGE_SWAGGER", true)])
            ),
        ])
        context.resources = resources

        var usage: [String: Usage] = [:]
        var errors: [SAMError] = []
        for entry in context.resources {
            guard let type = entry.value["Type"]?.stringValue,
                type == "AWS::Serverless::Function" || type == "AWS::Serverless::StateMachine",
                let events = entry.value["Properties"]?["Events"]?.mapValue
            else { continue }
            do {
                try addEvents(of: entry.key, type: type, events, &context, &usage)
            } catch {
                errors.append(error)
            }
        }

        if let implicit = usage[logicalId] { applyAttributes(implicit, &context) }
        // What SAM made for the events points at the first of them.
        if let first = usage[logicalId]?.firstEvent, var entry = context.resources[entry: logicalId] {
            entry.keyRange = first
            entry.value = entry.value.stamped(first)
            var resources = context.resources
            resources[entry: logicalId] = entry
            context.resources = resources
        }
        do {
            try addPathConditions(usage, &context)
        } catch {
            errors.append(error)
        }
        if let paths = context.resources[logicalId]?["Properties"]?["DefinitionBody"]?["paths"]?.mapValue, paths.isEmpty {
            var resources = context.resources
            if let existing { resources[entry: logicalId] = existing } else { resources.remove(logicalId) }
            context.resources = resources
        }
        if !errors.isEmpty { throw SAMErrors(errors) }
    }

    /// aws-sam-translator settles the implicit API before any resource is translated: nothing
    /// is left to do after, but for the resources the APIs share.
    static func finish(_ context: inout TransformContext) throws(SAMError) {
        if let shared = context.restApi.sharedUsagePlan { context.extraResources += shared.resources }
        context.extraResources += context.restApi.recordSetGroupIds.compactMap { context.recordSetGroups[$0] }
    }

    /// Each `Api` event of one function or state machine: its `RestApiId` filled in (the implicit
    /// API's when it has none), checked, and its path and method added to the API it names when
    /// SAM writes that API's definition.
    private static func addEvents(
        of owner: String,
        type: String,
        _ events: Map,
        _ context: inout TransformContext,
        _ usage: inout [String: Usage]
    ) throws(SAMError) {
        let resource = context.resources[owner] ?? Node(.null)
        let condition = resource["Condition"]?.stringValue
        let deletionPolicy = resource["DeletionPolicy"]?.stringValue
        let updateReplacePolicy = resource["UpdateReplacePolicy"]?.stringValue
        var changed = events
        defer {
            // Events already seen keep the RestApiId they were given, even when a later one fails.
            if var r = context.resources[owner]?.mapValue, var properties = r["Properties"]?.mapValue {
                properties["Events"] = Node(.map(changed), range: properties["Events"]?.range ?? .unknown)
                r["Properties"] = Node(.map(properties), range: r["Properties"]?.range ?? .unknown)
                let range = context.resources[owner]?.range ?? .unknown
                context.resources[owner] = Node(.map(r), range: range)
            }
        }
        for entry in events {
            guard let event = entry.value.mapValue, event["Type"]?.stringValue == ApiEvent.type else { continue }
            let fail = { (message: String, at: SourceRange?) in
                SAMError(message, logicalId: owner, event: entry.key, range: at ?? entry.keyRange)
            }
            guard let raw = event["Properties"], raw.isTruthy else { continue }
            guard var properties = raw.mapValue else { throw fail("Properties should be a map.", raw.range) }
            if properties["RestApiId"] == nil {
                addTagsToImplicitApi(owner: owner, type: type, &context)
                properties["RestApiId"] = .ref(logicalId)
            }
            let apiId = ApiEvent.apiId(properties["RestApiId"])
            let path = properties["Path"].flatMap { $0.isNull ? nil : $0 }
            let method = properties["Method"].flatMap { $0.isNull ? nil : $0 }
            guard let path else { throw fail("Property 'Path' is required.", nil) }
            guard let method else { throw fail("Property 'Method' is required.", nil) }
            guard let api = apiId?.stringValue else {
                throw fail("Property 'RestApiId' should be a string.", properties["RestApiId"]?.range)
            }
            guard let p = path.stringValue else { throw fail("Property 'Path' should be a string.", path.range) }
            guard let m = method.stringValue else { throw fail("Property 'Method' should be a string.", method.range) }

            usage[api, default: Usage()].add(path: p, method: m, condition: condition)
            usage[api]!.deletionPolicies.append(deletionPolicy)
            usage[api]!.updateReplacePolicies.append(updateReplacePolicy)
            if usage[api]!.firstEvent == nil { usage[api]!.firstEvent = entry.keyRange }

            var e = event
            e["Properties"] = Node(.map(properties), range: raw.range)
            changed[entry.key] = Node(.map(e), range: entry.value.range)

            guard let target = context.resources[api], context.type(of: api) != "AWS::Serverless::HttpApi" else {
                throw fail("RestApiId must be a valid reference to an 'AWS::Serverless::Api' resource in same template.", nil)
            }
            guard let props = target["Properties"]?.mapValue, SwaggerEditor.isValid(props["DefinitionBody"]),
                props["__MANAGE_SWAGGER"]?.isTruthy ?? false
            else { continue }
            var editor = try SwaggerEditor(props["DefinitionBody"], owner: api, site: entry.keyRange)
            try editor.addPath(p, m)
            editor.stamp(p, entry.keyRange, key: path.range)
            setDefinitionBody(api, editor.node, &context)
        }
    }

    /// With `PropagateTags` (on the resource or in Globals), the implicit API takes the
    /// resource's tags.
    private static func addTagsToImplicitApi(owner: String, type: String, _ context: inout TransformContext) {
        guard let api = context.resources[logicalId]?.mapValue, var properties = api["Properties"]?.mapValue else { return }
        let section = type == "AWS::Serverless::Function" ? "Function" : "StateMachine"
        let globals = context.template["Globals"]?[section]?.mapValue ?? Map()
        let own = context.resources[owner]?["Properties"]?.mapValue ?? Map()
        let propagate = own["PropagateTags"].flatMap { $0.isTruthy ? $0 : nil } ?? globals["PropagateTags"]
        let tags = own["Tags"].flatMap { $0.isTruthy ? $0 : nil } ?? globals["Tags"]
        guard let tags, tags.isTruthy, let propagate, propagate.isTruthy, let tagMap = tags.mapValue else { return }
        var merged = properties["Tags"]?.mapValue ?? Map()
        for tag in tagMap { merged[entry: tag.key] = tag }
        properties["Tags"] = Node(.map(merged))
        properties["PropagateTags"] = true
        var r = api
        r["Properties"] = Node(.map(properties))
        context.resources[logicalId] = Node(.map(r))
    }

    /// The implicit API takes the condition all its functions share (or one that combines theirs)
    /// and the strongest of their deletion and update-replace policies.
    private static func applyAttributes(_ usage: Usage, _ context: inout TransformContext) {
        guard var api = context.resources[logicalId]?.mapValue else { return }
        let all = usage.conditions.flatMap { $0.methods.map(\.1) }
        var distinct: [String] = []
        for c in all { if let c, !distinct.contains(c) { distinct.append(c) } }
        if !all.isEmpty && !all.contains(where: { $0 == nil }) {
            if distinct.count == 1 {
                api["Condition"] = .string(distinct[0])
            } else {
                api["Condition"] = .string(conditionName)
                var conditions = context.conditions
                for (name, value) in RestApiConditions.combined(distinct, named: conditionName) { conditions[name] = value }
                context.conditions = conditions
            }
        }
        if usage.deletionPolicies.contains("Retain") {
            api["DeletionPolicy"] = "Retain"
        } else if usage.deletionPolicies.contains("Delete") {
            api["DeletionPolicy"] = "Delete"
        }
        if usage.updateReplacePolicies.contains("Retain") {
            api["UpdateReplacePolicy"] = "Retain"
        } else if usage.updateReplacePolicies.contains("Snapshot") {
            api["UpdateReplacePolicy"] = "Snapshot"
        } else if usage.updateReplacePolicies.contains("Delete") {
            api["UpdateReplacePolicy"] = "Delete"
        }
        context.resources[logicalId] = Node(.map(api))
    }

    /// A path of an API whose definition SAM writes, all of whose methods belong to functions
    /// under conditions, is itself under the condition (or one combining theirs).
    private static func addPathConditions(_ usage: [String: Usage], _ context: inout TransformContext) throws(SAMError) {
        for entry in context.resources where entry.value["Type"]?.stringValue == "AWS::Serverless::Api" {
            guard let properties = entry.value["Properties"]?.mapValue, properties["__MANAGE_SWAGGER"]?.isTruthy ?? false else {
                continue
            }
            var editor = try SwaggerEditor(properties["DefinitionBody"], owner: entry.key, site: entry.keyRange)
            for path in editor.pathNames {
                let conditions = usage[entry.key]?.conditions(of: path) ?? []
                guard !conditions.isEmpty, !conditions.contains(where: { $0 == nil }) else { continue }
                var distinct: [String] = []
                for c in conditions { if let c, !distinct.contains(c) { distinct.append(c) } }
                if distinct.count == 1 {
                    editor.makePathConditional(path, distinct[0])
                } else {
                    let name =
                        entry.key
                        + path.replacing("/", with: "SLASH").replacing("{", with: "OB").replacing("}", with: "CB")
                        + "PathCondition"
                    var all = context.conditions
                    for (n, value) in RestApiConditions.combined(distinct, named: name) { all[n] = value }
                    context.conditions = all
                    editor.makePathConditional(path, name)
                }
            }
            setDefinitionBody(entry.key, editor.node, &context)
        }
    }

    /// Replaces the `DefinitionBody` of the SAM API `api`.
    static func setDefinitionBody(_ api: String, _ body: Node, _ context: inout TransformContext) {
        guard var r = context.resources[api]?.mapValue else { return }
        var properties = r["Properties"]?.mapValue ?? Map()
        properties["DefinitionBody"] = body
        r["Properties"] = Node(.map(properties), range: r["Properties"]?.range ?? .unknown)
        let range = context.resources[api]?.range ?? .unknown
        context.resources[api] = Node(.map(r), range: range)
    }
}

/// Conditions SAM writes for what several resources share.
enum RestApiConditions {
    /// `name: Fn::Or` of the conditions (sorted), in groups of ten (`Fn::Or` takes no more),
    /// each group a condition of its own (`name1`, `name2`, ...) that the next takes in.
    static func combined(_ conditions: [String], named name: String) -> [(String, Node)] {
        var list = conditions.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        guard list.count >= 2 else { return [] }
        var out: [(String, Node)] = []
        var extra = 1 + (list.count - 2) / 9 - 1
        while list.count > 1 {
            var groupName = name
            if extra > 0 {
                groupName = name + String(extra)
                extra -= 1
            }
            out.append((groupName, .call(.or, .list(list.prefix(10).map { .call(.condition, .string($0)) }))))
            list = Array(list.dropFirst(10)) + [groupName]
        }
        return out
    }
}

/// An API (REST or HTTP) without a definition gets SAM's empty one, which its functions'
/// events fill in: Swagger 2.0 for a REST API, OpenAPI 3.0.1 for an HTTP API.
enum DefaultDefinitionBody {
    static func prepare(_ context: inout TransformContext) throws(SAMErrors) {
        var resources = context.resources
        for entry in context.resources {
            let type = entry.value["Type"]?.stringValue
            guard type == "AWS::Serverless::Api" || type == "AWS::Serverless::HttpApi", var r = entry.value.mapValue else { continue }
            var properties = r["Properties"]?.mapValue ?? Map()
            if (properties["DefinitionBody"]?.isTruthy ?? false) || (properties["DefinitionUri"]?.isTruthy ?? false) { continue }
            properties["DefinitionBody"] =
                type == "AWS::Serverless::Api"
                ? SwaggerEditor.skeleton()
                : .map([
                    ("openapi", "3.0.1"), ("info", .map([("version", "1.0"), ("title", .ref("AWS::StackName"))])),
                    ("paths", Node(.map(Map()))),
                ])
            properties["__MANAGE_SWAGGER"] = true
            r["Properties"] = Node(.map(properties), range: r["Properties"]?.range ?? entry.keyRange)
            resources[entry.key] = Node(.map(r), range: entry.value.range)
        }
        context.resources = resources
    }
}

/// OpenAPI facts the translators share.
enum OpenApi {
    /// Whether an `OpenApiVersion` is 3.x (`3.0`, `3.0.1`).
    static func isVersion3(_ version: String) -> Bool {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts[0] == "3" else { return false }
        return parts.dropFirst().allSatisfy { $0.count == 1 && $0.first!.isNumber }
    }

    /// Whether an `OpenApiVersion` is one SAM takes: 2.x or 3.x, with one or two more parts.
    static func isSupported(_ version: String) -> Bool {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts[0] == "2" || parts[0] == "3" else { return false }
        return parts.dropFirst().allSatisfy { $0.count == 1 && $0.first!.isASCII && $0.first!.isNumber }
    }
}
