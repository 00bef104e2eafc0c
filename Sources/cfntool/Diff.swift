import CFNDiff
import CFNModel
import CFNSAM
import CFNSplit

#if canImport(Glibc)
import Glibc
#endif

struct Diff: Command {
    static let spec = CommandSpec(
        name: "diff",
        abstract: "Compare two templates by meaning and say what deploying the change does: update, replace, delete.",
        discussion: """
            Values compare by meaning: key order, quoting, short or long function forms, GetAtt \
            as A.B or a list, and "80" against 80 are the same; DependsOn, IAM policy statements \
            (and their actions and resources), security-group rules and ManagedPolicyArns are \
            sets; other lists are ordered, with moved, added and removed items shown.

            Each changed resource gets an impact: add, delete, orphan (DeletionPolicy: Retain), \
            update, replace (its Type or a create-only property changes, from the bundled \
            resource schemas, or a create-only property takes the Ref or GetAtt of a replaced \
            resource), may replace (a conditionally create-only property; a DynamoDB KeySchema \
            always replaces), renamed (the same type and properties under a new logical id: \
            delete + create unless the stack is refactored), or moved (to another nested stack \
            of a split hierarchy). IAM statements and security-group rules added and removed \
            are shown as tables.

            A change that will fail is an error line: a resource with a custom physical name \
            (TableName, FunctionName, BucketName, RoleName, QueueName, ..., read from the \
            resource schemas) that keeps the name while CloudFormation must create a second one \
            before it deletes the first: a replacement, a rename, a move to another nested \
            stack, or a new resource taking the name of one the update removes. A dependent is \
            listed only when a Ref or GetAtt it takes changes: a custom-named table replaced \
            under its name keeps its Ref (the name) and its Arn.

            Long values show where they differ: both sides are cut around the first difference.

            OLD and NEW are files, - for standard input (one of them), or git:REV:PATH for a \
            file as a git revision has it (PATH as git names it: from the repository root, or \
            starting with ./ from the current folder). A split manifest (the manifest.json \
            that cfntool split writes) stands for its whole hierarchy: the nested stacks are \
            merged back into the parent, as deployed, and each change names its nested stack.

            A template that declares Transform: AWS::Serverless-2016-10-31 is compared as it \
            deploys: the SAM transform's output (for --region, with --parameter and \
            --sar-template-url as for transform), so a changed Events path shows as the API \
            Gateway changes it causes, and each resource the transform made names the SAM \
            resource it came from ("from GetUserFn's event Get"; from a split manifest's \
            "origins" too). A SAM template against its own processed template, or against the \
            split of it, has no differences. A SAM template the transform refuses exits 2, each \
            error as file:line:col: [LogicalId] message.

            --format json prints {"old", "new", "empty", "summary": {impact: count}, \
            "failures", "resources": [{"logicalId", "type", "oldType", "impact", "renamedFrom", \
            "reasons", "willFail", "failReason", "stack", "oldStack", "oldFile", "newFile", \
            "oldLine", "newLine", "origin": {"logicalId", "type", "event", "property"} or null, \
            "changes": [{"path", "oldPath", "kind", "old", "new", \
            "replacement", "oldLine", "newLine"}], "security": [{"kind", "change", "path", \
            "value"}]}], "sections": [{"section", "name", "kind", "oldLine", "newLine", "old", "new", \
            "changes"}]}. Impacts: added, removed, orphaned, updated, mayReplace, replaced, renamed, \
            moved.

            Exit codes: 0 no differences, or none of the kinds --fail-on names, or neither \
            --fail nor --fail-on given; 1 differences with --fail (of what --only keeps), or a \
            replacement (replace, may replace, or any change that will fail) with --fail-on \
            replace, or a deletion (delete, renamed or moved) with --fail-on delete, or a change \
            that will fail with --fail-on fail; 2 a file could not be read or parsed \
            (file:line:col), is no CloudFormation template ("not a CloudFormation template"; \
            --only-templates exits 0 without output instead), or a split hierarchy could not be \
            merged; 64 usage error.
            """,
        options: [
            .choice("format", TemplateDiff.OutputFormat.self, default: .text, help: "Output format: text, json or markdown."),
            .flag("fail", help: "Exit 1 when there are differences."),
            .choice(
                "fail-on",
                FailOn.self,
                repeats: true,
                help: "Exit 1 when a resource is replaced (replace), deleted (delete), or a change will fail (fail); repeatable."
            ),
            .choice(
                "only",
                TemplateDiff.Focus.self,
                help:
                    "Show only resource replacements and changes that will fail (replacements), or IAM and security-group changes (security)."
            ),
            .text(
                "region",
                default: "us-east-1",
                help: "The region whose resource schemas decide what is create-only (and that the SAM transform runs for)."
            ),
        ] + TransformInputs.options + TemplateSelection.options,
        arguments: [
            ArgumentSpec(
                name: "OLD",
                required: true,
                help: "The old template: a file, - for standard input, git:REV:PATH, or a split manifest.json."
            ),
            ArgumentSpec(
                name: "NEW",
                required: true,
                help: "The new template: a file, - for standard input, git:REV:PATH, or a split manifest.json."
            ),
        ]
    )

    enum FailOn: String, CaseIterable {
        case replace, delete, fail
    }

    var format: TemplateDiff.OutputFormat
    var fail: Bool
    var failOn: [FailOn]
    var only: TemplateDiff.Focus?
    var region: String
    var transform: TransformInputs
    var old: String
    var new: String
    var selection: TemplateSelection

    init(_ arguments: ParsedArguments) throws(UsageError) {
        format = arguments.choice("format", as: TemplateDiff.OutputFormat.self) ?? .text
        fail = arguments.flag("fail")
        failOn = arguments.choices("fail-on", as: FailOn.self)
        only = arguments.choice("only", as: TemplateDiff.Focus.self)
        region = arguments.value("region") ?? "us-east-1"
        transform = try TransformInputs(arguments)
        old = arguments.argument("OLD")!
        new = arguments.argument("NEW")!
        selection = TemplateSelection(arguments)
    }

    func validate() throws(UsageError) {
        if old == "-" && new == "-" { throw UsageError("only one of OLD and NEW can be standard input (-)") }
    }

    /// What one side names: a template (as deployed), or a split hierarchy merged back; with
    /// the SAM resource each resource came from, when the transform made it.
    enum Side: Sendable {
        case template(Template, origins: [String: Origin])
        case hierarchy(MergedHierarchy, origins: [String: Origin])

        var origins: [String: Origin] {
            switch self {
            case .template(_, let o), .hierarchy(_, let o): return o
            }
        }

        var merged: MergedHierarchy {
            switch self {
            case .template(let t, _): return MergedHierarchy(t)
            case .hierarchy(let h, _): return h
            }
        }
    }

    func run() throws {
        var status = ExitStatus()
        var sides: [Side] = []
        // Both sides decode at once: on big templates decoding is most of the time.
        let options = transform.options(region: region)
        let loaded = Parallel.map([old, new]) { path in Result { try Self.loadSide(path, transform: options) } }
        var skipped = false
        for result in loaded {
            switch result {
            case .success(let t): sides.append(t)
            case .failure(let error as CFNError) where error.kind == .notTemplate && selection.onlyTemplates: skipped = true
            case .failure(let error): status.failed(error)
            }
        }
        if skipped && status.code == 0 { return }
        guard sides.count == 2 else {
            try status.exit()
            return
        }
        let differ = Differ(region: region)
        var diff: TemplateDiff
        switch (sides[0], sides[1]) {
        case (.template(let a, _), .template(let b, _)):
            diff = differ.diff(a, b)
        default:
            diff = differ.diff(sides[0].merged, sides[1].merged)
            diff.oldPath = old
            diff.newPath = new
        }
        diff = diff.attributing(old: sides[0].origins, new: sides[1].origins)
        if let only { diff = diff.filtered(only) }
        let color = format == .text && isatty(1) == 1 && getenv("NO_COLOR") == nil
        Console.out(bytes: Array(diff.render(as: format, color: color).utf8))
        if fail && !diff.isEmpty { status.found() }
        if failOn.contains(.replace) && diff.hasReplacement { status.found() }
        if failOn.contains(.delete) && diff.hasDeletion { status.found() }
        if failOn.contains(.fail) && diff.hasFailure { status.found() }
        try status.exit()
    }

    /// A template, or the hierarchy a split manifest names (its files beside it, or in the same
    /// git revision), merged back.
    static func loadSide(_ path: String, transform: SAMTransform.Options) throws -> Side {
        let document = try load(path, detect: false)
        guard SplitManifest.isManifest(document) else {
            // Not a manifest: it must be a template, as every command reads one.
            if let reason = document.notTemplateReason {
                let start = document.range.isKnown ? document.range.start : SourcePosition(line: 1, column: 1, offset: 0)
                throw CFNError(file: path, position: start, message: "not a CloudFormation template: " + reason, kind: .notTemplate)
            }
            let deployed = try Deployed.of(document, options: transform)
            return .template(Self.resolvingArtifacts(deployed.template, path), origins: deployed.origins)
        }
        let manifest = try SplitManifest(document)
        let paths = manifest.templatePaths
        let templates = Parallel.map(paths) { p in Result { try load(p) } }
        var parent: Template?
        var nested: [String: Template] = [:]
        for (i, result) in templates.enumerated() {
            let t = Self.resolvingArtifacts(try result.get(), paths[i])
            if i == 0 { parent = t } else { nested[manifest.stacks[i - 1].name] = t }
        }
        do {
            return .hierarchy(try MergedHierarchy(parent: parent!, nested: nested), origins: Self.origins(in: document))
        } catch {
            throw CFNError(file: path, position: document.range.start, message: error.message, kind: .structure)
        }
    }

    /// `template` (read from `path`) with its relative local artifact paths (`Code: src/`)
    /// made absolute from its folder: the same files are the same value whatever folder each
    /// side is in (a split writes `Code: ../src/` into `out/`). Standard input stays as it is.
    static func resolvingArtifacts(_ template: Template, _ path: String) -> Template {
        guard path != "-" else { return template }
        let file = path.hasPrefix("git:") ? String(path.dropFirst(4).drop { $0 != ":" }.dropFirst()) : path
        return template.rebasingArtifacts(onto: Split.absolute(Split.folder(of: file)))
    }

    /// The origins a split manifest of a SAM template records (`"origins"`: resource ->
    /// {"logicalId", "type", "event", "property"}).
    static func origins(in manifest: Template) -> [String: Origin] {
        var out: [String: Origin] = [:]
        for e in manifest.root["origins"]?.mapValue ?? Map() {
            guard let id = e.value["logicalId"]?.stringValue, let type = e.value["type"]?.stringValue else { continue }
            out[e.key] = Origin(
                logicalId: id,
                type: type,
                event: e.value["event"]?.stringValue,
                property: e.value["property"]?.stringValue,
                range: .unknown
            )
        }
        return out
    }

    /// A template from a file, standard input or a git revision (with `detect: false`, any
    /// document: a split manifest is one).
    static func load(_ path: String, detect: Bool = true) throws -> Template {
        guard path.hasPrefix("git:") else {
            return detect ? try Template.read(path).template : try Template(bytes: try SourceFile.read(path), path: path)
        }
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
        return detect ? try Template(templateBytes: out, path: path) : try Template(bytes: out, path: path)
    }
}

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
