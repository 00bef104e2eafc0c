import CFNModel
import CFNSchema

#if canImport(Glibc)
import Glibc
#endif

@main
enum CFNTool {
    static let abstract =
        "A fast CloudFormation toolkit: lint, format, convert, inspect, split, count, graph and diff templates, and show resource schemas."

    static let discussion = """
        Exit codes (every command): 0 ok; 1 the command worked and found what you asked it \
        to fail on; 2 a file could not be read, parsed or written, or a named file is no \
        CloudFormation template (--only-templates skips those), or a folder or pattern holds \
        no template; 64 usage error (lint --exit-codes cfn-lint gives cfn-lint's codes \
        instead: 2 errors, 4 warnings, 8 informational, or-ed). What 1 \
        means: lint, findings at or above --fail-level; fmt --check, files that would change; \
        count, a quota exceeded; graph, a dependency cycle; diff, differences with --fail or a replacement/deletion with --fail-on. schema exits 2 for an unknown resource type or property. split exits 2 when a template cannot be split within the quotas. With several files, 2 wins over 1 and the other files are still \
        processed. A FILE of - reads standard input.
        """

    /// Every command, in the order the help lists them.
    static let commands: [any Command.Type] = [
        Lint.self, Rules.self, Fmt.self, Convert.self, Info.self, Split.self, Count.self, Graph.self, Schema.self, Diff.self,
        Transform.self, LSP.self,
    ]

    /// The name and version, as split manifests record their generator.
    static let version = "cfntool \(Release.version)"

    /// What `--version` prints: the version and the schema data in use, and where it was found
    /// (read from the index's first lines only, so `--version` stays instant).
    static var versionLine: String {
        guard let bundle = SchemaStore.bundleSource() else { return version + " (schemas: none found)" }
        return version + " (schemas: \(bundle.source) from \(bundle.directory))"
    }

    static func main() {
        exit(run(Array(CommandLine.arguments.dropFirst())))
    }

    /// Runs the command line `words` (without the program's name) and gives the exit code.
    static func run(_ words: [String]) -> Int32 {
        var spec: CommandSpec? = nil
        do throws(UsageError) {
            guard let first = words.first, first != "--help", first != "-h" else {
                Console.out(bytes: Array(help().utf8))
                return 0
            }
            if first == "--version" {
                Console.out(versionLine)
                return 0
            }
            if first == "help" {
                guard let name = words.dropFirst().first else {
                    Console.out(bytes: Array(help().utf8))
                    return 0
                }
                guard let command = commands.first(where: { $0.spec.name == name }) else {
                    throw UsageError("unknown command '\(name)'")
                }
                Console.out(bytes: Array(Help.text(command.spec).utf8))
                return 0
            }
            guard let command = commands.first(where: { $0.spec.name == first }) else {
                throw UsageError(first.hasPrefix("-") ? "unknown option '\(first)'" : "unknown command '\(first)'")
            }
            spec = command.spec
            do {
                try command.main(Array(words.dropFirst()))
            } catch let e as UsageError {
                throw e
            } catch let e as ExitCode {
                return e.code
            } catch {
                Console.err("error: \(error)")
                return 1
            }
            return 0
        } catch {
            Console.err(Help.hint(error, for: spec))
            return 64
        }
    }

    /// cfntool's own help: what it is, the exit codes, and the commands.
    static func help() -> String {
        var lines = Help.wrap("OVERVIEW: " + abstract) + [""] + Help.wrap(discussion) + [""]
        lines += ["USAGE: cfntool <command> [<options>]", "       cfntool --version", "", "OPTIONS:"]
        lines += Help.entry("--version", "Show the version and the schema data in use.")
        lines += Help.entry("-h, --help", "Show this help.")
        lines += ["", "SUBCOMMANDS:"]
        for command in commands { lines += Help.entry(command.spec.name, command.spec.abstract) }
        lines += Help.entry("help", "Show a command's help (cfntool help lint).")
        lines += ["", "  See 'cfntool help <command>' or 'cfntool <command> --help' for a command's options."]
        return lines.joined(separator: "\n") + "\n"
    }
}
