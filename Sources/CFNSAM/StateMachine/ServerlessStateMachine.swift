import CFNModel

/// `AWS::Serverless::StateMachine`: a Step Functions state machine (its definition inline, with
/// intrinsics moved into substitutions, or in S3), its execution role unless `Role` is given,
/// the version and alias `AutoPublishAlias` publishes, and what its events make.
enum ServerlessStateMachine: ResourceTranslator {
    static let type = "AWS::Serverless::StateMachine"

    static let properties = PropertyTable([
        ("Definition", .type(.map)), ("DefinitionUri", .type(.oneOf([.string, .map]))), ("Logging", .type(.map)),
        ("Role", .type(.string)), ("RolePath", .pass), ("DefinitionSubstitutions", .type(.map)),
        ("Events", .type(.mapOf(.map))), ("Name", .type(.string)), ("Type", .type(.string)), ("Tags", .type(.map)),
        ("PropagateTags", .type(.bool)), ("Policies", .type(.oneOf([.string, .listOf(.oneOf([.string, .map]))]))),
        ("Tracing", .type(.map)), ("PermissionsBoundary", .type(.string)), ("AutoPublishAlias", .pass),
        ("DeploymentPreference", .pass), ("UseAliasAsEventTarget", .strict(.bool)),
    ])

    /// The tag SAM puts on the state machine and the role it makes.
    static let samTagKey = "stateMachine:createdBy"

    static func prepare(_ resource: inout SAMResource, _ context: inout TransformContext) throws(SAMError) {
        try Policies.expandTemplates(&resource, &context.policyTemplates)
    }

    static func translate(_ resource: SAMResource, _ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        // The events are read (and checked) before anything else, as aws-sam-translator links them.
        let events = try StateMachineEvents.events(of: resource)
        // An Api event's path must be free in its API's definition before anything is made.
        for (event, source) in events where source == StateMachineApi.self {
            do throws(SAMError) {
                try StateMachineApiIntegration.link(event, context)
            } catch {
                var e = error
                e.logicalId = resource.logicalId
                throw e
            }
        }

        var machine = CFNResource(
            resource.logicalId,
            "AWS::StepFunctions::StateMachine",
            origin: resource.origin(),
            attributes: resource.supportedAttributes + (resource.attribute("DependsOn").map { [("DependsOn", $0)] } ?? [])
        )
        var substitutions = Map()
        if let given = resource["DefinitionSubstitutions"], given.isTruthy {
            substitutions = given.mapValue ?? Map()
            if given.mapValue == nil { machine["DefinitionSubstitutions"] = given }
        }
        let definition = resource["Definition"].flatMap { $0.isTruthy ? $0 : nil }
        let definitionUri = resource["DefinitionUri"].flatMap { $0.isTruthy ? $0 : nil }
        if definition != nil && definitionUri != nil {
            throw resource.error("Specify either 'Definition' or 'DefinitionUri' property and not both.")
        }
        if let definition {
            let (string, generated) = StateMachineDefinition.build(definition)
            for (name, value) in generated { substitutions[name] = value }
            machine["DefinitionString"] = string.stamped(definition.range)
        } else if let definitionUri {
            machine["DefinitionS3Location"] = try S3Location.code(
                definitionUri,
                resource,
                "DefinitionUri",
                bucket: "Bucket",
                key: "Key",
                version: "Version"
            )
        } else {
            throw resource.error("Either 'Definition' or 'DefinitionUri' property must be specified.")
        }
        if !substitutions.isEmpty { machine["DefinitionSubstitutions"] = Node(.map(substitutions)) }

        var made: [CFNResource] = []
        let policies = resource["Policies"].flatMap { $0.isTruthy ? $0 : nil }
        if let role = resource["Role"], role.isTruthy {
            if policies != nil {
                throw resource.error("Specify either 'Role' or 'Policies' (but not both at the same time) or neither of them")
            }
            machine["RoleArn"] = role
        } else {
            let role = try executionRole(resource, context)
            machine["RoleArn"] = role.getAtt("Arn")
            made.append(role)
        }
        machine["StateMachineName"] = resource["Name"]
        machine["StateMachineType"] = resource["Type"]
        machine["LoggingConfiguration"] = resource["Logging"]
        machine["TracingConfiguration"] = resource["Tracing"]
        machine["Tags"] = tags(resource)

        let (version, alias) = try publishing(resource, machine, context)
        var resources = [machine] + made
        if let version, let alias {
            try GeneratedIds.check([version, alias], resource)
            resources += [version, alias]
        }

        var target = StateMachineTarget(resource: machine, owner: resource)
        if case .bool(true) = resource["UseAliasAsEventTarget"]?.value, let alias { target.resource = alias }
        for (event, source) in events {
            resources += try source.translate(event, target, &context)
        }
        Tagging.propagate(&resources, tags: resource["Tags"], enabled: resource["PropagateTags"])
        return resources
    }

    /// SAM's tag, then the resource's `Tags`.
    private static func tags(_ resource: SAMResource) -> Node {
        var sam = Map()
        sam[samTagKey] = "SAM"
        return .list(Tagging.list(sam) + Tagging.list(resource["Tags"]?.mapValue))
    }

    /// The execution role: trusted by Step Functions, with the `Policies` (and X-Ray's write
    /// access when `Tracing.Enabled` is true).
    private static func executionRole(_ resource: SAMResource, _ context: TransformContext) throws(SAMError) -> CFNResource {
        var r = resource
        var policies = Policies.entries(resource["Policies"])
        if case .bool(true) = resource["Tracing"]?["Enabled"]?.value {
            policies.append(.string(context.partition == "aws" ? "AWSXrayWriteOnlyAccess" : "AWSXRayDaemonWriteAccess"))
        }
        r.properties["Policies"] = Node(.list(policies), range: resource["Policies"]?.range ?? resource.range)
        return try ExecutionRole.make(
            for: r,
            context,
            assumeRolePolicy: ExecutionRole.trust("states.amazonaws.com"),
            managedPolicyArns: [],
            policyDocuments: [],
            tags: tags(resource)
        )
    }

    /// With `AutoPublishAlias`: a version (kept on replacement and deletion, so that a gradual
    /// deployment can still shift from it) and the alias, deployed as `DeploymentPreference` says
    /// (all at once by default).
    private static func publishing(
        _ resource: SAMResource,
        _ machine: CFNResource,
        _ context: TransformContext
    ) throws(SAMError) -> (CFNResource?, CFNResource?) {
        let aliasName = resource["AutoPublishAlias"].flatMap { $0.isTruthy ? $0 : nil }
        let preference = resource["DeploymentPreference"].flatMap { $0.isTruthy ? $0 : nil }
        if aliasName == nil, case .bool(true) = resource["UseAliasAsEventTarget"]?.value {
            throw resource.error("'UseAliasAsEventTarget' requires 'AutoPublishAlias' property to be specified.")
        }
        guard let aliasName else {
            if preference != nil {
                throw resource.error("'DeploymentPreference' requires 'AutoPublishAlias' property to be specified.")
            }
            return (nil, nil)
        }
        // The alias is named after the value as written (aws-sam-translator resolves no parameter here):
        // anything but a name of letters and digits makes an id CloudFormation refuses.
        guard let name = aliasName.stringValue else {
            throw SAMError(
                "Logical ids must be alphanumeric. A state machine's alias is named after 'AutoPublishAlias' as written, "
                    + "and aws-sam-translator resolves no function there: write the alias name itself.",
                logicalId: resource.logicalId + "Alias" + pythonLiteral(aliasName),
                range: resource.range(of: "AutoPublishAlias")
            )
        }
        var versionAttributes = Map()
        for (key, value) in resource.passthroughAttributes { versionAttributes[key] = value }
        if versionAttributes["DeletionPolicy"] == nil { versionAttributes["DeletionPolicy"] = "Retain" }
        if versionAttributes["UpdateReplacePolicy"] == nil { versionAttributes["UpdateReplacePolicy"] = "Retain" }
        let version = CFNResource(
            resource.logicalId + "Version",
            "AWS::StepFunctions::StateMachineVersion",
            origin: resource.origin(property: "AutoPublishAlias"),
            properties: [("StateMachineArn", machine.ref), ("StateMachineRevisionId", machine.getAtt("StateMachineRevisionId"))],
            attributes: versionAttributes.map { ($0.key, $0.value) }
        )
        var deployment = Map()
        if let preference {
            guard let map = preference.mapValue else {
                throw resource.error("'DeploymentPreference' must be a map.", at: "DeploymentPreference")
            }
            deployment = map
        } else {
            deployment["Type"] = "ALL_AT_ONCE"
        }
        deployment["StateMachineVersionArn"] = version.ref
        let alias = CFNResource(
            resource.logicalId + "Alias" + name,
            "AWS::StepFunctions::StateMachineAlias",
            origin: resource.origin(property: "AutoPublishAlias"),
            properties: [("Name", aliasName), ("DeploymentPreference", Node(.map(deployment), range: preference?.range ?? .unknown))],
            attributes: resource.passthroughAttributes
        )
        return (version, alias)
    }
}
