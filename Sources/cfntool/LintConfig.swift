import CFNLint
import CFNModel

#if canImport(Glibc)
import Glibc
#endif

/// `.cfntool.yaml` (or, when there is none, an existing `.cfnlintrc`), found from the working
/// folder upwards:
///
/// ```yaml
/// templates: [templates/**/*.yaml]   # what `cfntool lint` checks when given no files
/// ignore_templates: [templates/old/*]
/// ignore_checks: [W2001]
/// include_checks: [I]
/// regions: [us-east-1, eu-west-1]
/// exit_codes: cfn-lint               # cfn-lint's exit codes (2, 4, 8 or-ed) instead of 0/1/2
/// deployment_files: [deploy/*.yaml]  # what `--deployment-files` would name
/// parameter_files: [params/prod.json]
/// ```
///
/// A key that is neither cfntool's nor cfn-lint's (a typo: `ignore_check`) is an error (E0003),
/// as cfn-lint refuses it; cfn-lint's own keys that cfntool has no use for are read past, so a
/// `.cfnlintrc` keeps working.
struct LintConfig {
    var path: String? = nil
    var templates: [String] = []
    var ignoreTemplates: [String] = []
    var ignoreChecks: [String] = []
    var includeChecks: [String] = []
    var regions: [String] = []
    /// `rules: {W2001: error, E3005: off}`: per-rule severity, or off.
    var severities: [String: Severity] = [:]
    var disabled: [String] = []
    /// `exit_codes: cfn-lint` or `cfntool`.
    var exitCodes: Lint.ExitCodes? = nil
    /// `deployment_files` and `parameter_files`: as the options of the same names.
    var deploymentFiles: [String] = []
    var parameterFiles: [String] = []

    /// The keys cfntool reads.
    static let keys: Set<String> = [
        "templates", "ignore_templates", "ignore_checks", "include_checks", "regions", "rules", "exit_codes",
        "deployment_files", "parameter_files",
    ]
    /// cfn-lint 1.51.0's other config keys (its config schema): read past.
    static let cfnLintKeys: Set<String> = [
        "append_rules", "configure_rules", "custom_rules", "debug", "format", "ignore_bad_template", "include_experimental",
        "mandatory_checks", "merge_configs", "non_zero_exit_code", "output_file", "override_spec", "parameters",
        "registry_schemas", "template_parameters",
    ]

    /// The nearest config file from the working folder up, or an empty config.
    static func find() throws(CFNError) -> LintConfig { try find(from: currentDirectory()) }

    /// The nearest config file from `dir` up, or an empty config.
    static func find(from start: String) throws(CFNError) -> LintConfig {
        var dir = start
        while true {
            for name in [".cfntool.yaml", ".cfntool.yml", ".cfnlintrc", ".cfnlintrc.yaml", ".cfnlintrc.yml"] {
                let path = (dir == "/" ? "" : dir) + "/" + name
                if access(path, R_OK) == 0 { return try load(path, base: dir) }
            }
            guard dir != "/", let slash = dir.lastIndex(of: "/") else { return LintConfig() }
            dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
        }
    }

    static func load(_ path: String, base: String) throws(CFNError) -> LintConfig {
        let t = try Template(contentsOf: path)
        for e in t.root.entries where !keys.contains(e.key) && !cfnLintKeys.contains(e.key) {
            let known = keys.sorted().joined(separator: ", ")
            throw CFNError(
                file: path,
                position: e.keyRange.start,
                message: "'\(e.key)' is not a setting (cfntool's: \(known))",
                kind: .structure
            )
        }
        func list(_ key: String) throws(CFNError) -> [String] {
            guard let n = t.root[key] else { return [] }
            if let s = n.scalarText { return [s] }
            guard let items = n.listValue, items.allSatisfy(\.isScalar) else {
                throw CFNError(file: path, position: n.range.start, message: "\(key) takes a list of texts", kind: .structure)
            }
            return items.compactMap(\.scalarText)
        }
        var c = LintConfig()
        c.path = path
        // Template paths in the config are relative to its folder, as cfn-lint reads them.
        let here = currentDirectory()
        let prefix = base == here ? "" : base + "/"
        c.templates = try list("templates").map { $0.hasPrefix("/") ? $0 : prefix + $0 }
        c.ignoreTemplates = try list("ignore_templates").map { $0.hasPrefix("/") ? $0 : prefix + $0 }
        c.deploymentFiles = try list("deployment_files").map { $0.hasPrefix("/") ? $0 : prefix + $0 }
        c.parameterFiles = try list("parameter_files").map { $0.hasPrefix("/") ? $0 : prefix + $0 }
        c.ignoreChecks = try list("ignore_checks")
        c.includeChecks = try list("include_checks")
        c.regions = try list("regions")
        if let e = t.root[entry: "exit_codes"] {
            guard let codes = e.value.scalarText.flatMap(Lint.ExitCodes.init(rawValue:)) else {
                throw CFNError(file: path, position: e.value.range.start, message: "exit_codes takes cfntool or cfn-lint", kind: .structure)
            }
            c.exitCodes = codes
        }
        for e in t.root["rules"]?.mapValue?.entries ?? [] {
            switch e.value.scalarText?.lowercased() {
            case "off", "false", "disabled": c.disabled.append(e.key)
            case "error": c.severities[e.key] = .error
            case "warning": c.severities[e.key] = .warning
            case "informational", "info": c.severities[e.key] = .informational
            default:
                throw CFNError(
                    file: path,
                    position: e.value.range.start,
                    message: "rules: \(e.key) takes off, error, warning or informational",
                    kind: .structure
                )
            }
        }
        return c
    }

    /// The lint options of this config, with the command line's additions (`regions` empty:
    /// the config's, else AWS_REGION / AWS_DEFAULT_REGION, else us-east-1).
    func options(ignoreChecks: [String] = [], includeChecks: [String] = [], regions: [String] = [], asOf: LintDate) -> LintOptions {
        var regionList = regions + self.regions
        if regionList.isEmpty {
            let env = getenv("AWS_REGION").map { String(cString: $0) } ?? getenv("AWS_DEFAULT_REGION").map { String(cString: $0) }
            regionList = [env ?? "us-east-1"]
        }
        var options = LintOptions(
            ignoreChecks: ignoreChecks + self.ignoreChecks + disabled,
            includeChecks: includeChecks + self.includeChecks,
            asOf: asOf,
            regions: regionList
        )
        options.severities = severities
        // A rule the config gives a severity is reported, an informational one too: it was
        // asked for (`rules: {I3011: error}` turns I3011 on and makes it an error).
        options.includeChecks += severities.keys.sorted()
        return options
    }

    static func currentDirectory() -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buf, buf.count) != nil else { return "." }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Shell-style patterns over the file system: `*`, `?`, `[...]` within a name, `**` for any
/// number of folders.
enum Glob {
    static func isPattern(_ s: String) -> Bool { s.contains("*") || s.contains("?") || s.contains("[") }

    /// The files matching `pattern`, sorted.
    static func expand(_ pattern: String) -> [String] {
        let absolute = pattern.hasPrefix("/")
        let parts = pattern.split(separator: "/").map(String.init)
        var out: [String] = []
        walk(absolute ? "/" : "", parts[...], &out)
        return out.sorted()
    }

    private static func walk(_ dir: String, _ parts: ArraySlice<String>, _ out: inout [String]) {
        guard let part = parts.first else { return }
        let rest = parts.dropFirst()
        let list = dir.isEmpty ? "." : dir
        func join(_ name: String) -> String { dir.isEmpty ? name : (dir.hasSuffix("/") ? dir + name : dir + "/" + name) }
        if part == "**" {
            walk(dir, rest, &out)
            for name in FileSystem.listDirectory(list).sorted() where !name.hasPrefix(".") && FileSystem.isDirectory(join(name)) {
                walk(join(name), parts, &out)
            }
            return
        }
        if !isPattern(part) {
            let path = join(part)
            if rest.isEmpty {
                if access(path, F_OK) == 0 { out.append(path) }
            } else if FileSystem.isDirectory(path) {
                walk(path, rest, &out)
            }
            return
        }
        for name in FileSystem.listDirectory(list).sorted() where fnmatch(part, name, FNM_PERIOD) == 0 {
            let path = join(name)
            if rest.isEmpty {
                if !FileSystem.isDirectory(path) { out.append(path) }
            } else if FileSystem.isDirectory(path) {
                walk(path, rest, &out)
            }
        }
    }

    /// Whether `path` matches `pattern` (for ignore_templates).
    static func matches(_ pattern: String, _ path: String) -> Bool {
        let p = pattern.split(separator: "/").map(String.init)
        let s = path.split(separator: "/").map(String.init)
        func go(_ i: Int, _ j: Int) -> Bool {
            if i == p.count { return j == s.count }
            if p[i] == "**" { return (j...s.count).contains { go(i + 1, $0) } }
            guard j < s.count, fnmatch(p[i], s[j], 0) == 0 else { return false }
            return go(i + 1, j + 1)
        }
        return go(0, 0)
    }
}
