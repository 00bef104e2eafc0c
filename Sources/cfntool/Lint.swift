import ArgumentParser
import CFNLint
import CFNModel

#if canImport(Glibc)
import Glibc
#endif

struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check templates: structure, intrinsic functions, references, parameters, conditions, mappings, outputs.",
        discussion: """
            FILEs may be templates, folders (searched recursively for *.yaml, *.yml, *.json and \
            *.template files that are templates) or - for standard input. Exit 0: nothing at or \
            above --fail-level; 1: findings at or above it; 2: a file could not be read or parsed \
            (its E0000 finding is reported, and the other files' findings too).
            """
    )

    @Argument(help: "Templates, folders or quoted patterns ('templates/**/*.yaml'); - for standard input. Default: the config's templates.")
    var files: [String] = []

    @Option(help: "text, json, sarif, junit, github or parseable.")
    var format: ReportFormat = .text

    @Option(help: "Write the report to this file (atomically) instead of standard output.")
    var outputFile: String?

    @Option(help: "error, warning or informational: exit 1 on findings at or above it (default warning).")
    var failLevel: FailLevel = .warning

    @Option(help: "A config file instead of the nearest .cfntool.yaml (or .cfnlintrc).")
    var config: String?

    @Option(help: "Rule ids or prefixes to skip, comma-separated or repeated (E3012,W2001 or W).")
    var ignoreChecks: [String] = []

    @Option(help: "Rule ids or prefixes to add, comma-separated or repeated (informational rules are off by default: I).")
    var includeChecks: [String] = []

    @Option(help: "Files linted at once (default: all cores).")
    var jobs: Int?

    @Option(help: "The day deprecation dates are compared with (YYYY-MM-DD; default today).")
    var asOf: String?

    @Option(help: "Regions to check the template for, comma-separated or repeated (default AWS_REGION or us-east-1).")
    var regions: [String] = []

    enum FailLevel: String, ExpressibleByArgument {
        case error, warning, informational

        var severity: Severity {
            switch self {
            case .error: return .error
            case .warning: return .warning
            case .informational: return .informational
            }
        }
    }

    func validate() throws {
        if let asOf, LintDate(asOf) == nil { throw ValidationError("--as-of takes a date as YYYY-MM-DD") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs takes 1 or more") }
    }

    func run() throws {
        let split = { (list: [String]) in list.flatMap { $0.split(separator: ",").map(String.init) } }
        var status = ExitStatus()
        let cfg: LintConfig
        do {
            cfg =
                try config.map { path throws(CFNError) in try LintConfig.load(path, base: LintConfig.currentDirectory()) }
                ?? LintConfig.find()
        } catch {
            status.failed(error)
            try status.exit()
            return
        }
        var regionList = split(regions) + cfg.regions
        if regionList.isEmpty {
            let env = getenv("AWS_REGION").map { String(cString: $0) } ?? getenv("AWS_DEFAULT_REGION").map { String(cString: $0) }
            regionList = [env ?? "us-east-1"]
        }
        var options = LintOptions(
            ignoreChecks: split(ignoreChecks) + cfg.ignoreChecks + cfg.disabled,
            includeChecks: split(includeChecks) + cfg.includeChecks,
            asOf: LintDate(asOf ?? Lint.today()) ?? LintDate("2026-01-01")!,
            regions: regionList
        )
        options.severities = cfg.severities
        // A rule raised to informational by the config is still reported: it was asked for.
        options.includeChecks += cfg.severities.filter { $0.value == .informational }.map(\.key)
        let linter = Linter(options: options)
        let inputs = files.isEmpty ? cfg.templates : files
        if inputs.isEmpty {
            throw ValidationError("no templates: name files or folders, or list them under templates: in .cfntool.yaml")
        }
        var paths: [String] = []
        for f in inputs {
            if f != "-", FileSystem.isDirectory(f) {
                paths += Lint.templates(under: f)
            } else if f != "-", Glob.isPattern(f), access(f, F_OK) != 0 {
                paths += Glob.expand(f).filter { FileSystem.isDirectory($0) == false }
            } else {
                paths.append(f)
            }
        }
        paths = paths.filter { p in !cfg.ignoreTemplates.contains { Glob.matches($0, p) } }
        let results = Parallel.map(paths, jobs: jobs ?? Lint.cores()) { path -> (findings: [Finding], failed: CFNError?) in
            let bytes: [UInt8]
            do {
                bytes = try SourceFile.read(path)
            } catch let error as CFNError {
                return ([], error)
            } catch {
                return ([], CFNError(file: path, position: .unknown, message: "\(error)", kind: .io))
            }
            let (findings, parsed) = linter.lint(bytes: bytes, path: path)
            return (findings, parsed ? nil : CFNError(file: path, position: .unknown, message: "", kind: .syntax))
        }
        var all: [Finding] = []
        var unreadable: [CFNError] = []
        var unparsable = false
        for r in results {
            all += r.findings
            if let e = r.failed {
                if e.message.isEmpty { unparsable = true } else { unreadable.append(e) }
            }
        }
        all.sort(by: Finding.sortKey)
        let color = format == .text && outputFile == nil && isatty(1) == 1 && getenv("NO_COLOR") == nil
        let report = Reporter.render(all, format: format, color: color, files: paths)
        do {
            if let outputFile { try AtomicFile.write(report, to: outputFile) } else { Console.out(bytes: report) }
        } catch {
            status.failed(error)
        }
        for e in unreadable { status.failed(e) }
        if unparsable { status.failedInReport() }
        if all.contains(where: { $0.severity >= failLevel.severity }) { status.found() }
        try status.exit()
    }

    static func today() -> String {
        var t = time(nil)
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))"
    }

    static func cores() -> Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
    /// Template files under a folder, recursively, in sorted order; hidden folders are skipped.
    static func templates(under dir: String) -> [String] {
        var out: [String] = []
        for name in FileSystem.listDirectory(dir).sorted() where !name.hasPrefix(".") {
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            if FileSystem.isDirectory(path) {
                out += templates(under: path)
            } else if [".yaml", ".yml", ".json", ".template"].contains(where: { name.hasSuffix($0) }), looksLikeTemplate(path) {
                out.append(path)
            }
        }
        return out
    }

    /// Whether a file found in a folder is a template: it mentions `Resources` or `AWSTemplateFormatVersion`.
    static func looksLikeTemplate(_ path: String) -> Bool {
        guard let bytes = try? SourceFile.read(path) else { return true }
        let s = String(decoding: bytes.prefix(1 << 20), as: UTF8.self)
        return s.contains("Resources") || s.contains("AWSTemplateFormatVersion")
    }

}

extension ReportFormat: ExpressibleByArgument {}
