import CFNModel

/// I2003: a parameter's `AllowedPattern` is no regular expression.
struct AllowedPatternMalformed: Rule {
    static let info = RuleInfo(
        id: "I2003",
        title: "AllowedPattern is not a regular expression",
        description: """
            A parameter's `AllowedPattern` cannot be read as a regular expression: a parenthesis \
            or a class left open or closed twice, a range that runs backwards (`[z-a]`), a \
            quantifier with nothing before it, a backslash at the very end. CloudFormation's \
            own engine differs from the ones linters use, so this is a note rather than an \
            error, but such a pattern rarely does what was meant. Reported on the `AllowedPattern` key. \
            A pattern that is well formed but uses what cfntool's matcher does not run \
            (back-references, look-around) is I2016's.
            """,
        passing: [
            """
            Parameters:
              Bucket:
                Type: String
                AllowedPattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$'
            Resources:
              Logs:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Ref Bucket
            """
        ],
        failing: [
            """
            Parameters:
              Bucket:
                Type: String
                AllowedPattern: '^[a-z0-9.-{1,61}$' # <-
              Prefix:
                Type: String
                AllowedPattern: '(logs|audit' # <-
            Resources:
              Logs:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub '${Bucket}-${Prefix}'
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for p in context.template.parameters {
            guard let entry = p.node.mapValue?[entry: "AllowedPattern"], let pattern = entry.value.stringValue else { continue }
            do {
                _ = try Pattern(pattern)
            } catch {
                // A well-formed pattern the matcher does not run is I2016's.
                guard error.isMalformed else { continue }
                findings.append(
                    context.finding(
                        Self.self,
                        "AllowedPattern of '\(p.name)' is no regular expression: \(error.description)",
                        at: entry.keyRange,
                        path: ["Parameters", p.name, "AllowedPattern"]
                    )
                )
            }
        }
    }
}
