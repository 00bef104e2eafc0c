import CFNModel

/// How findings are written.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// `file:line:col: E3012 message`, grouped by file (the default).
    case text
    /// cfn-lint's `--format json` shape, so existing scripts keep working.
    case json
    /// SARIF 2.1.0, for code scanning.
    case sarif
    /// JUnit XML, one test case per rule and file.
    case junit
    /// GitHub Actions workflow commands (`::error file=...,line=...::message`).
    case github
    /// One line per finding: `file:line:col:endline:endcol:E3012:message`.
    case parseable
}

/// Writes findings in a format. Findings come sorted by file and position.
public enum Reporter {
    /// The findings of a run, written in `format`. `color` applies to `text` only.
    public static func render(_ findings: [Finding], format: ReportFormat, color: Bool = false, files: [String] = []) -> [UInt8] {
        switch format {
        case .text: return Array(text(findings, color: color).utf8)
        case .json: return Formatter.json(json(findings), indent: 4)
        case .sarif: return Formatter.json(sarif(findings), indent: 2)
        case .junit: return Array(junit(findings, files: files).utf8)
        case .github: return Array(findings.map(github).joined().utf8)
        case .parseable: return Array(findings.map(parseable).joined().utf8)
        }
    }

    static func info(_ id: String) -> RuleInfo {
        RuleDocs.info(id) ?? RuleInfo(id: id, title: id, description: "")
    }

    // MARK: text

    static func text(_ findings: [Finding], color: Bool) -> String {
        var out = ""
        var last: String? = nil
        for f in findings {
            if let last, last != f.file { out += "\n" }
            last = f.file
            let id: String
            if color {
                let code = f.severity == .error ? "31" : f.severity == .warning ? "33" : "36"
                id = "\u{1B}[\(code)m\(f.ruleId)\u{1B}[0m"
            } else {
                id = f.ruleId
            }
            // A finding on what the SAM transform generated: at its SAM source, with the
            // generated resource and the line cfn-lint reports.
            let at = f.sourceRange ?? f.range
            var note: [String] = []
            if let origin = f.origin { note.append(origin) }
            if f.sourceRange != nil, at.start.line != f.range.start.line { note.append("cfn-lint: line \(f.range.start.line)") }
            if let fix = f.fix { note.append(fix.safety == .safe ? "fix: --fix" : "unsafe fix: --fix --unsafe-fixes") }
            let suffix = note.isEmpty ? "" : " (\(note.joined(separator: "; ")))"
            out += "\(f.file):\(at.start.line):\(at.start.column): \(id) \(f.message)\(suffix)\n"
        }
        return out
    }

    // MARK: json (cfn-lint's shape)

    static func json(_ findings: [Finding]) -> Node {
        func num(_ n: Int) -> Node { Node(.number(Number(n))) }
        func position(_ p: SourcePosition) -> Node {
            var m = Map()
            m["ColumnNumber"] = num(p.column)
            m["LineNumber"] = num(p.line)
            return Node(.map(m))
        }
        return Node(
            .list(
                findings.map { f in
                    let i = info(f.ruleId)
                    var loc = Map()
                    let end = f.range.end.line > 0 ? f.range.end : f.range.start
                    loc["End"] = position(end)
                    loc["Path"] = f.path.isEmpty ? Node(.null) : Node(.list(f.path.map { p in Int(p).map(num) ?? .string(p) }))
                    loc["Start"] = position(f.range.start)
                    var rule = Map()
                    rule["Description"] = .string(i.description)
                    rule["Id"] = .string(f.ruleId)
                    rule["ShortDescription"] = .string(i.title)
                    rule["Source"] = .string("https://github.com/aws-cloudformation/cfn-lint")
                    var m = Map()
                    m["Filename"] = .string(f.file)
                    m["Id"] = .string(fingerprint(f))
                    m["Level"] = .string(f.severity.level)
                    m["Location"] = Node(.map(loc))
                    m["Message"] = .string(f.message)
                    m["ParentId"] = Node(.null)
                    m["Rule"] = Node(.map(rule))
                    if let fix = f.fix { m["Fix"] = fixNode(fix) }
                    return Node(.map(m))
                }
            )
        )
    }
    /// A finding's fix: its title, safety, and byte-offset edits (`Start`, `End`, `Text`).
    static func fixNode(_ fix: Fix) -> Node {
        var m = Map()
        m["Title"] = .string(fix.title)
        m["Safety"] = .string(fix.safety.rawValue)
        m["Edits"] = Node(
            .list(
                fix.edits.map { e in
                    var edit = Map()
                    edit["Start"] = Node(.number(Number(e.start)))
                    edit["End"] = Node(.number(Number(e.end)))
                    edit["Text"] = .string(e.text)
                    return Node(.map(edit))
                }
            )
        )
        return Node(.map(m))
    }

    /// A stable id for a finding: rule, file, position and message hashed.
    static func fingerprint(_ f: Finding) -> String {
        FNV1a.hex("\(f.ruleId)|\(f.file)|\(f.range.start.line)|\(f.range.start.column)|\(f.message)".utf8)
    }

    // MARK: sarif

    static func sarif(_ findings: [Finding]) -> Node {
        func str(_ s: String) -> Node { .string(s) }
        func obj(_ pairs: [(String, Node)]) -> Node {
            var m = Map()
            for (k, v) in pairs { m[k] = v }
            return Node(.map(m))
        }
        func num(_ n: Int) -> Node { Node(.number(Number(n))) }
        let ids = Array(Set(findings.map(\.ruleId))).sorted()
        let rules = ids.map { id -> Node in
            let i = info(id)
            return obj([
                ("id", str(id)), ("name", str(i.title.replacingSpaces())),
                ("shortDescription", obj([("text", str(i.title))])),
                ("fullDescription", obj([("text", str(i.description.isEmpty ? i.title : i.description))])),
                ("defaultConfiguration", obj([("level", str(sarifLevel(i.severity)))])),
            ])
        }
        let results = findings.map { f -> Node in
            var region: [(String, Node)] = [
                ("startLine", num(max(f.range.start.line, 1))), ("startColumn", num(max(f.range.start.column, 1))),
            ]
            if f.range.end.line >= f.range.start.line && f.range.end.line > 0 {
                region += [("endLine", num(f.range.end.line)), ("endColumn", num(max(f.range.end.column, 1)))]
            }
            // SARIF's fix: the replacements by byte offset, for a viewer that applies them.
            let fixes: [(String, Node)] =
                f.fix.map { fix in
                    let replacements = fix.edits.map { e in
                        obj([
                            ("deletedRegion", obj([("byteOffset", num(e.start)), ("byteLength", num(e.end - e.start))])),
                            ("insertedContent", obj([("text", str(e.text))])),
                        ])
                    }
                    let change = obj([("artifactLocation", obj([("uri", str(f.file))])), ("replacements", Node(.list(replacements)))])
                    return [
                        (
                            "fixes",
                            Node(
                                .list([obj([("description", obj([("text", str(fix.title))])), ("artifactChanges", Node(.list([change])))])])
                            )
                        )
                    ]
                } ?? []
            return obj(
                [
                    ("ruleId", str(f.ruleId)), ("ruleIndex", num(ids.firstIndex(of: f.ruleId) ?? 0)),
                    ("level", str(sarifLevel(f.severity))),
                    ("message", obj([("text", str(f.message))])),
                    (
                        "locations",
                        Node(
                            .list([
                                obj([
                                    (
                                        "physicalLocation",
                                        obj([
                                            ("artifactLocation", obj([("uri", str(f.file))])),
                                            ("region", obj(region)),
                                        ])
                                    )
                                ])
                            ])
                        )
                    ),
                ] + fixes
            )
        }
        let driver = obj([
            ("name", str("cfntool")), ("informationUri", str("https://github.com/cfntool/cfntool")), ("version", str(Release.version)),
            ("rules", Node(.list(rules))),
        ])
        let run = obj([("tool", obj([("driver", driver)])), ("results", Node(.list(results)))])
        return obj([
            ("$schema", str("https://json.schemastore.org/sarif-2.1.0.json")), ("version", str("2.1.0")), ("runs", Node(.list([run]))),
        ])
    }

    static func sarifLevel(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .informational: return "note"
        }
    }

    // MARK: junit

    static func junit(_ findings: [Finding], files: [String]) -> String {
        var byFile: [String: [Finding]] = [:]
        for f in findings { byFile[f.file, default: []].append(f) }
        let all = Array(Set(files + findings.map(\.file))).sorted()
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"cfntool lint\" tests=\"\(all.count)\" failures=\"\(byFile.count)\">\n"
        for file in all {
            let fs = byFile[file] ?? []
            out += "  <testsuite name=\"\(xml(file))\" tests=\"1\" failures=\"\(fs.isEmpty ? 0 : 1)\">\n"
            out += "    <testcase classname=\"cfntool.lint\" name=\"\(xml(file))\""
            if fs.isEmpty {
                out += "/>\n"
            } else {
                out += ">\n"
                for f in fs {
                    out +=
                        "      <failure type=\"\(f.ruleId)\" message=\"\(xml(f.message))\">\(xml("\(f.file):\(f.range.start.line):\(f.range.start.column): \(f.ruleId) \(f.message)"))</failure>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    static func xml(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if ch.value < 0x20 && ch != "\n" && ch != "\t" { out += " " } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }

    // MARK: github, parseable

    /// `::error file=F,line=L,col=C,endLine=..,endColumn=..,title=E3012::message`, with the
    /// workflow-command escapes (`%`, CR, LF; also `:` and `,` in properties).
    static func github(_ f: Finding) -> String {
        let level = f.severity == .error ? "error" : f.severity == .warning ? "warning" : "notice"
        func data(_ s: String) -> String {
            s.replacingAll("%", "%25").replacingAll("\r", "%0D").replacingAll("\n", "%0A")
        }
        func prop(_ s: String) -> String { data(s).replacingAll(":", "%3A").replacingAll(",", "%2C") }
        var props = "file=\(prop(f.file)),line=\(f.range.start.line),col=\(f.range.start.column)"
        if f.range.end.line > 0 { props += ",endLine=\(f.range.end.line),endColumn=\(f.range.end.column)" }
        props += ",title=\(prop(f.ruleId + " " + info(f.ruleId).title))"
        return "::\(level) \(props)::\(data(f.message))\n"
    }

    static func parseable(_ f: Finding) -> String {
        let end = f.range.end.line > 0 ? f.range.end : f.range.start
        return
            "\(f.file):\(f.range.start.line):\(f.range.start.column):\(end.line):\(end.column):\(f.ruleId):\(f.message.replacingAll("\n", " "))\n"
    }
}

extension String {
    func replacingAll(_ a: String, _ b: String) -> String {
        guard contains(a) else { return self }
        return split(separator: a, omittingEmptySubsequences: false).joined(separator: b)
    }

    func replacingSpaces() -> String {
        String(unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
    }
}
