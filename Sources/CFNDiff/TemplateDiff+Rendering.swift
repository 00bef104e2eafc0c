import CFNModel
import CFNSAM

extension TemplateDiff {
    /// The output formats of `render(as:color:)`.
    public enum OutputFormat: String, Sendable, CaseIterable {
        /// One line per resource with its impact, the changed values under it.
        case text
        /// A pull-request comment.
        case markdown
        /// For machines (see the README for the schema).
        case json
    }

    /// The diff as text, Markdown or JSON. `color` adds ANSI colours to text.
    public func render(as format: OutputFormat, color: Bool = false) -> String {
        switch format {
        case .text: return renderText(color: color)
        case .markdown: return renderMarkdown()
        case .json: return String(decoding: Formatter.json(jsonNode()), as: UTF8.self)
        }
    }

    /// `1 replace, 2 update, 1 add`, most serious first; `no differences` when empty.
    /// `1 will fail; ...` first when a change will fail.
    public var summary: String {
        if isEmpty { return "no differences" }
        let c = counts
        var parts = Impact.allCases.sorted { $0 > $1 }.compactMap { i in c[i].map { "\($0) \(i.rawValue)" } }
        if !sections.isEmpty { parts.append("\(sections.count) other change\(sections.count == 1 ? "" : "s")") }
        let failing = failures.count
        return (failing > 0 ? "\(failing) will fail; " : "") + parts.joined(separator: ", ")
    }

    /// Whether the diff compares split hierarchies and a change sits in a nested stack.
    private var showsStacks: Bool { resources.contains { $0.stack != nil || $0.oldStack != nil } }

    // MARK: text

    private static func symbol(_ i: Impact) -> String {
        switch i {
        case .added: return "+"
        case .removed, .orphaned: return "-"
        case .updated: return "~"
        case .mayReplace: return "?"
        case .replaced: return "!"
        case .renamed, .moved: return ">"
        }
    }

    private static func colorCode(_ i: Impact) -> String {
        switch i {
        case .added: return "32"
        case .removed, .replaced: return "31"
        case .updated, .mayReplace, .orphaned: return "33"
        case .renamed, .moved: return "36"
        }
    }

    /// The reasons to print: a rename's or move's first one says what its headline says.
    private static func shownReasons(_ r: ResourceChange) -> ArraySlice<String> {
        r.impact == .renamed || r.impact == .moved ? r.reasons.dropFirst() : r.reasons[...]
    }

    private static func stackName(_ s: String?) -> String { s.map { "nested stack \($0)" } ?? "the parent" }

    private static func headline(_ r: ResourceChange) -> String {
        var s = "\(r.logicalId)  \(r.type ?? "(no Type)")  "
        switch r.impact {
        case .renamed: s += "renamed from \(r.renamedFrom ?? "?") (delete + create unless refactored)"
        case .moved: s += "moved from \(stackName(r.oldStack)) to \(stackName(r.stack)) (create + delete unless refactored)"
        case .orphaned: s += "orphan (DeletionPolicy: Retain: removed from the stack, kept in the account)"
        case .replaced: s += "REPLACE"
        default: s += r.impact.rawValue
        }
        return s
    }

    private static func changeLine(_ c: PropertyChange) -> String {
        let path = c.path.dotted.isEmpty ? "(value)" : c.path.dotted
        var s: String
        switch c.kind {
        case .added: s = "\(path): + \(c.new.map { Inline.text($0) } ?? "")"
        case .removed: s = "\(path): - \(c.old.map { Inline.text($0) } ?? "")"
        case .modified:
            if let a = c.old, let b = c.new {
                let (x, y) = Inline.pair(a, b)
                s = "\(path): \(x) -> \(y)"
            } else {
                s = "\(path): \(c.old.map { Inline.text($0) } ?? "") -> \(c.new.map { Inline.text($0) } ?? "")"
            }
        case .moved: s = "\(path): moved from \(c.oldPath?.dotted ?? "?"): \(c.new.map { Inline.text($0) } ?? "")"
        }
        switch c.replacement {
        case .always: s += "  (create-only: replaces)"
        case .conditional: s += "  (may replace)"
        case .never: break
        }
        return s
    }

    /// Rows of a security table: a sign column, then the union of the items' fields.
    private static func securityTable(_ items: [SecurityChange]) -> (header: [String], rows: [[String]]) {
        var names: [String] = []
        for i in items { for f in i.fields where !names.contains(f.name) { names.append(f.name) } }
        let rows = items.map { i -> [String] in
            [i.added ? "+" : "-"] + names.map { n in i.fields.first { $0.name == n }?.value ?? "" }
        }
        return ([""] + names, rows)
    }

    private static func securityTitle(_ k: SecurityChange.Kind) -> String {
        switch k {
        case .statement: return "IAM policy statements"
        case .ingress: return "security group ingress rules"
        case .egress: return "security group egress rules"
        }
    }

    private func renderText(color: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var lines = ["\(oldPath) -> \(newPath)"]
        if isEmpty {
            lines.append("no differences")
            return lines.joined(separator: "\n") + "\n"
        }
        if !resources.isEmpty {
            lines.append("Resources")
            let stacks = showsStacks
            for r in resources {
                var at = ""
                if r.newRange.isKnown {
                    at = "  \(r.newFile ?? newPath):\(r.newRange.start.line)"
                } else if r.oldRange.isKnown {
                    at = "  \(r.oldFile ?? oldPath):\(r.oldRange.start.line)"
                }
                var headline = Self.headline(r)
                if r.willFail { headline += ": WILL FAIL" }
                if let o = r.origin { headline += "  (from \(o.description))" }
                if stacks && r.impact != .moved {
                    headline += "  in " + Self.stackName(r.impact == .removed || r.impact == .orphaned ? r.oldStack : r.stack)
                }
                lines.append(
                    "  " + paint(Self.symbol(r.impact) + " " + headline, r.willFail ? "31" : Self.colorCode(r.impact))
                        + (color ? paint(at, "2") : at)
                )
                if let reason = r.failReason { lines.append("      " + paint("error: " + reason, "31")) }
                for c in r.changes { lines.append("      " + Self.changeLine(c)) }
                for reason in Self.shownReasons(r) { lines.append("      why: " + reason) }
                for kind in [SecurityChange.Kind.statement, .ingress, .egress] {
                    let items = r.security.filter { $0.kind == kind }
                    guard !items.isEmpty else { continue }
                    lines.append("      \(Self.securityTitle(kind)):")
                    let t = Self.securityTable(items)
                    var widths = t.header.map(\.count)
                    for row in t.rows { for (k, cell) in row.enumerated() { widths[k] = max(widths[k], min(cell.count, 60)) } }
                    func fmt(_ row: [String]) -> String {
                        var cells: [String] = []
                        for (k, cell) in row.enumerated() {
                            let c = cell.count > 60 ? String(cell.prefix(57)) + "..." : cell
                            cells.append(k == row.count - 1 ? c : c + String(repeating: " ", count: widths[k] - c.count))
                        }
                        var s = cells.joined(separator: "  ")
                        while s.last == " " { s.removeLast() }
                        return s
                    }
                    lines.append("        " + fmt(t.header))
                    for row in t.rows { lines.append("        " + paint(fmt(row), row[0] == "+" ? "32" : "31")) }
                }
            }
        }
        var current = ""
        for s in sections {
            if s.section != current {
                lines.append(s.section)
                current = s.section
            }
            let sign = s.kind == .added ? "+" : s.kind == .removed ? "-" : "~"
            let code = s.kind == .added ? "32" : s.kind == .removed ? "31" : "33"
            lines.append("  " + paint("\(sign) \(s.name ?? s.section)", code))
            for c in s.changes { lines.append("      " + Self.changeLine(c)) }
        }
        lines.append("summary: " + summary)
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: markdown

    private static func cell(_ s: String) -> String {
        s.replacingPipes()
    }

    private func renderMarkdown() -> String {
        var out = ["### cfntool diff", "", "`\(oldPath)` → `\(newPath)`: **\(summary)**", ""]
        if isEmpty { return out.joined(separator: "\n") + "\n" }
        let failing = failures
        if !failing.isEmpty {
            for r in failing { out += ["> **error:** `\(r.logicalId)` will fail: \(Self.cell(r.failReason ?? ""))", ""] }
        }
        if !resources.isEmpty {
            let stacks = showsStacks
            out +=
                stacks
                ? ["| | Resource | Type | Stack | Impact |", "|---|---|---|---|---|"]
                : ["| | Resource | Type | Impact |", "|---|---|---|---|"]
            for r in resources {
                var impact =
                    r.impact == .replaced || r.impact == .removed || r.impact == .mayReplace
                    ? "**\(r.impact.rawValue)**" : r.impact.rawValue
                if r.impact == .renamed { impact = "renamed from `\(r.renamedFrom ?? "?")` (delete + create unless refactored)" }
                if r.impact == .moved {
                    impact = "moved from \(Self.stackName(r.oldStack)) (create + delete unless refactored)"
                }
                if r.impact == .orphaned { impact = "orphan (DeletionPolicy: Retain)" }
                if r.willFail { impact += ": **will fail**" }
                let stack = stacks ? " \((r.impact == .removed || r.impact == .orphaned ? r.oldStack : r.stack) ?? "(parent)") |" : ""
                let from = r.origin.map { " (from \(Self.cell($0.description)))" } ?? ""
                out.append("| \(Self.symbol(r.impact)) | `\(r.logicalId)`\(from) | \(r.type ?? "") |\(stack) \(impact) |")
            }
            out.append("")
            for r in resources where !r.changes.isEmpty || !r.reasons.isEmpty || !r.security.isEmpty {
                let reasons = Self.shownReasons(r)
                if reasons.isEmpty && r.changes.isEmpty && r.security.isEmpty { continue }
                out.append(
                    "<details><summary><code>\(r.logicalId)</code>: \(r.impact.rawValue)\(r.willFail ? ", will fail" : "")</summary>"
                )
                out.append("")
                for reason in reasons { out.append("- why: \(Self.cell(reason))") }
                if !r.changes.isEmpty {
                    if !reasons.isEmpty { out.append("") }
                    out.append("```")
                    for c in r.changes { out.append(Self.changeLine(c)) }
                    out.append("```")
                }
                for kind in [SecurityChange.Kind.statement, .ingress, .egress] {
                    let items = r.security.filter { $0.kind == kind }
                    guard !items.isEmpty else { continue }
                    let t = Self.securityTable(items)
                    out += ["", "\(Self.securityTitle(kind).prefix(1).uppercased() + Self.securityTitle(kind).dropFirst()):", ""]
                    out.append("| " + (["added/removed"] + t.header.dropFirst()).joined(separator: " | ") + " |")
                    out.append("|" + String(repeating: "---|", count: t.header.count))
                    for row in t.rows {
                        out.append(
                            "| "
                                + row.map { Self.cell($0.isEmpty ? "" : ($0 == "+" || $0 == "-") ? $0 : "`\($0)`") }.joined(
                                    separator: " | "
                                ) + " |"
                        )
                    }
                }
                out += ["", "</details>", ""]
            }
        }
        if !sections.isEmpty {
            out += ["| Section | Entry | Change |", "|---|---|---|"]
            for s in sections { out.append("| \(s.section) | \(s.name.map { "`\($0)`" } ?? "") | \(s.kind.rawValue) |") }
            let detailed = sections.filter { !$0.changes.isEmpty }
            if !detailed.isEmpty {
                out += ["", "```"]
                for s in detailed {
                    for c in s.changes { out.append("\(s.section)\(s.name.map { "." + $0 } ?? ""): " + Self.changeLine(c)) }
                }
                out.append("```")
            }
            out.append("")
        }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: json

    private static func object(_ pairs: [(String, Node)]) -> Node {
        Node(.map(Map(pairs.map { Map.Entry(key: $0.0, value: $0.1) })))
    }

    private static func int(_ i: Int) -> Node { Node(.number(Number(i))) }

    private static func line(_ r: SourceRange) -> Node { r.isKnown ? int(r.start.line) : Node(.null) }

    private static func json(_ c: PropertyChange) -> Node {
        object([
            ("path", .string(c.path.dotted)), ("oldPath", c.oldPath.map { .string($0.dotted) } ?? Node(.null)),
            ("kind", .string(c.kind.rawValue)),
            ("old", c.old.map(stripped) ?? Node(.null)), ("new", c.new.map(stripped) ?? Node(.null)),
            ("replacement", .string(c.replacement.rawValue)), ("oldLine", line(c.old?.range ?? .unknown)),
            ("newLine", line(c.new?.range ?? .unknown)),
        ])
    }

    private static func json(_ o: Origin) -> Node {
        object([
            ("logicalId", .string(o.logicalId)), ("type", .string(o.type)), ("event", o.event.map(Node.string) ?? Node(.null)),
            ("property", o.property.map(Node.string) ?? Node(.null)),
        ])
    }

    /// A value for JSON output: its meaning, without the source's layout.
    private static func stripped(_ n: Node) -> Node {
        var out = n
        out.style = .plain
        switch n.value {
        case .list(let items): out.value = .list(items.map(stripped))
        case .map(let m): out.value = .map(m.mapValues(stripped))
        case .function(let f):
            var g = f
            g.argument = stripped(f.argument)
            g.form = .long
            out.value = .function(g)
        default: break
        }
        return out
    }

    func jsonNode() -> Node {
        let c = counts
        let summaryNode = Self.object(Impact.allCases.map { (Self.jsonImpact($0), Self.int(c[$0] ?? 0)) })
        let res = resources.map { r in
            Self.object([
                ("logicalId", .string(r.logicalId)), ("type", r.type.map(Node.string) ?? Node(.null)),
                ("oldType", r.oldType.map(Node.string) ?? Node(.null)), ("impact", .string(Self.jsonImpact(r.impact))),
                ("renamedFrom", r.renamedFrom.map(Node.string) ?? Node(.null)), ("reasons", Node(.list(r.reasons.map(Node.string)))),
                ("willFail", Node(.bool(r.willFail))), ("failReason", r.failReason.map(Node.string) ?? Node(.null)),
                ("stack", r.stack.map(Node.string) ?? Node(.null)), ("oldStack", r.oldStack.map(Node.string) ?? Node(.null)),
                ("oldFile", r.oldRange.isKnown ? .string(r.oldFile ?? oldPath) : Node(.null)),
                ("newFile", r.newRange.isKnown ? .string(r.newFile ?? newPath) : Node(.null)),
                ("oldLine", Self.line(r.oldRange)), ("newLine", Self.line(r.newRange)),
                ("origin", r.origin.map(Self.json) ?? Node(.null)), ("changes", Node(.list(r.changes.map(Self.json)))),
                (
                    "security",
                    Node(
                        .list(
                            r.security.map { s in
                                Self.object([
                                    ("kind", .string(s.kind.rawValue)), ("change", .string(s.added ? "added" : "removed")),
                                    ("path", .string(s.path.dotted)), ("value", Self.stripped(s.node)),
                                ])
                            }
                        )
                    )
                ),
            ])
        }
        let secs = sections.map { s in
            Self.object([
                ("section", .string(s.section)), ("name", s.name.map(Node.string) ?? Node(.null)), ("kind", .string(s.kind.rawValue)),
                ("oldLine", Self.line(s.oldRange)), ("newLine", Self.line(s.newRange)),
                ("old", s.old.map(Self.stripped) ?? Node(.null)), ("new", s.new.map(Self.stripped) ?? Node(.null)),
                ("changes", Node(.list(s.changes.map(Self.json)))),
            ])
        }
        return Self.object([
            ("old", .string(oldPath)), ("new", .string(newPath)), ("empty", Node(.bool(isEmpty))), ("summary", summaryNode),
            ("failures", Self.int(failures.count)),
            ("resources", Node(.list(res))), ("sections", Node(.list(secs))),
        ])
    }

    /// `added`, `removed`, `orphaned`, `updated`, `mayReplace`, `replaced`, `renamed`, `moved`.
    static func jsonImpact(_ i: Impact) -> String {
        switch i {
        case .added: return "added"
        case .removed: return "removed"
        case .orphaned: return "orphaned"
        case .updated: return "updated"
        case .mayReplace: return "mayReplace"
        case .replaced: return "replaced"
        case .renamed: return "renamed"
        case .moved: return "moved"
        }
    }
}

extension String {
    fileprivate func replacingPipes() -> String {
        var out = ""
        for ch in self { out += ch == "|" ? "\\|" : String(ch) }
        return out
    }
}
