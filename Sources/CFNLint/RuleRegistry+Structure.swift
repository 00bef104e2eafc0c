/// Rules on the template's structure and sections: template, parameters, resources, outputs,
/// mappings, conditions, metadata, rules, quotas.
extension RuleRegistry {
    static let structure: [any Rule.Type] = []
}
