/// Rules on resource properties, from the resource schemas.
extension RuleRegistry {
    static let schema: [any Rule.Type] = [
        ResourceTypeExists.self, PropertyUnknown.self, PropertyRequired.self, PropertyType.self,
        ServiceShutDown.self, ServiceSunset.self, ServiceMaintenance.self,
    ]
}
