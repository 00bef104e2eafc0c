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
        for name in ["AutoPublishAlias", "FunctionUrlConfig", "DeploymentPreference", "EventInvokeConfig"] where resource[name] != nil {
            throw resource.error("\(name) is not supported by this transform yet", at: name)
        }
        return Extras()
    }
}
