import ArgumentParser
import CFNDiff
import CFNModel

#if canImport(Glibc)
import Glibc
#endif

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two templates by meaning and say what deploying the change does: update, replace, delete.",
        discussion: """
            Values compare by meaning: key order, quoting, short or long function forms, GetAtt \
            as A.B or a list, and "80" against 80 are the same; DependsOn, IAM policy statements \
            (and their actions and resources), security-group rules and ManagedPolicyArns are \
            sets; other lists are ordered, with moved, added and removed items shown.

            Each changed resource gets an impact: add, delete, orphan (DeletionPolicy: Retain), \
            update, replace (its Type or a create-only property changes, from the bundled \
            resource schemas, or a create-only property takes the Ref or GetAtt of a replaced \
            resource), may replace (a conditionally create-only property), or renamed (the \
            same type and properties under a new logical id: delete + create unless the stack \
            is refactored). IAM statements and security-group rules added and removed are shown \
            as tables.

            OLD and NEW are files, - for standard input (one of them), or git:REV:PATH for a \
            file as a git revision has it (PATH as git names it: from the repository root, or \
            starting with ./ from the current folder).

            --format json prints {"old", "new", "empty", "summary": {impact: count}, \
            "resources": [{"logicalId", "type", "oldType", "impact", "renamedFrom", "reasons", \
            "oldLine", "newLine", "changes": [{"path", "oldPath", "kind", "old", "new", \
            "replacement", "oldLine", "newLine"}], "security": [{"kind", "change", "path", \
            "value"}]}], "sections": [{"section", "name", "kind", "oldLine", "newLine", "old", "new", \
            "changes"}]}. Impacts: added, removed, orphaned, updated, mayReplace, replaced, renamed.

            Exit codes: 0 no differences, or none of the kinds --fail-on names, or neither \
            --fail nor --fail-on given; 1 differences with --fail (of what --only keeps), or a \
            replacement (replace or may replace) with --fail-on replace, or a deletion (delete \
            or renamed) with --fail-on delete; 2 a file could not be read or parsed \
            (file:line:col), or is no CloudFormation template ("not a CloudFormation template"; \
            --only-templates exits 0 without output instead); 64 usage error.
            """
    )

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case replace, delete
    }

    @Option(help: "Output format: text, json or markdown.")
    var format: TemplateDiff.OutputFormat = .text

    @Flag(help: "Exit 1 when there are differences.")
    var fail = false

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a resource is replaced (replace) or deleted (delete); repeatable.")
    var failOn: [FailOn] = []

    @Option(help: "Show only resource replacements (replacements) or IAM and security-group changes (security).")
    var only: TemplateDiff.Focus?

    @Option(help: "The region whose resource schemas decide what is create-only.")
    var region: String = "us-east-1"

    @Argument(help: "The old template: a file, - for standard input, or git:REV:PATH.")
    var old: String

    @Argument(help: "The new template: a file, - for standard input, or git:REV:PATH.")
    var new: String

    @OptionGroup var selection: TemplateSelection

    func validate() throws {
        if old == "-" && new == "-" { throw ValidationError("only one of OLD and NEW can be standard input (-)") }
    }

    func run() throws {
        var status = ExitStatus()
        var templates: [Template] = []
        // Both sides decode at once: on big templates decoding is most of the time.
        let loaded = Parallel.map([old, new]) { path in Result { try Self.load(path) } }
        var skipped = false
        for result in loaded {
            switch result {
            case .success(let t): templates.append(t)
            case .failure(let error as CFNError) where error.kind == .notTemplate && selection.onlyTemplates: skipped = true
            case .failure(let error): status.failed(error)
            }
        }
        if skipped && status.code == 0 { return }
        guard templates.count == 2 else {
            try status.exit()
            return
        }
        var diff = Differ(region: region).diff(templates[0], templates[1])
        if let only { diff = diff.filtered(only) }
        let color = format == .text && isatty(1) == 1 && getenv("NO_COLOR") == nil
        Console.out(bytes: Array(diff.render(as: format, color: color).utf8))
        if fail && !diff.isEmpty { status.found() }
        if failOn.contains(.replace) && diff.hasReplacement { status.found() }
        if failOn.contains(.delete) && diff.hasDeletion { status.found() }
        try status.exit()
    }

    /// A template from a file, standard input or a git revision.
    static func load(_ path: String) throws -> Template {
        guard path.hasPrefix("git:") else { return try Template.read(path).template }
        let spec = path.dropFirst(4)
        guard let colon = spec.firstIndex(of: ":"), colon != spec.startIndex, spec.index(after: colon) != spec.endIndex else {
            throw CFNError(
                file: path,
                position: SourcePosition(line: 1, column: 1, offset: 0),
                message: "expected git:REV:PATH, such as git:HEAD:templates/app.yaml",
                kind: .io
            )
        }
        let rev = String(spec[..<colon])
        let file = String(spec[spec.index(after: colon)...])
        let (code, out, err) = Git.run(["git", "show", "\(rev):\(file)"])
        guard code == 0 else {
            var reason = err.split(separator: "\n").first.map(String.init) ?? "git exited \(code)"
            if reason.hasPrefix("fatal: ") { reason = String(reason.dropFirst(7)) }
            throw CFNError(
                file: path,
                position: SourcePosition(line: 1, column: 1, offset: 0),
                message: "git could not read it: \(reason)",
                kind: .io
            )
        }
        return try Template(templateBytes: out, path: path)
    }
}

extension TemplateDiff.OutputFormat: ExpressibleByArgument {}
extension TemplateDiff.Focus: ExpressibleByArgument {}

/// Runs git and collects its output.
enum Git {
    static func run(_ args: [String]) -> (code: Int32, out: [UInt8], err: String) {
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { return (127, [], "cannot create a pipe") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        posix_spawn_file_actions_addclose(&actions, outPipe[0])
        posix_spawn_file_actions_addclose(&actions, errPipe[0])
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid = pid_t()
        let rc = posix_spawnp(&pid, args[0], &actions, nil, &argv, environ)
        close(outPipe[1])
        close(errPipe[1])
        guard rc == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            return (127, [], "cannot run git: \(String(cString: strerror(rc)))")
        }
        // git show writes little to stderr; read stdout fully, then stderr.
        let out = drain(outPipe[0])
        let err = drain(errPipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (code, out, String(decoding: err, as: UTF8.self))
    }

    private static func drain(_ fd: Int32) -> [UInt8] {
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }
}
