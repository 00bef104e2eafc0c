import CFNLint
import CFNModel

#if canImport(Glibc)
import Glibc
#endif

struct Lint: Command {
    static let spec = CommandSpec(
        name: "lint",
        abstract: "Check templates: structure, intrinsic functions, references, parameters, conditions, mappings, outputs.",
        discussion: """
            FILEs may be templates, folders (searched recursively for *.yaml, *.yml, *.json and \
            *.template files that are templates), quoted patterns or - for standard input. A file \
            is a template when its top level is a mapping with Resources, \
            AWSTemplateFormatVersion or Transform: AWS::Serverless-2016-10-31. A named file that \
            is none (a docker-compose file, package.json, a split manifest) is an E0000 finding, \
            as is one that cannot be read (missing, a folder, no permission, too big) or parsed; \
            --only-templates skips the files that are no template instead. Files found in a \
            folder or by a pattern that are no template are skipped, but a folder or pattern \
            that gives no template at all is an E0000 finding (E0003 for a pattern that matches \
            no file, and for a config file that cannot be used).

            --deployment-files (git sync deployment files) lint the templates they name, and \
            --parameter-files the one template named, with each file's parameter values: E2900 \
            when they do not fit its Parameters, E0100 / E0200 for a file that is no deployment / \
            parameter file (exit 2).

            A template is linted as a nested stack's (no W1002 inline-size warning; W3092 follows \
            a function's ARN from the stack that calls it) when the split manifest.json in its \
            folder lists it, or a parent linted in the same run names it in a TemplateURL.

            Exit codes: 0 nothing at or above --fail-level; 1 findings at or above it; 2 a file \
            could not be read or parsed, or is no template, or a folder or pattern gave no \
            template, or a config, deployment or parameter file cannot be used (the finding is \
            reported, and the other files' findings too); 64 \
            usage error. With --exit-codes cfn-lint (or exit_codes: cfn-lint in the config), \
            cfn-lint 1.51.0's codes instead: 2 for errors, 4 for warnings, 8 for informational \
            findings at or above --fail-level, or-ed together (an E0000 finding is an error), \
            and 2 alone when a named file does not exist or a pattern matches nothing (cfn-lint \
            then lints nothing); usage errors stay 64.
            """,
        options: [
            .choice("format", ReportFormat.self, default: .text, help: "text, json, sarif, junit, github or parseable."),
            .text("output-file", placeholder: "file", help: "Write the report to this file (atomically) instead of standard output."),
            .choice(
                "fail-level",
                FailLevel.self,
                help: "error, warning or informational: exit 1 on findings at or above it (default warning)."
            ),
            .choice(
                "exit-codes",
                ExitCodes.self,
                help:
                    "cfntool (0, 1, 2) or cfn-lint (2 errors, 4 warnings, 8 informational, or-ed; default: the config's exit_codes, else cfntool)."
            ),
            .text("config", placeholder: "file", help: "A config file instead of the nearest .cfntool.yaml (or .cfnlintrc)."),
            .text(
                "ignore-checks",
                placeholder: "ids",
                repeats: true,
                help: "Rule ids or prefixes to skip, comma-separated or repeated (E3012,W2001 or W)."
            ),
            .text(
                "include-checks",
                placeholder: "ids",
                repeats: true,
                help: "Rule ids or prefixes to add, comma-separated or repeated (informational rules are off by default: I)."
            ),
            .number("jobs", help: "Files linted at once (default: all cores)."),
            .text("as-of", placeholder: "date", help: "The day deprecation dates are compared with (YYYY-MM-DD; default today)."),
            .text(
                "regions",
                repeats: true,
                help: "Regions to check the template for, comma-separated or repeated (default AWS_REGION or us-east-1)."
            ),
            .flag(
                "fix",
                help:
                    "Apply the safe fixes to the files, atomically (for -, the fixed text goes to standard output and the report to standard error)."
            ),
            .flag("unsafe-fixes", help: "With --fix or --diff: the unsafe fixes too (probably right, but a person should look)."),
            .flag("diff", help: "Print what --fix would change as a unified diff, write nothing, and exit 1 when something would change."),
            .text(
                "deployment-files",
                placeholder: "files",
                upToNextOption: true,
                help: """
                    Deployment files (CloudFormation git sync: template-file-path, parameters, tags) or \
                    quoted patterns: lint the templates they name, checking their parameters (E2900). \
                    Takes the place of FILEs.
                    """
            ),
            .text(
                "parameter-files",
                placeholder: "files",
                upToNextOption: true,
                help: """
                    Parameter files ([{"ParameterKey": ..., "ParameterValue": ...}]) or quoted patterns: \
                    check the one template's parameters with each (E2900). Name the template before this option.
                    """
            ),
        ] + TemplateSelection.options,
        arguments: [
            ArgumentSpec(
                name: "FILE",
                required: false,
                repeats: true,
                help:
                    "Templates, folders or quoted patterns ('templates/**/*.yaml'); - for standard input. Default: the config's templates."
            )
        ]
    )

    var files: [String]
    var selection: TemplateSelection
    var format: ReportFormat
    var outputFile: String?
    var failLevel: FailLevel
    var exitCodes: ExitCodes?
    var config: String?
    var ignoreChecks: [String]
    var includeChecks: [String]
    var jobs: Int?
    var asOf: String?
    var regions: [String]
    var fix: Bool
    var unsafeFixes: Bool
    var diff: Bool
    var deploymentFiles: [String]
    var parameterFiles: [String]

    init(_ arguments: ParsedArguments) {
        files = arguments.words("FILE")
        selection = TemplateSelection(arguments)
        format = arguments.choice("format", as: ReportFormat.self) ?? .text
        outputFile = arguments.value("output-file")
        failLevel = arguments.choice("fail-level", as: FailLevel.self) ?? .warning
        exitCodes = arguments.choice("exit-codes", as: ExitCodes.self)
        config = arguments.value("config")
        ignoreChecks = arguments.values("ignore-checks")
        includeChecks = arguments.values("include-checks")
        jobs = arguments.number("jobs")
        asOf = arguments.value("as-of")
        regions = arguments.values("regions")
        fix = arguments.flag("fix")
        unsafeFixes = arguments.flag("unsafe-fixes")
        diff = arguments.flag("diff")
        deploymentFiles = arguments.values("deployment-files")
        parameterFiles = arguments.values("parameter-files")
    }

    enum FailLevel: String, CaseIterable {
        case error, warning, informational

        var severity: Severity {
            switch self {
            case .error: return .error
            case .warning: return .warning
            case .informational: return .informational
            }
        }
    }

    /// Which exit codes lint gives.
    enum ExitCodes: String, CaseIterable {
        /// 0, 1, 2 and 64, as every cfntool command.
        case cfntool
        /// cfn-lint's: a bit for each severity found.
        case cfnLint = "cfn-lint"
    }

    func validate() throws(UsageError) {
        if let asOf, LintDate(asOf) == nil { throw UsageError("--as-of takes a date as YYYY-MM-DD") }
        if let jobs, jobs < 1 { throw UsageError("--jobs takes 1 or more") }
        if unsafeFixes && !fix && !diff { throw UsageError("--unsafe-fixes goes with --fix or --diff") }
        if files.filter({ $0 == "-" }).count > 1 { throw UsageError("standard input can be read once: name - once") }
        if !deploymentFiles.isEmpty && (!files.isEmpty || !parameterFiles.isEmpty) {
            throw UsageError("--deployment-files name their templates: give no FILEs and no --parameter-files with them")
        }
        if !parameterFiles.isEmpty && files.count > 1 {
            throw UsageError("--parameter-files are the values of one template: name one FILE")
        }
    }

    /// One file after reading: its template, or the E0000 finding that says why there is none.
    enum Read: Sendable {
        case template(Template, [UInt8])
        case finding(Finding, manifest: Template?)
        case skipped(manifest: Template?)
    }

    func run() throws {
        let split = { (list: [String]) in list.flatMap { $0.split(separator: ",").map(String.init) } }
        var status = ExitStatus()
        let cfg: LintConfig
        do throws(CFNError) {
            if let config {
                cfg = try LintConfig.load(config, base: LintConfig.currentDirectory())
            } else {
                cfg = try LintConfig.find()
            }
        } catch {
            // E0003, in the report as cfn-lint gives it; nothing is linted.
            let finding = Linter.finding(for: error, ruleId: "E0003")
            if split(ignoreChecks).contains(where: { "E0003".hasPrefix($0) }) {
                status.failed(error)
            } else {
                let color = format == .text && outputFile == nil && isatty(1) == 1 && getenv("NO_COLOR") == nil
                let report = Reporter.render([finding], format: format, color: color, files: [finding.file])
                do {
                    if let outputFile { try AtomicFile.write(report, to: outputFile) } else { Console.out(bytes: report) }
                } catch {
                    status.failed(error)
                }
                status.failedInReport()
            }
            try status.exit()
            return
        }
        let options = cfg.options(
            ignoreChecks: split(ignoreChecks),
            includeChecks: split(includeChecks),
            regions: split(regions),
            asOf: LintDate(asOf ?? Lint.today()) ?? LintDate("2026-01-01")!
        )
        let linter = Linter(options: options)
        // The config's deployment and parameter files, when the command line names none and no FILEs.
        let deploymentFiles =
            !self.deploymentFiles.isEmpty ? self.deploymentFiles : files.isEmpty && parameterFiles.isEmpty ? cfg.deploymentFiles : []
        let parameterFiles = !self.parameterFiles.isEmpty ? self.parameterFiles : deploymentFiles.isEmpty ? cfg.parameterFiles : []
        let deployment =
            !deploymentFiles.isEmpty
            ? DeploymentInputs.deployments(deploymentFiles)
            : !parameterFiles.isEmpty ? DeploymentInputs.parameterFiles(parameterFiles) : DeploymentInputs()
        let inputs = !deploymentFiles.isEmpty ? deployment.templates : files.isEmpty ? cfg.templates : files
        if inputs.isEmpty && deploymentFiles.isEmpty {
            throw UsageError("no templates: name files or folders, or list them under templates: in .cfntool.yaml")
        }
        if !parameterFiles.isEmpty && inputs.count > 1 {
            throw UsageError("--parameter-files are the values of one template: name one FILE")
        }
        let codes = exitCodes ?? cfg.exitCodes ?? .cfntool
        let only = selection.onlyTemplates
        let found = TemplateFiles(inputs, ignoring: deploymentFiles.isEmpty ? cfg.ignoreTemplates : [])

        // Each file is read and decoded once, on all cores; then the templates are linked into
        // stack hierarchies (a nested stack's template is linted knowing its parent), then linted.
        var reads = Parallel.map(found.files, jobs: jobs ?? Lint.cores()) { file -> Read in
            let outcome = TemplateFiles.read(file)
            switch outcome {
            case .template(let t, let bytes): return .template(t, bytes)
            case .notTemplate(let error, let manifest):
                if TemplateFiles.skips(outcome, of: file, onlyTemplates: only) { return .skipped(manifest: manifest) }
                return .finding(Linter.finding(for: error), manifest: manifest)
            case .failed(let error): return .finding(Linter.finding(for: error), manifest: nil)
            }
        }
        var fixedStdin = false
        if fix || diff {
            let changed = fixFiles(&reads, linter: linter, status: &status)
            if diff {
                try status.exit()
                if changed { throw ExitCode(1) }
                return
            }
            fixedStdin = files.contains("-")
        }
        var templates: [Template] = []
        var sources: [[UInt8]] = []
        var manifests: [SplitManifest] = []
        var failures: [Finding] = []
        var used = [Bool](repeating: false, count: reads.count)
        var reported: [String] = []
        for (i, r) in reads.enumerated() {
            switch r {
            case .template(let t, let bytes):
                templates.append(t)
                sources.append(bytes)
                used[i] = true
                reported.append(t.path)
            case .finding(let f, let manifest):
                failures.append(f)
                used[i] = true
                reported.append(f.file)
                if let m = manifest.flatMap({ try? SplitManifest($0) }) { manifests.append(m) }
            case .skipped(let manifest):
                if let m = manifest.flatMap({ try? SplitManifest($0) }) { manifests.append(m) }
            }
        }
        for e in found.emptySearches(used: used) {
            let start = SourcePosition(line: 1, column: 1, offset: 0)
            // A pattern that matches no file at all is a configuration error, as cfn-lint has it.
            let matchedNothing = found.missing.contains(e.argument)
            let message = matchedNothing ? "no file matches this pattern" : e.message
            failures.append(
                Linter.finding(
                    for: CFNError(file: e.argument, position: start, message: message, kind: .io),
                    ruleId: matchedNothing ? "E0003" : "E0000"
                )
            )
            reported.append(e.argument)
        }
        failures += deployment.failures
        reported += deployment.files
        manifests += Lint.manifestsBeside(templates, known: Set(manifests.map(\.path)))
        let hierarchy = StackHierarchy(templates, manifests: manifests)
        let bodies = sources
        let perTemplate = linter.sharingCores(jobs ?? Lint.cores(), among: templates.count)
        let results = Parallel.map(Array(templates.indices), jobs: jobs ?? Lint.cores()) { i in
            perTemplate.lint(
                hierarchy.templates[i],
                bytes: bodies[i],
                in: hierarchy,
                member: i,
                parameterSets: deployment.sets(for: hierarchy.templates[i].path)
            )
        }
        var all = results.flatMap { $0 }
        let shownFailures = failures.filter { linter.enabled($0.ruleId) }
        all += shownFailures
        all.sort(by: Finding.sortKey)
        let color = format == .text && outputFile == nil && isatty(fixedStdin ? 2 : 1) == 1 && getenv("NO_COLOR") == nil
        let report = Reporter.render(all, format: format, color: color, files: reported)
        do {
            if let outputFile {
                try AtomicFile.write(report, to: outputFile)
            } else if fixedStdin {
                // Standard output holds the fixed template.
                Console.err(bytes: report)
            } else {
                Console.out(bytes: report)
            }
        } catch {
            status.failed(error)
        }
        switch codes {
        case .cfntool:
            if !failures.isEmpty {
                // Under --ignore-checks E0000 the report leaves them out: the reason goes to stderr.
                for f in failures where !linter.enabled(f.ruleId) {
                    Console.err("\(f.file):\(f.range.start.line):\(f.range.start.column): \(f.message)")
                }
                status.failedInReport()
            }
            if all.contains(where: { $0.severity >= failLevel.severity }) { status.found() }
            try status.exit()
        case .cfnLint:
            try status.exit()
            // cfn-lint stops before linting when a named file does not exist or a pattern
            // matches nothing: 2 and nothing else.
            if !found.missing.isEmpty { throw ExitCode(2) }
            var code: Int32 = 0
            for f in all where f.severity >= failLevel.severity {
                switch f.severity {
                case .error: code |= 2
                case .warning: code |= 4
                case .informational: code |= 8
                }
            }
            if code != 0 { throw ExitCode(code) }
        }
    }

    /// The split manifests (`manifest.json`) in the folders of `templates` that the run has not
    /// read yet: how a nested stack's template is known when its folder's files are named one by
    /// one. A file there that is no manifest is left alone.
    static func manifestsBeside(_ templates: [Template], known: Set<String>) -> [SplitManifest] {
        var folders: [String] = []
        var seen: Set<String> = []
        for t in templates where t.path != "-" {
            let folder = t.path.lastIndex(of: "/").map { String(t.path[...$0]) } ?? ""
            if seen.insert(folder).inserted { folders.append(folder) }
        }
        return folders.compactMap { folder in
            let path = folder + "manifest.json"
            guard !known.contains(path), access(path, R_OK) == 0, let document = try? Template(contentsOf: path),
                SplitManifest.isManifest(document)
            else { return nil }
            return try? SplitManifest(document)
        }
    }

    static func today() -> String {
        var t = time(nil)
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))"
    }

    static func cores() -> Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
