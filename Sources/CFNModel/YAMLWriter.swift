/// Writes a node tree as block-style YAML: two-space indentation, short-form function tags,
/// literal blocks for multi-line strings, quotes only where a plain scalar would change meaning,
/// and the source's comments beside the entries they belong to.
struct YAMLWriter {
    private(set) var out: [UInt8] = []
    let comments: Comments
    private var emittedLeading: Set<Int> = []
    private var emittedTrailing: Set<Int> = []
    /// Longest line a flow list (`[a, b]`) may make before the writer uses a block list.
    static let flowWidth = 100
    /// Column at which folded (`>`) blocks wrap.
    static let foldWidth = 80
    /// Longest key written in implicit form, in bytes (YAML's limit is 1024 characters).
    static let maxImplicitKey = 1000

    init(comments: Comments) {
        self.comments = comments
        out.reserveCapacity(1 << 16)
    }

    private enum Position { case afterKey, afterDash }

    private mutating func write(_ s: String) {
        out.append(contentsOf: s.utf8)
    }

    private mutating func spaces(_ n: Int) {
        for _ in 0..<n { out.append(32) }
    }

    mutating func writeDocument(_ root: Map, blankBetween sections: Set<String>) {
        for c in comments.header { write(c + "\n") }
        // An empty template is `{}`: no output at all would read back as no template (fuzz-fmt).
        if root.isEmpty { write("{}\n") }
        writeBlockMap(root, indent: 0, firstInline: false, blankLines: true, blankInside: sections)
        for c in comments.footer { write(c + "\n") }
    }

    // MARK: comments

    private mutating func leading(_ offset: Int?, indent: Int) {
        guard let offset, let lines = comments.leading[offset], !emittedLeading.contains(offset) else { return }
        emittedLeading.insert(offset)
        for line in lines {
            spaces(indent)
            write(line + "\n")
        }
    }

    /// Puts the trailing comment of the entry written from `start` at the end of its first line.
    private mutating func trailing(_ offset: Int?, from start: Int) {
        guard let offset, let c = comments.trailing[offset], !emittedTrailing.contains(offset) else { return }
        emittedTrailing.insert(offset)
        var k = start
        while k < out.count && out[k] != 10 { k += 1 }
        out.insert(contentsOf: Array(("  " + c).utf8), at: k)
    }

    private func offset(_ r: SourceRange) -> Int? { r.isKnown ? r.start.offset : nil }

    // MARK: collections

    private mutating func writeBlockMap(_ map: Map, indent: Int, firstInline: Bool, blankLines: Bool = false, blankInside: Set<String> = [])
    {
        for (n, e) in map.entries.enumerated() {
            let inline = firstInline && n == 0
            if !inline {
                if blankLines && n > 0 { out.append(10) }
                leading(offset(e.keyRange), indent: indent)
                spaces(indent)
            }
            let start = out.count
            writeKey(e.key, style: e.keyStyle)
            if out.count - start > YAMLWriter.maxImplicitKey {
                // YAML reads an implicit key (`key: value`) only up to 1024 characters: a longer
                // one is written as an explicit `? key` line, the value after `:` on the next
                // (found by fuzz-fmt: such a key made output that did not parse).
                out.insert(contentsOf: Array("? ".utf8), at: start)
                out.append(10)
                spaces(indent)
            }
            out.append(UInt8(ascii: ":"))
            if blankInside.contains(e.key), case .map(let inner) = e.value.value, !inner.isEmpty {
                out.append(10)
                writeBlockMap(inner, indent: indent + 2, firstInline: false, blankLines: true)
            } else {
                writeValue(e.value, indent: indent + 2, at: .afterKey)
            }
            trailing(offset(e.keyRange), from: start)
        }
    }

    private mutating func writeBlockList(_ items: [Node], indent: Int, firstInline: Bool) {
        for (n, item) in items.enumerated() {
            let start: Int
            if firstInline && n == 0 {
                start = out.count
                write("- ")
            } else {
                leading(offset(item.range), indent: indent)
                spaces(indent)
                start = out.count
                write("- ")
            }
            writeValue(item, indent: indent + 2, at: .afterDash)
            trailing(offset(item.range), from: start)
        }
    }

    private mutating func writeKey(_ key: String, style: Node.Style) {
        if YAMLScalarStyle.isPlainSafe(key) && (style == .plain || !ScalarResolver.isTimestamp(key)) {
            write(key)
        } else {
            write(quoted(key, preferSingle: style != .doubleQuoted))
        }
    }

    // MARK: values

    /// Writes a value after `key:` or `- `, ending with a newline; nested lines use `indent`.
    private mutating func writeValue(_ node: Node, indent: Int, at position: Position) {
        let sep = position == .afterKey ? " " : ""
        switch node.value {
        case .map(let m):
            if m.isEmpty {
                write(sep + "{}\n")
            } else if position == .afterKey {
                out.append(10)
                writeBlockMap(m, indent: indent, firstInline: false)
            } else {
                writeBlockMap(m, indent: indent, firstInline: true)
            }
        case .list(let items):
            if items.isEmpty {
                write(sep + "[]\n")
            } else if node.style == .flow, let flow = flowList(items), indent + flow.utf8.count <= YAMLWriter.flowWidth {
                // `AllowedValues: [dev, prod]` stays on one line.
                write(sep + flow + "\n")
            } else if position == .afterKey {
                out.append(10)
                writeBlockList(items, indent: indent, firstInline: false)
            } else {
                writeBlockList(items, indent: indent, firstInline: true)
            }
        case .function(let f):
            writeFunction(f, indent: indent, at: position)
        default:
            writeScalar(node, indent: indent, sep: sep, position: position)
        }
    }

    private mutating func writeScalar(_ node: Node, indent: Int, sep: String, position: Position) {
        if case .string(let s) = node.value {
            if YAMLScalarStyle.isLiteralSafe(s) {
                writeLiteral(s, indent: indent, sep: sep)
                return
            }
            // A folded block stays folded, rewrapped, when it is long enough to need it.
            if node.style == .folded && s.utf8.count + indent > YAMLWriter.foldWidth && YAMLScalarStyle.isFoldable(s) {
                write(sep + (s.hasSuffix("\n") ? ">" : ">-") + "\n")
                for line in YAMLScalarStyle.foldedLines(s, width: max(YAMLWriter.foldWidth - indent, 40)) {
                    spaces(indent)
                    out.append(contentsOf: line.utf8)
                    out.append(10)
                }
                return
            }
        }
        let text = scalarText(node)
        if text.isEmpty {
            write(position == .afterKey ? "\n" : "null\n")
        } else {
            write(sep + text + "\n")
        }
    }

    private mutating func writeLiteral(_ s: String, indent: Int, sep: String) {
        var body = Substring(s)
        let header: String
        if body.hasSuffix("\n") {
            header = "|"
            body = body.dropLast()
        } else {
            header = "|-"
        }
        write(sep + header + "\n")
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.isEmpty { spaces(indent) }
            out.append(contentsOf: line.utf8)
            out.append(10)
        }
    }

    /// A scalar's YAML text: its source spelling when that still means the same value.
    func scalarText(_ node: Node, flow: Bool = false) -> String {
        switch node.value {
        case .string(let s):
            if YAMLScalarStyle.isPlainSafe(s, flow: flow) && (node.style == .plain || !ScalarResolver.isTimestamp(s)) { return s }
            return quoted(s, preferSingle: node.style != .doubleQuoted)
        case .number(let n):
            if case .number(let kind, let canonical) = ScalarResolver.resolve(n.text), kind == n.kind, canonical == n.canonical {
                return n.text
            }
            switch n.canonical {
            case "Infinity": return ".inf"
            case "-Infinity": return "-.inf"
            case "NaN": return ".nan"
            default:
                if case .number = ScalarResolver.resolve(n.canonical) { return n.canonical }
                return n.kind == .float ? ScalarResolver.formatDouble(n.doubleValue) : n.canonical
            }
        case .bool(let b):
            if let sp = node.spelling, ScalarResolver.resolve(sp) == .bool(b) { return sp }
            return b ? "true" : "false"
        case .null:
            if let sp = node.spelling, ScalarResolver.resolve(sp) == .null { return sp }
            return "null"
        default:
            return ""
        }
    }

    private func quoted(_ s: String, preferSingle: Bool) -> String {
        if preferSingle && YAMLScalarStyle.isSingleQuotable(s) { return YAMLScalarStyle.singleQuoted(s) }
        return YAMLScalarStyle.doubleQuoted(s)
    }

    // MARK: functions

    /// Whether `f` can be written as a tag: a short form exists and its argument is a string,
    /// a list or a mapping (a tag on a number would turn it into a string; a tag cannot hold another tag).
    private func canWriteShort(_ f: Intrinsic) -> Bool {
        guard f.name.hasShortForm else { return false }
        // A comment beside a long-form key stays beside it.
        if let o = offset(f.keyRange), comments.leading[o] != nil || comments.trailing[o] != nil { return false }
        switch f.argument.value {
        case .string, .list, .map: return true
        default: return false
        }
    }

    private mutating func writeFunction(_ f: Intrinsic, indent: Int, at position: Position) {
        let sep = position == .afterKey ? " " : ""
        guard canWriteShort(f) else {
            // Long form: a one-key mapping.
            let entry = Map.Entry(key: f.name.rawValue, value: f.argument, keyRange: f.keyRange)
            let m = Map(uniqueEntries: [entry], index: nil)
            writeValue(Node(.map(m)), indent: indent, at: position)
            return
        }
        let tag = "!" + f.name.tag
        if f.name == .getAtt, let dotted = dottedGetAtt(f) {
            write(sep + tag + " " + dotted + "\n")
            return
        }
        switch f.argument.value {
        case .string(let s):
            if YAMLScalarStyle.isLiteralSafe(s) {
                write(sep + tag)
                writeLiteral(s, indent: indent, sep: " ")
            } else if YAMLScalarStyle.isPlainSyntaxSafe(s) {
                write(sep + tag + " " + s + "\n")
            } else {
                write(sep + tag + " " + quoted(s, preferSingle: f.argument.style != .doubleQuoted) + "\n")
            }
        case .list(let items):
            if items.isEmpty {
                write(sep + tag + " []\n")
            } else if let flow = flowList(items), indent + tag.count + flow.count <= YAMLWriter.flowWidth {
                write(sep + tag + " " + flow + "\n")
            } else {
                write(sep + tag + "\n")
                writeBlockList(items, indent: indent, firstInline: false)
            }
        case .map(let m):
            if m.isEmpty {
                write(sep + tag + " {}\n")
            } else {
                write(sep + tag + "\n")
                writeBlockMap(m, indent: indent, firstInline: false)
            }
        default:
            break
        }
    }

    /// `A.B` for a GetAtt of two plain names.
    private func dottedGetAtt(_ f: Intrinsic) -> String? {
        guard let (r, a) = f.getAttTarget, !r.contains("."), !r.isEmpty, !a.isEmpty else { return nil }
        let s = r + "." + a
        return YAMLScalarStyle.isPlainSyntaxSafe(s) ? s : nil
    }

    /// `[a, !Ref B, [c, d]]` when every item is a one-line scalar, a list of them, or a function
    /// of one; nil when something needs block style (or carries a comment).
    private func flowList(_ items: [Node]) -> String? {
        var parts: [String] = []
        for item in items {
            if let o = offset(item.range), comments.leading[o] != nil || comments.trailing[o] != nil { return nil }
            guard let text = flowItem(item) else { return nil }
            parts.append(text)
        }
        return "[" + parts.joined(separator: ", ") + "]"
    }

    private func flowItem(_ item: Node) -> String? {
        switch item.value {
        case .string(let s):
            if s.utf8.contains(10) || s.utf8.contains(13) { return nil }
            return scalarText(item, flow: true)
        case .number, .bool:
            return scalarText(item, flow: true)
        case .null:
            return "null"
        case .list(let l):
            return l.isEmpty ? "[]" : flowList(l)
        case .map(let m):
            return m.isEmpty ? "{}" : nil
        case .function(let f):
            guard canWriteShort(f) else { return nil }
            if f.name == .getAtt, let d = dottedGetAtt(f), YAMLScalarStyle.isPlainSyntaxSafe(d, flow: true) {
                return "!GetAtt " + d
            }
            switch f.argument.value {
            case .string(let s):
                if s.utf8.contains(10) || s.utf8.contains(13) { return nil }
                let arg = YAMLScalarStyle.isPlainSyntaxSafe(s, flow: true) ? s : quoted(s, preferSingle: f.argument.style != .doubleQuoted)
                return "!" + f.name.tag + " " + arg
            case .list(let l):
                guard let inner = l.isEmpty ? "[]" : flowList(l) else { return nil }
                return "!" + f.name.tag + " " + inner
            default:
                return nil
            }
        }
    }
}
