import CFNModel
import CFNSAM

struct Count: Command {
    static let spec = CommandSpec(
        name: "count",
        abstract: "Count what CloudFormation's template quotas limit, and show how close each template is.",
        discussion: """
            For each template: resources (500), parameters (200), outputs (200), mappings (200), \
            mapping attributes (200 under one top-level key), name length (255), template bytes \
            (1,000,000 through S3; 51,200 inline with --template-body, a warning only) and \
            description bytes (1,024), then the resources by type. EXCEEDED marks a quota over \
            its limit, WARNING a soft one (the inline size) over it, 'near limit' one at 90% or \
            more.

            A template that declares Transform: AWS::Serverless-2016-10-31 is counted as \
            CloudFormation deploys it: the SAM transform's output (the template bytes are the \
            file's, what is sent). Then each SAM resource is listed with the resources it \
            expands to, biggest first ("GetUserFn -> 5: Function, Role, Permission x2, \
            Version"). A template with AWS::Serverless::* resources but no Transform line, or \
            with another transform, is counted as written. A SAM template the transform \
            refuses exits 2, each error as file:line:col: [LogicalId] message.

            FILEs may be templates, folders (searched recursively for *.yaml, *.yml, *.json and \
            *.template files that are templates; a manifest.json found there is skipped) or \
            quoted patterns. A named file that is no CloudFormation template exits 2 with "not a \
            CloudFormation template" (--only-templates skips it), as does a folder or pattern \
            that gives no template.

            A FILE that is a split manifest (a JSON object with "parent" and "stacks": \
            {name: {"file": ...}}, as cfntool split writes) counts every template it lists, \
            relative to its folder, and adds the resources across the whole hierarchy against \
            the 2,500 that one operation may create (a warning only: the first deploy of a \
            bigger hierarchy must be staged).

            --format json prints one array: for each template {"file", "kind": "template", \
            "format", "bytes", "quotas": [{"id", "title", "used", "limit", "hard", "exceeded", \
            "nearLimit", "subject", "line"}], "resourcesByType": {type: count}} (with "manifest" \
            when a manifest listed it; under the SAM transform with "transform": {"name", \
            "resourcesAsWritten", "expansions": [{"logicalId", "type", "line", "resources", \
            "byType": {type: count}}]}), and for each manifest {"file", "kind": "manifest", \
            "templates": [paths], "quotas": [...]}.

            Exit codes: 0 every template within its quotas; 1 a hard quota exceeded; 2 a file \
            could not be read or parsed, or is no template, or a folder or pattern gave none (the \
            other files are still counted); 64 usage error.
            """,
        options: [
            .choice("format", OutputFormat.self, default: .text, help: "Output format: text or json."),
            .text(
                "region",
                help: "Under the SAM transform: the region it runs for (default AWS_REGION, AWS_DEFAULT_REGION or us-east-1)."
            ),
        ] + TransformInputs.options + TemplateSelection.options,
        arguments: [
            ArgumentSpec(
                name: "FILE",
                required: true,
                repeats: true,
                help: "Templates, folders, quoted patterns or split manifests (- for standard input)."
            )
        ]
    )

    enum OutputFormat: String, CaseIterable {
        case text, json
    }

    var format: OutputFormat
    var files: [String]
    var region: String?
    var transform: TransformInputs
    var selection: TemplateSelection

    init(_ arguments: ParsedArguments) throws(UsageError) {
        format = arguments.choice("format", as: OutputFormat.self) ?? .text
        files = arguments.words("FILE")
        region = arguments.value("region")
        transform = try TransformInputs(arguments)
        selection = TemplateSelection(arguments)
    }

    func run() throws {
        var status = ExitStatus()
        var reports: [Node] = []
        TemplateFiles(files).forEachTemplate(
            onlyTemplates: selection.onlyTemplates,
            status: &status,
            manifest: { _, document, status in
                do {
                    countManifest(try SplitManifest(document), status: &status, reports: &reports)
                } catch {
                    status.failed(error)
                }
            },
            { _, template, bytes, status in
                let deployed = try Deployed.of(template, options: transformOptions)
                emit(report(deployed, bytes: bytes.count, manifest: nil), status: &status, reports: &reports)
            }
        )
        if format == .json { Console.out(bytes: Formatter.json(Node(.list(reports)))) }
        try status.exit()
    }

    /// The transform's options; a serverless-repository application without a URL gets a
    /// placeholder: its one `AWS::CloudFormation::Stack` counts the same whatever the URL.
    private var transformOptions: SAMTransform.Options {
        var options = transform.options(region: region ?? Environment.region)
        if options.sarTemplateURLs["*"] == nil {
            options.sarTemplateURLs["*"] = "https://serverless-repository.invalid/template-url-not-given"
        }
        return options
    }

    private func countManifest(_ manifest: SplitManifest, status: inout ExitStatus, reports: inout [Node]) {
        var total = 0
        let paths = manifest.templatePaths
        for path in paths {
            do {
                let (t, bytes) = try Template.read(path)
                let r = report(try Deployed.of(t, options: transformOptions), bytes: bytes.count, manifest: manifest.path)
                total += r.usages.first { $0.quota == .resources }?.used ?? 0
                emit(r, status: &status, reports: &reports)
            } catch {
                status.failed(error)
            }
        }
        let usage = QuotaUsage(quota: .hierarchyResources, used: total)
        switch format {
        case .text:
            var lines = ["\(manifest.path): split manifest, \(paths.count) templates (parent and \(paths.count - 1) nested stacks)"]
            lines += table([usage])
            Console.out(lines.joined(separator: "\n") + "\n")
        case .json:
            reports.append(
                object([
                    ("file", .string(manifest.path)), ("kind", .string("manifest")), ("templates", Node(.list(paths.map(Node.string)))),
                    ("quotas", Node(.list([json(usage)]))),
                ])
            )
        }
    }

    private struct Report {
        /// What is counted: the processed template under the SAM transform.
        var template: Template
        var bytes: Int
        var manifest: String?
        var usages: [QuotaUsage]
        /// Under the SAM transform: the source's resource count, and what each SAM resource made.
        var sam: (written: Int, expansions: [Expansion])?
    }

    private func report(_ d: Deployed, bytes: Int, manifest: String?) -> Report {
        Report(
            template: d.template,
            bytes: bytes,
            manifest: manifest,
            usages: d.template.quotaUsage(bodyBytes: bytes),
            sam: d.isSAM ? (d.source.resources.count, d.output.expansions(of: d.source)) : nil
        )
    }

    private func emit(_ r: Report, status: inout ExitStatus, reports: inout [Node]) {
        if r.usages.contains(where: \.fails) { status.found() }
        switch format {
        case .text:
            var head = "\(r.template.path): \(r.template.format.rawValue), \(r.bytes) bytes"
            if let sam = r.sam {
                head += "; Transform \(SAMTransform.name): \(sam.written) resources as written, \(r.template.resources.count) deployed"
            }
            var lines = [head]
            lines += table(r.usages)
            let counts = r.template.resourceTypeCounts
            if !counts.isEmpty {
                lines.append("  resources by type:")
                for c in counts { lines.append("    \(String(c.count).leftPad(5)) \(c.type ?? "(no Type)")") }
            }
            if let sam = r.sam, !sam.expansions.isEmpty {
                lines.append("  SAM resources, by the resources they expand to:")
                for e in sam.expansions { lines.append("    \(e.logicalId) -> \(e.resources.count): \(e.summary)") }
            }
            Console.out(lines.joined(separator: "\n") + "\n")
        case .json:
            var byType: [Map.Entry] = []
            for c in r.template.resourceTypeCounts {
                byType.append(Map.Entry(key: c.type ?? "(no Type)", value: Node(.number(Number(c.count)))))
            }
            var pairs: [(String, Node)] = [("file", .string(r.template.path)), ("kind", .string("template"))]
            if let m = r.manifest { pairs.append(("manifest", .string(m))) }
            pairs += [
                ("format", .string(r.template.format.rawValue)), ("bytes", Node(.number(Number(r.bytes)))),
                ("quotas", Node(.list(r.usages.map(json)))), ("resourcesByType", Node(.map(Map(byType)))),
            ]
            if let sam = r.sam {
                let expansions = sam.expansions.map { e in
                    object([
                        ("logicalId", .string(e.logicalId)), ("type", .string(e.type)),
                        ("line", e.range.isKnown ? Node(.number(Number(e.range.start.line))) : Node(.null)),
                        ("resources", Node(.number(Number(e.resources.count)))),
                        ("byType", object(e.types.map { ($0.type, Node(.number(Number($0.count)))) })),
                    ])
                }
                pairs.append(
                    (
                        "transform",
                        object([
                            ("name", .string(SAMTransform.name)), ("resourcesAsWritten", Node(.number(Number(sam.written)))),
                            ("expansions", Node(.list(expansions))),
                        ])
                    )
                )
            }
            reports.append(object(pairs))
        }
    }

    /// The aligned quota table: name, used and limit, then a mark (EXCEEDED, near limit) and
    /// what the number is about.
    private func table(_ usages: [QuotaUsage]) -> [String] {
        var rows = [["quota", "used", "limit", ""]]
        for u in usages {
            let notes = [mark(u), u.subject.map(shortened) ?? ""].filter { !$0.isEmpty }
            rows.append([u.quota.title, String(u.used), String(u.quota.limit), notes.joined(separator: "  ")])
        }
        var widths = [0, 0, 0]
        for row in rows { for k in 0..<3 { widths[k] = max(widths[k], row[k].count) } }
        return rows.map { row in
            let cells = [row[0].rightPad(widths[0]), row[1].leftPad(widths[1]), row[2].leftPad(widths[2]), row[3]]
            return "  " + trimmedRight(cells.joined(separator: "  "))
        }
    }

    private func mark(_ u: QuotaUsage) -> String {
        let advice = u.quota.advice.isEmpty ? "" : ": " + u.quota.advice
        if u.exceeded { return (u.quota.isHard ? "EXCEEDED" : "WARNING") + advice }
        return u.nearLimit ? "near limit" : ""
    }

    /// Long names (up to 255 characters, more when over the quota) cut for the table.
    private func shortened(_ s: String) -> String {
        s.count <= 48 ? s : String(s.prefix(40)) + "... (\(s.count) chars)"
    }

    private func trimmedRight(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t = t.dropLast() }
        return String(t)
    }

    private func json(_ u: QuotaUsage) -> Node {
        object([
            ("id", .string(u.quota.id)), ("title", .string(u.quota.title)), ("used", Node(.number(Number(u.used)))),
            ("limit", Node(.number(Number(u.quota.limit)))), ("hard", Node(.bool(u.quota.isHard))), ("exceeded", Node(.bool(u.exceeded))),
            ("nearLimit", Node(.bool(u.nearLimit))), ("subject", u.subject.map(Node.string) ?? Node(.null)),
            ("line", u.range.isKnown ? Node(.number(Number(u.range.start.line))) : Node(.null)),
        ])
    }

    private func object(_ pairs: [(String, Node)]) -> Node {
        Node(.map(Map(pairs.map { Map.Entry(key: $0.0, value: $0.1) })))
    }
}

extension String {
    func rightPad(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
