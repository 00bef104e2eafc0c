/// Every rule the linter knows. A new rule is one file under Rules/ and one line in its family's list.
enum RuleRegistry {
    static let all: [any Rule.Type] =
        [ParseError.self, TransformError.self, ConfigurationError.self, DeploymentFileConfiguration.self, ParameterFileConfiguration.self]
        + structure + functions + sections + schema
}
