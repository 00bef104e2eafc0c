import CFNModel

/// A SAM resource type's translation into plain CloudFormation.
protocol ResourceTranslator {
    /// The SAM type (`AWS::Serverless::Function`).
    static var type: String { get }
    /// The properties the type takes, checked before `translate`.
    static var properties: PropertyTable { get }
    /// What `!Ref Id.Property` / `!GetAtt Id.Property.Attr` may name: property -> the type of the
    /// made resource it stands for (`Alias` -> `AWS::Lambda::Alias`).
    static var referableProperties: [String: String] { get }
    /// Changes the resource before its properties are checked (the policy templates are
    /// expanded then); the default does nothing.
    static func prepare(_ resource: inout SAMResource, _ context: inout TransformContext) throws(SAMError)
    /// The resources `resource` becomes. May change SAM resources still to be translated.
    static func translate(_ resource: SAMResource, _ context: inout TransformContext) throws(SAMError) -> [CFNResource]
}

extension ResourceTranslator {
    static var referableProperties: [String: String] { [:] }

    static func prepare(_ resource: inout SAMResource, _ context: inout TransformContext) throws(SAMError) {}
}

/// Every SAM resource type the transform knows.
enum Translators {
    static func translator(for type: String) -> (any ResourceTranslator.Type)? {
        switch type {
        case ServerlessFunction.type: return ServerlessFunction.self
        case SimpleTable.type: return SimpleTable.self
        case LayerVersion.type: return LayerVersion.self
        case ServerlessApplication.type: return ServerlessApplication.self
        case CapacityProvider.type: return CapacityProvider.self
        case ServerlessStateMachine.type: return ServerlessStateMachine.self
        case ServerlessConnector.type: return ServerlessConnector.self
        case ServerlessGraphQLApi.type: return ServerlessGraphQLApi.self
        case ServerlessHttpApi.type: return ServerlessHttpApi.self
        case ServerlessWebSocketApi.type: return ServerlessWebSocketApi.self
        case ServerlessApi.type: return ServerlessApi.self
        default: return nil
        }
    }
}
