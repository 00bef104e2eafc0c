import ArgumentParser
import CFNModel
import CFNSchema

@main
struct CFNTool: Command {
    static let configuration = CommandConfiguration(
        commandName: "cfntool",
        abstract:
            "A fast CloudFormation toolkit: lint, format, convert, inspect, split, count, graph and diff templates, and show resource schemas.",
        discussion: """
            Exit codes (every command): 0 ok; 1 the command worked and found what you asked it \
            to fail on; 2 a file could not be read, parsed or written, or a named file is no \
            CloudFormation template (--only-templates skips those), or a folder or pattern holds \
            no template; 64 usage error (lint --exit-codes cfn-lint gives cfn-lint's codes \
            instead: 2 errors, 4 warnings, 8 informational, or-ed). What 1 \
            means: lint, findings at or above --fail-level; fmt --check, files that would change; \
            count, a quota exceeded; graph, a dependency cycle; diff, differences with --fail or a replacement/deletion with --fail-on. schema exits 2 for an unknown resource type or property. split exits 2 when a template cannot be split within the quotas. With several files, 2 wins over 1 and the other files are still \
            processed. A FILE of - reads standard input.
            """,
        // The full line reads the schema index: only when it is asked for (any other command
        // would pay for it at start-up); the flag itself needs a non-empty version.
        version: CommandLine.arguments.dropFirst().contains("--version") ? CFNTool.versionLine : CFNTool.version,
        subcommands: [Lint.self, Rules.self, Fmt.self, Convert.self, Info.self, Split.self, Count.self, Graph.self, Schema.self, Diff.self, Transform.self, LSP.self]
    )

    /// The name and version, as split manifests record their generator.
    static let version = "cfntool \(Release.version)"

    /// What `--version` prints: the version and the schema data in use, and where it was found
    /// (read from the index's first lines only, so `--version` stays instant).
    static var versionLine: String {
        guard let bundle = SchemaStore.bundleSource() else { return version + " (schemas: none found)" }
        return version + " (schemas: \(bundle.source) from \(bundle.directory))"
    }
}
