import CFNModel

/// E0003: the run's configuration cannot be used (reported by the command line, before any rule
/// runs).
struct ConfigurationError: Rule {
    static let info = RuleInfo(
        id: "E0003",
        title: "Configuration error",
        description: """
            The configuration of the run is wrong: the config file (`.cfntool.yaml`, \
            `.cfnlintrc`, or `--config`) cannot be parsed, has a key that is neither cfntool's \
            nor cfn-lint's (`ignore_check`), or gives a setting a value it does not take \
            (`exit_codes: sometimes`, a mapping where a list is asked for), at the setting's \
            place in the config file, and then nothing is linted; or a file pattern, on the command line or under `templates:` in \
            the config, matches no file at all, as cfn-lint reports it (a pattern that matches \
            files none of which is a template is an E0000 finding).
            """
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {}
}
