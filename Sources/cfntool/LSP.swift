import CFNLanguageServer
import CFNLint
import CFNModel

#if canImport(Glibc)
import Glibc
#endif

struct LSP: Command {
    static let spec = CommandSpec(
        name: "lsp",
        abstract: "Run the language server (Language Server Protocol 3.17 over standard input and output).",
        discussion: """
            For editors: lint findings as diagnostics while you type, hover, completion, \
            definition, references, rename, document symbols, formatting (fmt) and quick fixes, \
            for YAML and JSON templates. Each document is linted with the .cfntool.yaml or \
            .cfnlintrc found from its folder up, as lint finds it from the working folder. \
            initializationOptions.ruleDocumentationBaseUrl adds a link to each finding's rule \
            (the rule id as the anchor). Exit codes: 0 after shutdown and exit; 1 on exit \
            without shutdown, or when the input ends.
            """
    )

    init(_ arguments: ParsedArguments) {}

    func run() throws {
        let asOf = LintDate(Lint.today()) ?? LintDate("2026-01-01")!
        let server = LanguageServer { path in
            let dir = path.hasPrefix("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) : LintConfig.currentDirectory()
            let config = (try? LintConfig.find(from: dir.isEmpty ? "/" : dir)) ?? LintConfig()
            var options = config.options(asOf: asOf)
            // One document is linted at a time: its rules get every core.
            options.ruleJobs = Lint.cores()
            return options
        }
        // A client that goes away must not kill the server with SIGPIPE mid-write.
        signal(SIGPIPE, SIG_IGN)
        let code = server.run()
        if code != 0 { throw ExitCode(code) }
    }
}
