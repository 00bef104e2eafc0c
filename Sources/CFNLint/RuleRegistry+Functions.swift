/// Rules on intrinsic functions and references.
extension RuleRegistry {
    static let functions: [any Rule.Type] = []
}
