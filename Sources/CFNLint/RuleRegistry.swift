/// Every rule the linter knows. A new rule is one file under Rules/ and one line here.
enum RuleRegistry {
    static let all: [any Rule.Type] = [
        ParseError.self
    ]
}
