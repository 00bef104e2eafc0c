import CFNModel

/// What the HTTP API translators share over a template.
struct HttpApiState {}

/// The implicit HTTP API (`ServerlessHttpApi`) for functions' `HttpApi` events without an `ApiId`.
enum ImplicitHttpApi {
    static func prepare(_ context: inout TransformContext) throws(SAMErrors) {}
}
