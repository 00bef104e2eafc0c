import CFNModel
import CFNSAM

/// Settings of a lint run.
public struct LintOptions: Sendable {
    /// Rule ids (or prefixes: `W`, `E30`) never reported.
    public var ignoreChecks: [String]
    /// Rule ids (or prefixes) reported although off by default (informational rules).
    public var includeChecks: [String]
    /// The day deprecation dates are compared with.
    public var asOf: LintDate
    /// Regions the template is checked for.
    public var regions: [String]
    /// Per-rule severity, from a config file's `rules:` (`W2001: error`).
    public var severities: [String: Severity] = [:]
    /// Threads one template's rules run on (1: the calling thread alone). Worth it for one big
    /// template; a run of many templates keeps the cores busy with one template each.
    public var ruleJobs = 1

    /// Creates options.
    public init(
        ignoreChecks: [String] = [],
        includeChecks: [String] = [],
        asOf: LintDate = LintDate("2026-11-25")!,
        regions: [String] = ["us-east-1"]
    ) {
        self.ignoreChecks = ignoreChecks
        self.includeChecks = includeChecks
        self.asOf = asOf
        self.regions = regions
    }
}

/// Runs the rules over templates and applies what silences them: `--ignore-checks`, the
/// template's and each resource's `Metadata: cfn-lint: config: ignore_checks`, and inline
/// `# cfntool: ignore E3012` comments on or above a line.
public struct Linter: Sendable {
    /// Every rule, in id order.
    public static let rules: [any Rule.Type] = RuleRegistry.all.sorted { $0.info.id < $1.info.id }

    /// The run's settings.
    public let options: LintOptions

    /// Creates a linter.
    public init(options: LintOptions = LintOptions()) { self.options = options }

    /// This linter for one of `templates` linted at once on `cores` threads: each template's
    /// rules get the cores the templates leave free.
    public func sharingCores(_ cores: Int, among templates: Int) -> Linter {
        var shared = options
        shared.ruleJobs = max(1, cores / max(1, templates))
        return Linter(options: shared)
    }

    /// Whether a rule runs under these options.
    public func enabled(_ id: String) -> Bool {
        if options.ignoreChecks.contains(where: { id.hasPrefix($0) }) { return false }
        if id.hasPrefix("I") { return options.includeChecks.contains { id.hasPrefix($0) } }
        return true
    }

    /// Whether a rule runs: its id is enabled, and for a constraint documented on its own,
    /// E3000 (all the constraints) too.
    func runs(_ rule: any Rule.Type) -> Bool {
        enabled(rule.info.id) && (rule.familyId.map(enabled) ?? true)
    }

    /// Lints the bytes of one file: a file that cannot be parsed, or is no CloudFormation
    /// template (`Template.notTemplateReason`), is one E0000 finding.
    public func lint(bytes: [UInt8], path: String) -> (findings: [Finding], parsed: Bool) {
        let template: Template
        do {
            template = try Template(templateBytes: bytes, path: path)
        } catch {
            return (enabled(ParseError.info.id) ? [Linter.finding(for: error)] : [], false)
        }
        return (lint(template, bytes: bytes), true)
    }

    /// The E0000 finding for a file that cannot be read or decoded, or is no template: at the
    /// error's position (line 1, column 1 when it has none). `ruleId` files it under another id
    /// (E0003 for a config file's error).
    public static func finding(for error: CFNError, ruleId: String = "E0000") -> Finding {
        let pos = SourcePosition(
            line: max(error.position.line, 1),
            column: max(error.position.column, 1),
            offset: max(error.position.offset, 0)
        )
        return Finding(
            ruleId: ruleId,
            severity: Severity(ruleId: ruleId),
            message: error.message,
            file: error.file,
            range: SourceRange(start: pos, end: pos)
        )
    }

    /// Lints a decoded template; `bytes` (its source) lets inline comments silence findings.
    /// `hierarchy` holds the templates linted in the same run (this one at index `member`):
    /// rules then know a nested stack's template, and follow values across stacks.
    /// A template that declares the SAM transform is linted as cfn-lint does: what the transform
    /// makes of it (`lintServerless`).
    public func lint(
        _ template: Template,
        bytes: [UInt8]? = nil,
        in hierarchy: StackHierarchy? = nil,
        member: Int = 0,
        parameterSets: [ParameterSet] = []
    ) -> [Finding] {
        if SAMTransform.isDeclared(in: template) {
            return finish(
                lintServerless(template, bytes: bytes, in: hierarchy, member: member, parameterSets: parameterSets),
                template,
                bytes
            )
        }
        return finish(
            run(template, bodyBytes: bytes?.count, in: hierarchy, member: member, text: bytes, parameterSets: parameterSets),
            template,
            bytes
        )
    }

    /// Every enabled rule's findings on `template`.
    /// `only`: just the rules with these ids; `skipping`: not those.
    func run(
        _ template: Template,
        bodyBytes: Int?,
        in hierarchy: StackHierarchy?,
        member: Int,
        source: Template? = nil,
        text: [UInt8]? = nil,
        only: Set<String>? = nil,
        skipping: Set<String> = [],
        parameterSets: [ParameterSet] = []
    ) -> [Finding] {
        var context = LintContext(
            template: template,
            graph: DependencyGraph(template),
            bodyBytes: bodyBytes ?? Formatter.render(template).count,
            asOf: options.asOf,
            regions: options.regions,
            hierarchy: hierarchy,
            member: member
        )
        context.source = source
        context.text = text.map { FixSource(bytes: $0, format: (source ?? template).format) }
        context.parameterSets = parameterSets
        let selected = Linter.rules.filter { rule in
            runs(rule) && !skipping.contains(rule.info.id) && only.map({ $0.contains(rule.info.id) }) != false
        }
        var findings: [Finding] = []
        if options.ruleJobs > 1 {
            findings = Linter.check(selected, context, lanes: options.ruleJobs)
        } else {
            for rule in selected { rule.init().check(context, into: &findings) }
        }
        // A rule may report under another rule's id (a function checked as part of the one
        // around it, as cfn-lint does): `--ignore-checks` applies to the id reported.
        return findings.filter { enabled($0.ruleId) }
    }

    /// One job of a run on several lanes: a slice of the schema check, or a rule.
    private enum Job: Sendable {
        case schemaSlice(SchemaCheck.InParts, Int)
        case rule(any Rule.Type)
    }

    /// `rules` on `lanes` threads, their findings in the order one thread gives them. When a
    /// rule reads the schema check, its slices are the first jobs, so both lanes share the
    /// biggest piece of work before they take the rules.
    private static func check(_ rules: [any Rule.Type], _ context: LintContext, lanes: Int) -> [Finding] {
        var jobs: [Job] = []
        if rules.contains(where: { $0.usesSchemaCheck }), let plan = SchemaCheck.Plan(context) {
            let parts = SchemaCheck.InParts(plan, lanes: lanes)
            context.shared.schemaInParts.withLock { $0 = parts }
            jobs = parts.slices.indices.map { .schemaSlice(parts, $0) }
        }
        jobs += rules.map { .rule($0) }
        let found = Parallel.map(jobs, jobs: lanes) { job -> [Finding] in
            switch job {
            case .schemaSlice(let parts, let i):
                parts.check(slice: i, context)
                return []
            case .rule(let rule):
                var out: [Finding] = []
                rule.init().check(context, into: &out)
                return out
            }
        }
        return found.flatMap { $0 }
    }

    /// The findings silenced (by `template`'s metadata and `bytes`' comments), given their
    /// configured severities, without duplicates, sorted.
    func finish(_ findings: [Finding], _ template: Template, _ bytes: [UInt8]?) -> [Finding] {
        var findings = silence(findings, template, bytes)
        if !options.severities.isEmpty {
            for i in findings.indices { if let s = options.severities[findings[i].ruleId] { findings[i].severity = s } }
        }
        var seen: Set<Finding> = []
        return findings.filter { seen.insert($0).inserted }.sorted(by: Finding.sortKey)
    }

    private func silence(_ findings: [Finding], _ template: Template, _ bytes: [UInt8]?) -> [Finding] {
        let fileIgnores = Linter.ignoreChecks(in: template.root["Metadata"])
        var resourceIgnores: [(start: Int, end: Int, ids: [String])] = []
        for r in template.resources {
            let ids = Linter.ignoreChecks(in: r.node["Metadata"])
            if !ids.isEmpty { resourceIgnores.append((r.idRange.start.offset, r.node.range.end.offset, ids)) }
        }
        let lineIgnores = bytes.map(Linter.inlineIgnores) ?? [:]
        return findings.filter { f in
            if fileIgnores.contains(where: { f.ruleId.hasPrefix($0) }) { return false }
            // A finding in a deployment or parameter file has no place in the template's text.
            if f.file != template.path { return true }
            // A finding on what the SAM transform generated is silenced where its SAM source is.
            let at = f.sourceRange ?? f.range
            let o = at.start.offset
            for r in resourceIgnores where o >= r.start && o <= r.end && r.ids.contains(where: { f.ruleId.hasPrefix($0) }) { return false }
            if let ids = lineIgnores[at.start.line], ids.contains(where: { $0 == "*" || f.ruleId.hasPrefix($0) }) { return false }
            return true
        }
    }

    /// `Metadata: cfn-lint: config: ignore_checks: [...]`.
    static func ignoreChecks(in metadata: Node?) -> [String] {
        guard let checks = metadata?["cfn-lint"]?["config"]?["ignore_checks"] else { return [] }
        if let s = checks.stringValue { return [s] }
        return checks.listValue?.compactMap(\.stringValue) ?? []
    }

    /// Line -> rule ids silenced by `# cfntool: ignore ID ...` comments: a comment at the end of
    /// a line silences that line; a comment alone on its line silences the next one.
    static func inlineIgnores(_ bytes: [UInt8]) -> [Int: [String]] {
        let marker = Array("cfntool: ignore".utf8)
        var out: [Int: [String]] = [:]
        var line = 1
        var lineStart = 0
        var i = 0
        let n = bytes.count
        while i < n {
            if bytes[i] == 10 {
                line += 1
                lineStart = i + 1
            } else if bytes[i] == UInt8(ascii: "#"), i + 1 + marker.count <= n {
                var j = i + 1
                while j < n && bytes[j] == 32 { j += 1 }
                if j + marker.count <= n && Array(bytes[j..<(j + marker.count)]) == marker {
                    var e = j + marker.count
                    while e < n && bytes[e] != 10 { e += 1 }
                    let rest = String(decoding: bytes[(j + marker.count)..<e], as: UTF8.self)
                    var ids = rest.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\r" }).map(String.init)
                    if ids.isEmpty { ids = ["*"] }
                    let alone = bytes[lineStart..<i].allSatisfy { $0 == 32 || $0 == 9 }
                    out[alone ? line + 1 : line, default: []] += ids
                    i = e
                    continue
                }
            }
            i += 1
        }
        return out
    }
}
