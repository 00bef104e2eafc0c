import CFNLint
import CFNModel

#if canImport(Glibc)
import Glibc
#endif

/// What `lint --deployment-files` and `--parameter-files` add to a run: the templates the
/// deployment files name, the parameter values each template is checked with, and the findings
/// of the files that cannot be used (E0000 unreadable, E0003 a pattern that matches nothing,
/// E0100 / E0200 not a deployment / parameter file).
struct DeploymentInputs {
    /// The templates named by deployment files, in the order first named.
    var templates: [String] = []
    /// The parameter sets of each template path (`--parameter-files`: under `""`, for every
    /// template of the run).
    var sets: [String: [ParameterSet]] = [:]
    /// The findings on files that cannot be used; each makes the exit 2.
    var failures: [Finding] = []
    /// The files read, for reports that list every file.
    var files: [String] = []

    /// The parameter sets `template` is checked with.
    func sets(for template: String) -> [ParameterSet] { sets[template] ?? sets[""] ?? [] }

    /// Reads the deployment files `arguments` (files or quoted patterns): each one's template
    /// path is read from the working folder, as cfn-lint reads it.
    static func deployments(_ arguments: [String]) -> DeploymentInputs {
        var out = DeploymentInputs()
        for path in out.expand(arguments) {
            guard let bytes = out.read(path) else { continue }
            switch DeploymentFile.read(bytes, path: path) {
            case .failure(let e): out.failures.append(e.finding)
            case .success(let d):
                let template = normalized(d.templatePath)
                if access(template, F_OK) != 0 {
                    out.failures.append(
                        Finding(
                            ruleId: "E0100",
                            severity: .error,
                            message:
                                "template-file-path names \(d.templatePath), and there is no such file (it is read from the working folder)",
                            file: path,
                            range: d.templatePathRange
                        )
                    )
                    continue
                }
                if out.sets[template] == nil { out.templates.append(template) }
                out.sets[template, default: []].append(d.parameters)
            }
        }
        return out
    }

    /// Reads the parameter files `arguments` (files or quoted patterns): their sets apply to
    /// every template of the run.
    static func parameterFiles(_ arguments: [String]) -> DeploymentInputs {
        var out = DeploymentInputs()
        var sets: [ParameterSet] = []
        for path in out.expand(arguments) {
            guard let bytes = out.read(path) else { continue }
            switch ParameterSet.read(parameterFile: bytes, path: path) {
            case .failure(let e): out.failures.append(e.finding)
            case .success(let set): sets.append(set)
            }
        }
        out.sets[""] = sets
        return out
    }

    /// The files of `arguments`: a quoted pattern gives the files it matches (sorted), or an
    /// E0003 finding when it matches none.
    private mutating func expand(_ arguments: [String]) -> [String] {
        var paths: [String] = []
        for argument in arguments {
            if Glob.isPattern(argument), access(argument, F_OK) != 0 {
                let found = Glob.expand(argument).filter { !FileSystem.isDirectory($0) }
                if found.isEmpty {
                    let start = SourcePosition(line: 1, column: 1, offset: 0)
                    failures.append(
                        Finding(
                            ruleId: "E0003",
                            severity: .error,
                            message: "no file matches this pattern",
                            file: argument,
                            range: SourceRange(start: start, end: start)
                        )
                    )
                    files.append(argument)
                }
                paths += found
            } else {
                paths.append(argument)
            }
        }
        files += paths
        return paths
    }

    /// The bytes of `path`, or nil after an E0000 finding that says why they cannot be read.
    private mutating func read(_ path: String) -> [UInt8]? {
        do {
            return try SourceFile.read(path)
        } catch {
            failures.append(Linter.finding(for: error))
            return nil
        }
    }

    /// `path` written the way cfn-lint keys it: relative to the working folder when it is under
    /// it, without `./` and empty components, so that two deployment files naming one template
    /// differently lint it once.
    static func normalized(_ path: String) -> String {
        var p = path
        let cwd = LintConfig.currentDirectory()
        if p.hasPrefix(cwd + "/") { p = String(p.dropFirst(cwd.count + 1)) }
        let absolute = p.hasPrefix("/")
        let parts = p.split(separator: "/").filter { $0 != "." }
        return (absolute ? "/" : "") + parts.joined(separator: "/")
    }
}
