import ArgumentParser
import CFNModel

@main
struct CFNTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cfntool",
        abstract: "A fast CloudFormation toolkit: lint, format, convert, inspect, split, count, graph and diff templates, and show resource schemas.",
        discussion: """
            Exit codes (every command): 0 ok; 1 the command worked and found what you asked it \
            to fail on; 2 a file could not be read, parsed or written; 64 usage error. What 1 \
            means: lint, findings at or above --fail-level; fmt --check, files that would change; \
            count, a quota exceeded; graph, a dependency cycle; diff, differences with --fail or a replacement/deletion with --fail-on. schema exits 2 for an unknown resource type or property. split exits 2 when a template cannot be split within the quotas. With several files, 2 wins over 1 and the other files are still \
            processed. A FILE of - reads standard input.
            """,
        version: CFNTool.version,
        subcommands: [Lint.self, Rules.self, Fmt.self, Convert.self, Info.self, Split.self, Count.self, Graph.self, Schema.self, Diff.self]
    )

    static let version = "cfntool 0.1.0"
}
