/// Rules on the Rules and Metadata sections.
extension RuleRegistry {
    static let sections: [any Rule.Type] = [
        RulesSection.self, RuleAssertions.self, RuleAssertionKeys.self, RuleConditionShape.self, MetadataSection.self,
        MetadataInterface.self, MetadataInterfaceParameters.self, MetadataLintConfig.self,
    ]
}
