import CFNModel

/// The implicit HTTP API (`ServerlessHttpApi`) and the routes of functions' `HttpApi` events,
/// settled before any resource is translated (and before Globals are merged), as
/// aws-sam-translator's implicit HTTP API plugin does:
/// - an `AWS::Serverless::HttpApi` without `DefinitionBody` or `DefinitionUri` gets SAM's empty
///   OpenAPI document, which SAM then manages (`__MANAGE_SWAGGER`);
/// - `ServerlessHttpApi` is added for the events without an `ApiId`, and removed again when no
///   event uses it;
/// - each event gets its `ApiId`, and `$default`/`ANY` when it names neither path nor method;
///   its path and method go into a managed API's document, its `RouteSettings` into the API's;
/// - a function's `Condition` makes its routes conditional, and the implicit API takes the
///   functions' conditions, `DeletionPolicy` and `UpdateReplacePolicy`.
enum ImplicitHttpApi {
    static let logicalId = "ServerlessHttpApi"
    static let conditionName = "ServerlessHttpApiCondition"

    /// Per API, path and method: the condition of the function whose event made the route.
    private struct Routes {
        var conditions: [String: [String: [String: String?]]] = [:]
        var deletionPolicies: [String: [String?]] = [:]
        var updateReplacePolicies: [String: [String?]] = [:]
    }

    static func prepare(_ context: inout TransformContext) throws(SAMErrors) {
        addDefaultDefinitions(&context)
        var resources = context.resources
        let existing = resources[entry: logicalId]
        resources[logicalId] = .map([
            ("Type", .string(ServerlessHttpApi.type)),
            ("Properties", .map([("DefinitionBody", OpenApiEditor.skeleton), ("__MANAGE_SWAGGER", true)])),
        ])
        let globals = context.template["Globals"]?.mapValue
        var routes = Routes()
        var errors: [SAMError] = []
        for key in resources.keys {
            guard let resource = resources[entry: key], let type = resource.value["Type"]?.stringValue,
                type == ServerlessFunction.type || type == "AWS::Serverless::StateMachine",
                let events = resource.value["Properties"]?["Events"]?.mapValue
            else { continue }
            let names = events.entries.filter { $0.value.mapValue != nil && $0.value["Type"]?.stringValue == HttpApiEvent.type }.map(\.key)
            if names.isEmpty { continue }
            do {
                try process(
                    key,
                    names,
                    &resources,
                    globals: globals?[type == ServerlessFunction.type ? "Function" : "StateMachine"],
                    &routes
                )
            } catch {
                errors.append(error)
            }
        }
        do {
            try finish(&resources, &context, routes, existing: existing)
        } catch {
            errors.append(error)
        }
        context.resources = resources
        if !errors.isEmpty { throw SAMErrors(errors) }
    }

    /// SAM's empty document for each HTTP API that has no definition of its own.
    private static func addDefaultDefinitions(_ context: inout TransformContext) {
        var resources = context.resources
        for entry in context.resources where entry.value["Type"]?.stringValue == ServerlessHttpApi.type {
            guard var resource = entry.value.mapValue else { continue }
            var properties = resource["Properties"]?.mapValue ?? Map()
            if properties["DefinitionBody"]?.isTruthy ?? false || properties["DefinitionUri"]?.isTruthy ?? false { continue }
            properties["DefinitionBody"] = OpenApiEditor.skeleton
            properties["__MANAGE_SWAGGER"] = true
            resource["Properties"] = Node(.map(properties), range: resource["Properties"]?.range ?? entry.keyRange)
            resources[entry.key] = Node(.map(resource), range: entry.value.range)
        }
        context.resources = resources
    }

    /// The properties of a resource of `resources`, and a way to set them.
    private static func properties(_ resources: Map, _ id: String) -> Map { resources[id]?["Properties"]?.mapValue ?? Map() }

    private static func setProperties(_ resources: inout Map, _ id: String, _ properties: Map) {
        guard let node = resources[id], var resource = node.mapValue else { return }
        resource["Properties"] = Node(.map(properties), range: node["Properties"]?.range ?? node.range)
        resources[id] = Node(.map(resource), range: node.range)
    }

    /// The HTTP API events `names` of the function (or state machine) `owner`.
    private static func process(
        _ owner: String,
        _ names: [String],
        _ resources: inout Map,
        globals: Node?,
        _ routes: inout Routes
    ) throws(SAMError) {
        let node = resources[owner]!
        var functionProperties = node["Properties"]?.mapValue ?? Map()
        var events = functionProperties["Events"]?.mapValue ?? Map()
        let condition = node["Condition"]?.stringValue
        let deletionPolicy = node["DeletionPolicy"]?.stringValue
        let updateReplacePolicy = node["UpdateReplacePolicy"]?.stringValue
        for name in names {
            let entry = events[entry: name]!
            var event = entry.value.mapValue ?? Map()
            func fail(_ message: String, at key: String? = nil) -> SAMError {
                let at = key.flatMap { event["Properties"]?.mapValue?[entry: $0]?.keyRange } ?? entry.keyRange
                return SAMError(message, logicalId: owner, event: name, range: at)
            }
            let given = event["Properties"]
            guard given == nil || given?.mapValue != nil else { throw fail("Properties should be a map.") }
            var props = given?.mapValue ?? Map()

            if props[entry: "ApiId"] == nil {
                propagateTags(to: &resources, from: functionProperties, globals: globals)
                props["ApiId"] = .ref(logicalId)
            }
            let path = props["Path"]
            let method = props["Method"]
            if !(path?.isTruthy ?? false) && !(method?.isTruthy ?? false) {
                props["Path"] = Node(.string(OpenApiEditor.defaultPath), range: path?.range ?? entry.keyRange)
                props["Method"] = Node(.string(OpenApiEditor.anyMethod), range: method?.range ?? entry.keyRange)
            }
            guard let p = props["Path"], !p.isNull else { throw fail("Property 'Path' is required.") }
            guard let m = props["Method"], !m.isNull else { throw fail("Property 'Method' is required.") }
            let apiNode = props["ApiId"]
            guard let api = apiNode.flatMap({ $0.functionValue?.refTarget ?? $0.stringValue }) else {
                throw fail("Property 'ApiId' should be a string.", at: "ApiId")
            }
            guard let pathText = p.stringValue else { throw fail("Property 'Path' should be a string.", at: "Path") }
            guard let methodText = m.stringValue else { throw fail("Property 'Method' should be a string.", at: "Method") }

            routes.conditions[api, default: [:]][pathText, default: [:]][methodText] = .some(condition)
            routes.deletionPolicies[api, default: []].append(deletionPolicy)
            routes.updateReplacePolicies[api, default: []].append(updateReplacePolicy)

            guard resources[entry: api] != nil else {
                throw fail(
                    "ApiId must be a valid reference to an 'AWS::Serverless::HttpApi' resource in same template.",
                    at: "ApiId"
                )
            }
            var apiProperties = properties(resources, api)
            if OpenApiEditor.isValid(apiProperties["DefinitionBody"]), case .bool(true) = apiProperties["__MANAGE_SWAGGER"]?.value {
                var editor = try located(OpenApiEditor(apiProperties["DefinitionBody"]), api, resources)
                do {
                    try editor.addPath(pathText, methodText)
                } catch {
                    throw locate(error, api, resources)
                }
                apiProperties["DefinitionBody"] = editor.document
                setProperties(&resources, api, apiProperties)
            }
            if props[entry: "RouteSettings"] != nil {
                try addRouteSettings(
                    props["RouteSettings"]!,
                    api: api,
                    path: pathText,
                    method: methodText,
                    condition: condition,
                    &resources
                ) {
                    fail($0, at: "RouteSettings")
                }
            }
            event["Properties"] = Node(.map(props), range: given?.range ?? entry.keyRange)
            events[name] = Node(.map(event), range: entry.value.range)
        }
        functionProperties["Events"] = Node(.map(events), range: node["Properties"]?["Events"]?.range ?? node.range)
        setProperties(&resources, owner, functionProperties)
    }

    private static func located(
        _ make: @autoclosure () throws(SAMError) -> OpenApiEditor,
        _ api: String,
        _ resources: Map
    ) throws(SAMError)
        -> OpenApiEditor
    {
        do {
            return try make()
        } catch {
            throw locate(error, api, resources)
        }
    }

    private static func locate(_ error: SAMError, _ api: String, _ resources: Map) -> SAMError {
        var e = error
        e.logicalId = e.logicalId ?? api
        if !e.range.isKnown { e.range = resources[entry: api]?.keyRange ?? .unknown }
        return e
    }

    /// A function whose tags propagate (`PropagateTags`, its own or from Globals) gives its tags to
    /// the implicit API.
    private static func propagateTags(to resources: inout Map, from function: Map, globals: Node?) {
        func value(_ key: String) -> Node? {
            if let v = function[key], v.isTruthy { return v }
            return globals?.mapValue?[key]
        }
        guard let propagate = value("PropagateTags"), propagate.isTruthy, let tags = value("Tags"), tags.isTruthy,
            let tagMap = tags.mapValue
        else { return }
        var api = properties(resources, logicalId)
        var all = api["Tags"]?.mapValue ?? Map()
        for entry in tagMap { all[entry: entry.key] = entry }
        api["Tags"] = Node(.map(all), range: tags.range)
        api["PropagateTags"] = true
        setProperties(&resources, logicalId, api)
    }

    /// The event's `RouteSettings` merged into the API's, under the route key (`GET /path`, or the
    /// path for `ANY`).
    private static func addRouteSettings(
        _ settings: Node,
        api: String,
        path: String,
        method: String,
        condition: String?,
        _ resources: inout Map,
        _ fail: (String) -> SAMError
    ) throws(SAMError) {
        var apiProperties = properties(resources, api)
        let route = method == OpenApiEditor.anyMethod ? path : method.uppercased() + " " + path
        let existing = apiProperties["RouteSettings"] ?? Node(.map(Map()))
        guard OpenApiEditor.isDict(existing) else {
            throw SAMError("Property 'RouteSettings' should be a map.", logicalId: api, range: resources[entry: api]?.keyRange ?? .unknown)
        }
        var all = existing.mapValue ?? Map()
        let eventSettings = condition.map { OpenApiEditor.conditional($0, settings) } ?? settings
        guard OpenApiEditor.isDict(eventSettings) else { throw fail("Property 'RouteSettings' should be a map.") }
        var routeSettings = all[route]?.mapValue ?? Map()
        if let map = eventSettings.mapValue {
            for entry in map { routeSettings[entry: entry.key] = entry }
        } else if let f = eventSettings.functionValue {
            routeSettings[f.name.rawValue] = f.argument
        }
        all[route] = Node(.map(routeSettings), range: settings.range)
        apiProperties["RouteSettings"] = Node(.map(all), range: existing.range)
        setProperties(&resources, api, apiProperties)
    }

    /// After all events: the implicit API's attributes, conditional paths of managed APIs, and
    /// the implicit API removed (or the template's own `ServerlessHttpApi` put back) when unused.
    private static func finish(
        _ resources: inout Map,
        _ context: inout TransformContext,
        _ routes: Routes,
        existing: Map.Entry?
    ) throws(SAMError) {
        var implicit = resources[logicalId]?.mapValue ?? Map()
        let all = (routes.conditions[logicalId] ?? [:]).values.flatMap(\.values)
        if !all.isEmpty, !all.contains(where: { $0 == nil }) {
            let conditions = Set(all.compactMap { $0 })
            if conditions.count == 1 {
                implicit["Condition"] = .string(conditions.first!)
            } else {
                implicit["Condition"] = .string(conditionName)
                addCombinedCondition(conditionName, conditions, &context)
            }
        }
        func strongest(_ policies: [String?]?, _ order: [String]) -> String? {
            guard let policies, policies.contains(where: { $0 != nil }) else { return nil }
            return order.first { policies.contains($0) }
        }
        if let p = strongest(routes.deletionPolicies[logicalId], ["Retain", "Delete"]) { implicit["DeletionPolicy"] = .string(p) }
        if let p = strongest(routes.updateReplacePolicies[logicalId], ["Retain", "Snapshot", "Delete"]) {
            implicit["UpdateReplacePolicy"] = .string(p)
        }
        resources[logicalId] = Node(.map(implicit))

        for entry in resources where entry.value["Type"]?.stringValue == ServerlessHttpApi.type {
            var properties = entry.value["Properties"]?.mapValue ?? Map()
            guard properties["__MANAGE_SWAGGER"]?.isTruthy ?? false else { continue }
            var editor = try located(OpenApiEditor(properties["DefinitionBody"]), entry.key, resources)
            for path in editor.pathNames {
                let methods = routes.conditions[entry.key]?[path] ?? [:]
                let conditions = Array(methods.values)
                guard !conditions.isEmpty, !conditions.contains(where: { $0 == nil }) else { continue }
                let names = Set(conditions.compactMap { $0 })
                if names.count == 1 {
                    editor.makePathConditional(path, names.first!)
                } else {
                    let name =
                        entry.key + path.replacing("/", with: "SLASH").replacing("{", with: "OB").replacing("}", with: "CB")
                        + "PathCondition"
                    addCombinedCondition(name, names, &context)
                    editor.makePathConditional(path, name)
                }
            }
            properties["DefinitionBody"] = editor.document
            setProperties(&resources, entry.key, properties)
        }

        if editorPaths(resources[logicalId]?["Properties"]?["DefinitionBody"]).isEmpty {
            if let existing {
                resources[logicalId] = existing.value
            } else {
                resources.remove(logicalId)
            }
        }
    }

    private static func editorPaths(_ body: Node?) -> Map { body?["paths"]?.mapValue ?? Map() }

    /// A condition that holds when any of `conditions` does (`Fn::Or`, ten at most each: more
    /// make numbered conditions that the last one combines).
    static func addCombinedCondition(_ name: String, _ conditions: Set<String>, _ context: inout TransformContext) {
        for (n, value) in combinedConditions(conditions.sorted(), name: name) { context.conditions[n] = value }
    }

    static func combinedConditions(_ conditions: [String], name: String) -> [(String, Node)] {
        guard conditions.count >= 2 else { return [] }
        let maximum = 10
        var remaining = conditions
        var out: [(String, Node)] = []
        var number = (conditions.count - 2) / (maximum - 1)
        while remaining.count > 1 {
            var n = name
            if number > 0 {
                n = name + String(number)
                number -= 1
            }
            let chunk = remaining.prefix(maximum)
            remaining = Array(remaining.dropFirst(maximum)) + [n]
            out.append((n, .call(.or, .list(chunk.map { .call(.condition, .string($0)) }))))
        }
        return out
    }
}
