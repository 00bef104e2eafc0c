import CFNModel

/// What a function's publishing properties make besides the function: `AutoPublishAlias` (a
/// version and an alias), `FunctionUrlConfig` (a URL and its permissions), `DeploymentPreference`
/// (recorded for the CodeDeploy resources made after all functions) and `EventInvokeConfig`.
enum FunctionPublishing {
    struct Extras {
        /// The resources made, in aws-sam-translator's order.
        var resources: [CFNResource] = []
        /// The alias events should target instead of the function.
        var alias: CFNResource?
        /// Inline policies the execution role needs (event invoke destinations).
        var rolePolicies: [Node] = []
    }

    static func make(_ resource: SAMResource, _ function: inout CFNResource, _ context: inout TransformContext) throws(SAMError) -> Extras {
        for name in ["FunctionUrlConfig", "DeploymentPreference", "EventInvokeConfig"] where resource[name] != nil {
            throw resource.error("\(name) is not supported by this transform yet", at: name)
        }
        var extras = Extras()
        if let aliasValue = resource["AutoPublishAlias"] {
            let name = try aliasName(aliasValue, resource, context)
            var sha: String? = nil
            if let value = resource["AutoPublishCodeSha256"] {
                guard let s = context.intrinsics.resolved(value).stringValue else {
                    throw resource.error("AutoPublishCodeSha256 must be a string", at: "AutoPublishCodeSha256")
                }
                sha = s
                // Lambda publishes no new version when only the code behind the same location changed:
                // the hash in the description makes the function change.
                let description = resource["Description"].map { context.intrinsics.resolved($0) }
                if let d = description, d.stringValue == nil, d.isTruthy {
                    function["Description"] = .join(" ", [d, .string(s)])
                } else if let d = description?.stringValue, !d.isEmpty {
                    function["Description"] = .string("\(d) \(s)")
                } else {
                    function["Description"] = .string(s)
                }
            }
            let version = try self.version(resource, function, context, codeSha256: sha)
            let alias = try self.alias(name, resource, function, version)
            extras.resources += [version, alias]
            extras.alias = alias
        }
        return extras
    }

    /// The alias name: a string, or a `Ref` to a parameter with a value.
    static func aliasName(_ value: Node, _ resource: SAMResource, _ context: TransformContext) throws(SAMError) -> String {
        guard let name = context.intrinsics.resolved(value).stringValue else {
            throw resource.error("'AutoPublishAlias' must be a string or a Ref to a template parameter", at: "AutoPublishAlias")
        }
        return name
    }

    /// The `AWS::Lambda::Version`, named after the hash of what should make a new version: the
    /// code location (parameters resolved), the environment and memory, SnapStart when it applies;
    /// or every property of the function with `AutoPublishAliasAllProperties`.
    private static func version(
        _ r: SAMResource,
        _ function: CFNResource,
        _ context: TransformContext,
        codeSha256: String?
    )
        throws(SAMError) -> CFNResource
    {
        var hashed = Map()
        if case .bool(true) = r["AutoPublishAliasAllProperties"]?.value {
            hashed = function.properties
            for layer in function["Layers"]?.listValue ?? [] {
                guard let id = layer.functionValue?.refTarget ?? layer.functionValue?.getAttTarget?.resource,
                    let properties = context.resource(id)?["Properties"], case .bool(true) = properties["PublishLambdaVersion"]?.value
                else { continue }
                hashed[id] = properties
            }
        } else {
            let code = try context.intrinsics.resolveParameters(function["Code"] ?? Node(.map(Map())))
            hashed = code.mapValue ?? Map()
            for entry in function["Environment"]?.mapValue ?? Map() { hashed[entry.key] = entry.value }
            if let memory = function["MemorySize"], memory.isTruthy { hashed["MemorySize"] = memory }
            if let snap = function["SnapStart"], (snap["ApplyOn"]?.stringValue ?? "None") != "None" { hashed["SnapStart"] = snap }
        }
        let id =
            codeSha256.map { "\(r.logicalId)Version" + String($0.prefix(10)) }
            ?? LogicalId.make("\(r.logicalId)Version", Node(.map(hashed)))
        var attributes = r.passthroughAttributes
        if !attributes.contains(where: { $0.0 == "DeletionPolicy" }) {
            let policy = r["VersionDeletionPolicy"] ?? .string(r["CapacityProviderConfig"] != nil ? "Delete" : "Retain")
            attributes.append(("DeletionPolicy", policy))
        }
        var scaling: Node? = nil
        if r["CapacityProviderConfig"] != nil { scaling = r["FunctionScalingConfig"] }
        return CFNResource(
            id,
            "AWS::Lambda::Version",
            origin: r.origin(property: "AutoPublishAlias"),
            properties: [("Description", r["VersionDescription"]), ("FunctionName", function.ref), ("FunctionScalingConfig", scaling)],
            attributes: attributes
        )
    }

    /// The `AWS::Lambda::Alias` `<Function>Alias<name>` (`-` and `_` in the name spelled `D` and `U`).
    private static func alias(
        _ name: String,
        _ r: SAMResource,
        _ function: CFNResource,
        _ version: CFNResource
    ) throws(SAMError)
        -> CFNResource
    {
        if name.isEmpty { throw r.error("Alias name is required to create an alias", at: "AutoPublishAlias") }
        let valid = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        if !valid || name.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw r.error(
                "AutoPublishAlias name ('\(name)') must contain only alphanumeric characters, hyphens, or underscores matching (?!^[0-9]+$)([a-zA-Z0-9-_]+) pattern.",
                at: "AutoPublishAlias"
            )
        }
        let idName = name.replacing("-", with: "D").replacing("_", with: "U")
        return CFNResource(
            "\(function.logicalId)Alias\(idName)",
            "AWS::Lambda::Alias",
            origin: r.origin(property: "AutoPublishAlias"),
            properties: [
                ("Name", .string(name)), ("FunctionName", function.ref), ("FunctionVersion", version.getAtt("Version")),
                ("ProvisionedConcurrencyConfig", r["ProvisionedConcurrencyConfig"]),
            ],
            attributes: r.passthroughAttributes
        )
    }
}
