import CFNModel

/// I2016: a parameter's `AllowedPattern` uses what the linear-time matcher does not take
/// (back-references, look-around), so its `Default` was not checked against it.
struct AllowedPatternSkipped: Rule {
    static let info = RuleInfo(
        id: "I2016",
        title: "AllowedPattern not checked",
        description: """
            A template's own AllowedPattern is untrusted input, so cfntool matches it in linear \
            time with a matcher of its own. Back-references, look-around, inline flags and \
            possessive quantifiers need backtracking, which can take forever on a crafted value: \
            such a pattern is not run, and this finding says the Default was not checked (E2015).
            """,
        passing: [
            """
            Parameters:
              Name:
                Type: String
                Default: abc
                AllowedPattern: "^[a-z]+$"
            Resources:
              Q: {Type: AWS::SQS::Queue, Properties: {QueueName: !Ref Name}}
            """
        ],
        failing: [
            """
            Parameters:
              Name:
                Type: String
                Default: abab
                AllowedPattern: '^(ab)\\1$' # <-
            Resources:
              Q: {Type: AWS::SQS::Queue, Properties: {QueueName: !Ref Name}}
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for p in context.template.parameters {
            guard let entry = p.node.mapValue?[entry: "AllowedPattern"], let pattern = entry.value.stringValue, !pattern.isEmpty else {
                continue
            }
            do {
                _ = try Pattern(pattern)
            } catch {
                findings.append(
                    context.finding(
                        Self.self,
                        "AllowedPattern of '\(p.name)' was not checked: \(error.description)",
                        at: entry.value.range,
                        path: ["Parameters", p.name, "AllowedPattern"]
                    )
                )
            }
        }
    }
}
