import CFNModel

/// E0000: the file is not valid YAML or JSON (reported by the linter itself, before any rule runs).
struct ParseError: Rule {
    static let info = RuleInfo(
        id: "E0000",
        title: "Template cannot be parsed",
        description: """
            The file is not valid YAML or JSON, or not a template: a syntax error, a duplicate key, \
            an unknown tag, a tab in indentation, invalid UTF-8, an empty file, a top level that is \
            not a mapping. The finding is at the error's position; no other rule runs on the file.
            """
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {}
}
