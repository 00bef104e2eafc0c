import CFNModel

/// What the REST API translators share over a template: the implicit API, the usage plan shared
/// by APIs, Route 53 record set groups.
struct RestApiState {}

/// The implicit REST API (`ServerlessRestApi`): made before translation for functions' `Api`
/// events without a `RestApiId`, removed after when nothing used it.
enum ImplicitRestApi {
    static func prepare(_ context: inout TransformContext) throws(SAMErrors) {}
    static func finish(_ context: inout TransformContext) throws(SAMError) {}
}

/// An API without a definition gets SAM's empty one to fill from events.
enum DefaultDefinitionBody {
    static func prepare(_ context: inout TransformContext) throws(SAMErrors) {}
}

/// OpenAPI facts the translators share.
enum OpenApi {
    /// Whether an `OpenApiVersion` is 3.x (`3.0`, `3.0.1`).
    static func isVersion3(_ version: String) -> Bool {
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts[0] == "3" else { return false }
        return parts.dropFirst().allSatisfy { $0.count == 1 && $0.first!.isNumber }
    }
}
