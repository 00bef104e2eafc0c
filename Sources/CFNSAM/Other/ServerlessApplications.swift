import CFNModel

/// `AWS::Serverless::Application`: a nested stack. Its `Location` is a template URL, or a
/// serverless-repository application (`ApplicationId`, `SemanticVersion`), whose template URL
/// aws-sam-translator asks the repository for. Offline, that URL must be given
/// (`Options.sarTemplateURLs`, by application id or `*`).
enum ServerlessApplications {
    /// The repository locations resolved (`Ref` to a parameter, `Fn::FindInMap`) and turned into
    /// a `TemplateUrl` before the resources are translated.
    static func prepare(_ context: inout TransformContext) throws(SAMErrors) {
        var resources = context.resources
        let mappings = context.template["Mappings"]?.mapValue ?? Map()
        for entry in context.resources where entry.value["Type"]?.stringValue == ServerlessApplication.type {
            guard var resource = entry.value.mapValue, var properties = resource["Properties"]?.mapValue,
                var location = properties["Location"]?.mapValue
            else { continue }
            for key in ["ApplicationId", "SemanticVersion"] {
                guard let value = location[key], !value.isNull else { continue }
                location[key] = resolveFindInMap(context.intrinsics.resolved(value), mappings)
            }
            properties["Location"] = Node(.map(location), range: properties["Location"]!.range)
            resource["Properties"] = Node(.map(properties), range: resource["Properties"]!.range)
            resources[entry.key] = Node(.map(resource), range: entry.value.range)
        }
        context.resources = resources
    }

    /// `Fn::FindInMap` with plain (or resolved) keys, as far as the template's mappings answer it.
    static func resolveFindInMap(_ node: Node, _ mappings: Map) -> Node {
        guard let f = node.functionValue, f.name == .findInMap, let args = f.argument.listValue, args.count == 3,
            let map = args[0].stringValue, let top = args[1].scalarText, let second = args[2].scalarText,
            let value = mappings[map]?[top]?[second]
        else { return node }
        return value
    }
}

/// The translator of `AWS::Serverless::Application`.
enum ServerlessApplication: ResourceTranslator {
    static let type = "AWS::Serverless::Application"

    static let properties = PropertyTable([
        ("Location", .type(.oneOf([.string, .map]), required: true)),
        ("TemplateUrl", .type(.string)),
        ("Parameters", .type(.map)),
        ("NotificationARNs", .type(.listOf(.oneOf([.string, .map])))),
        ("Tags", .type(.map)),
        ("TimeoutInMinutes", .type(.integer)),
    ])

    /// Checks `Location` and sets `TemplateUrl` from it, before the properties are checked (a
    /// `TemplateUrl` written in the template is not one of SAM's properties).
    static func prepare(_ r: inout SAMResource, _ context: inout TransformContext) throws(SAMError) {
        guard let location = r.properties["Location"] else { throw r.error("Resource is missing the required [Location] property.") }
        if location.mapValue == nil {
            r.properties["TemplateUrl"] = location
            return
        }
        let map = location.mapValue!
        for key in ["ApplicationId", "SemanticVersion"] where map[key] == nil {
            throw r.error("Resource is missing the required [\(key)] property.", at: "Location")
        }
        guard let id = map["ApplicationId"], !id.isNull else { throw r.error("Property 'ApplicationId' is required.", at: "Location") }
        if id.isIntrinsic {
            throw r.error(
                "Property 'ApplicationId' cannot be resolved. Only FindInMap and Ref intrinsic functions are supported.",
                at: "Location"
            )
        }
        guard let version = map["SemanticVersion"], version.isTruthy else {
            throw r.error("Property 'SemanticVersion' cannot be blank.", at: "Location")
        }
        if version.isIntrinsic {
            throw r.error(
                "Property 'SemanticVersion' cannot be resolved. Only FindInMap and Ref intrinsic functions are supported.",
                at: "Location"
            )
        }
        let appId = try r.expect(id, "Location.ApplicationId").string()
        let semver = try r.expect(version, "Location.SemanticVersion").string()
        if appId.containsBytes("{{resolve:ssm:") {
            throw r.error(
                "Serverless Application Repostiory does not support dynamic reference in 'ApplicationId' property.",
                at: "Location"
            )
        }
        guard let url = context.options.sarTemplateURLs[appId] ?? context.options.sarTemplateURLs["*"] else {
            throw r.error(
                "The template URL of serverless-repository application '\(appId)' (version \(semver)) cannot be looked up offline: "
                    + "give it with --sar-template-url \(appId)=URL (or '*=URL' for any application).",
                at: "Location"
            )
        }
        r.properties["TemplateUrl"] = Node(.string(url), range: id.range)
    }

    static func translate(_ r: SAMResource, _ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        var tags = Map()
        if let location = r["Location"]?.mapValue {
            if let id = location["ApplicationId"], !id.isNull { tags["serverlessrepo:applicationId"] = id }
            if let v = location["SemanticVersion"], !v.isNull { tags["serverlessrepo:semanticVersion"] = v }
        }
        var stack = CFNResource(
            r.logicalId,
            "AWS::CloudFormation::Stack",
            origin: r.origin(),
            properties: [
                ("Parameters", r["Parameters"]), ("NotificationARNs", r["NotificationARNs"]),
                ("Tags", try Tagging.withSAMTag(r["Tags"], additional: tags, resource: r)),
                ("TimeoutInMinutes", r["TimeoutInMinutes"]), ("TemplateURL", r["TemplateUrl"] ?? ""),
            ],
            attributes: r.passthroughAttributes
        )
        if let d = r.attribute("DependsOn") { stack.attributes["DependsOn"] = d }
        return [stack]
    }
}
