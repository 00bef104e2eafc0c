/// Rules on the template's structure and sections: template, parameters, resources, outputs,
/// mappings, conditions, metadata, rules, quotas.
extension RuleRegistry {
    static let structure: [any Rule.Type] = [
        TemplateStructure.self,
        ResourceConfiguration.self,
        CircularDependency.self,
        DependsOnTarget.self,
        ResourceQuota.self,
        DeletionPolicyValue.self,
        UpdateReplacePolicyValue.self,
        ParameterConfiguration.self,
        ParameterType.self,
        ConditionConfiguration.self,
        ConditionEquals.self,
        ConditionAnd.self,
        ConditionOr.self,
        ConditionNot.self,
        MappingConfiguration.self,
        OutputConfiguration.self,
        OutputRequired.self,
        OutputTypes.self,
        OutputValue.self,
    ]
}
