import CFNModel

/// E0000: the file is not valid YAML or JSON (reported by the linter itself, before any rule runs).
struct ParseError: Rule {
    static let info = RuleInfo(
        id: "E0000",
        title: "Template cannot be read or parsed",
        description: """
            The file cannot be read (missing, a folder, no permission, over the size limit), is \
            not valid YAML or JSON (a syntax error, a duplicate key, an unknown tag, a tab in \
            indentation, invalid UTF-8), or is not a CloudFormation template: an empty file, a top \
            level that is not a mapping, or a mapping without `Resources`, \
            `AWSTemplateFormatVersion` or the SAM `Transform` (a docker-compose file, a \
            `package.json`, a split manifest). The finding is at the error's position; no other \
            rule runs on the file. `cfntool lint --only-templates` skips files that are no \
            template instead.
            """
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {}
}
