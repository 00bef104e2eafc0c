import CFNModel

/// The source text of a template, for building fixes: the edits that rename a key, replace a
/// scalar, or take out an entry, in YAML (block or flow) or JSON, touching nothing else.
///
/// Every builder returns nil where it cannot be sure of the result: a comment inside what would
/// be removed (comments are never lost), a key that does not start its line, a value that runs on
/// after the place to cut. No fix is better than a wrong one.
struct FixSource: Sendable {
    /// The text.
    let bytes: [UInt8]
    /// Whether the template was read as JSON.
    let json: Bool

    init(bytes: [UInt8], format: Template.Format) {
        self.bytes = bytes
        self.json = format == .json
    }

    // MARK: reading

    /// Whether a range lies in the text. The nodes of a SAM transform's output may carry made-up
    /// ranges past its end: no builder that reads the text touches them.
    func holds(_ range: SourceRange) -> Bool {
        range.isKnown && 0 <= range.start.offset && range.start.offset <= range.end.offset && range.end.offset <= bytes.count
    }

    /// `start..<end` clamped to the text (empty when it is not in it).
    private func slice(_ start: Int, _ end: Int) -> ArraySlice<UInt8> {
        let s = min(max(0, start), bytes.count)
        return bytes[s..<min(max(s, end), bytes.count)]
    }

    /// The text of `start..<end`.
    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: slice(start, end), as: UTF8.self)
    }

    /// The offset of the first byte of the line holding `offset`.
    func lineStart(_ offset: Int) -> Int {
        var i = min(max(0, offset), bytes.count)
        while i > 0 && bytes[i - 1] != 10 { i -= 1 }
        return i
    }

    /// The offset of the newline ending the line holding `offset` (the text's end when none).
    func lineEnd(_ offset: Int) -> Int {
        var i = min(max(0, offset), bytes.count)
        while i < bytes.count && bytes[i] != 10 { i += 1 }
        return i
    }

    /// Whether `start..<end` holds only spaces, tabs and carriage returns.
    func isBlank(_ start: Int, _ end: Int) -> Bool {
        guard start <= end else { return false }
        return slice(start, end).allSatisfy { $0 == 32 || $0 == 9 || $0 == 13 }
    }

    /// Whether `start..<end` may hold a comment: any `#` at all (also one inside a scalar,
    /// which only costs a fix that was not needed).
    func mayHoldComment(_ start: Int, _ end: Int) -> Bool {
        slice(start, end).contains(UInt8(ascii: "#"))
    }

    /// Where a node's own text ends. A YAML block collection's range runs on to the next token
    /// (past blank lines and comments below it); its content ends with its last child's. An
    /// empty value (`Key:` with nothing after) has no text: `floor`, the end of its key.
    func contentEnd(_ node: Node, after floor: Int) -> Int {
        if case .null = node.value, node.spelling == "" { return floor }
        if json || node.style == .flow || !node.range.isKnown { return max(floor, node.range.end.offset) }
        switch node.value {
        case .map(let m):
            return m.entries.reduce(floor) { max($0, contentEnd($1.value, after: max($1.keyRange.end.offset, $0))) }
        case .list(let items):
            return items.reduce(floor) { max($0, contentEnd($1, after: $0)) }
        case .function(let f):
            // A long-form function is a mapping of one key; a short form's tag starts the node.
            let keyEnd = f.keyRange.isKnown ? f.keyRange.end.offset : node.range.start.offset
            return contentEnd(f.argument, after: max(floor, keyEnd))
        default:
            return max(floor, node.range.end.offset)
        }
    }

    // MARK: scalars

    /// The text of `value` as a scalar written in `like`'s style: plain when YAML reads the
    /// plain text back as the same string, else quoted (double quotes, as JSON writes them).
    func scalar(_ value: String, like node: Node) -> String {
        if json { return FixSource.jsonQuoted(value) }
        switch node.style {
        case .singleQuoted: return FixSource.singleQuoted(value)
        case .doubleQuoted: return FixSource.jsonQuoted(value)
        default: return FixSource.isPlainSafe(value) ? value : FixSource.jsonQuoted(value)
        }
    }

    /// Whether YAML reads `s`, written plain, as the string `s` (in block and flow context).
    static func isPlainSafe(_ s: String) -> Bool {
        guard let first = s.utf8.first, first != UInt8(ascii: "-") || s.utf8.count > 1 else { return false }
        let ok = s.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 46 || b == 95 || b == 45 || b == 47
        }
        guard ok else { return false }
        if case .string = ScalarResolver.resolve(s) { return true }
        return false
    }

    /// Replaces a scalar node with the string `value`, in its quoting style.
    func replaceScalar(_ node: Node, with value: String) -> [TextEdit]? {
        guard node.range.isKnown, node.isScalar, node.style != .literal, node.style != .folded else { return nil }
        return [TextEdit(start: node.range.start.offset, end: node.range.end.offset, text: scalar(value, like: node))]
    }

    /// Quotes a plain YAML scalar, keeping its text: `yes` becomes `"yes"`.
    func quote(_ node: Node) -> [TextEdit]? {
        guard !json, holds(node.range), node.style == .plain else { return nil }
        let s = node.range.start.offset
        let e = node.range.end.offset
        guard s < e, e <= bytes.count else { return nil }
        let written = text(s, e)
        // A tag or anchor written before the value is not part of it.
        guard !written.contains("\n"), written.first != "!", written.first != "&" else { return nil }
        let quoted = written.contains("\\") || written.contains("\"") ? FixSource.singleQuoted(written) : "\"" + written + "\""
        return [TextEdit(start: s, end: e, text: quoted)]
    }

    /// Renames the key of `entry`, in its quoting style.
    func renameKey(_ entry: Map.Entry, to name: String) -> [TextEdit]? {
        guard holds(entry.keyRange) else { return nil }
        let like = Node(.string(entry.key), range: entry.keyRange, style: entry.keyStyle)
        return [TextEdit(start: entry.keyRange.start.offset, end: entry.keyRange.end.offset, text: scalar(name, like: like))]
    }

    // MARK: functions

    /// Turns a string into a `Fn::Sub` of it: `!Sub` before it in YAML, `{"Fn::Sub": ...}`
    /// around it in JSON.
    func wrapInSub(_ node: Node) -> [TextEdit]? {
        guard holds(node.range), node.stringValue != nil else { return nil }
        let s = node.range.start.offset
        let e = node.range.end.offset
        guard s < e, e <= bytes.count else { return nil }
        if json { return [TextEdit(start: s, end: e, text: "{\"Fn::Sub\": " + text(s, e) + "}")] }
        // A tag written on the value already (`!!str`) would clash with a second one.
        guard bytes[s] != UInt8(ascii: "!"), bytes[s] != UInt8(ascii: "&"), bytes[s] != UInt8(ascii: "*") else { return nil }
        return [TextEdit(start: s, end: s, text: "!Sub ")]
    }

    /// Replaces a function call with the text of `argument`, one of its own nodes: `!Sub 'logs'`
    /// becomes `'logs'`. Only where the argument is on one line (a block scalar moved elsewhere
    /// could change its indentation) and no comment would go.
    func unwrap(_ node: Node, to argument: Node) -> [TextEdit]? {
        guard holds(node.range), holds(argument.range), argument.isScalar, argument.style != .literal, argument.style != .folded
        else { return nil }
        let s = node.range.start.offset
        var a = argument.range.start.offset
        let ae = argument.range.end.offset
        guard s <= a, a < ae, ae <= bytes.count, !text(a, ae).contains("\n") else { return nil }
        if !json, a == s {
            // `!Sub 'x'`: the scalar's range starts at its tag; only the tag and the blanks
            // after it go.
            guard bytes[s] == UInt8(ascii: "!") else { return nil }
            while a < ae && bytes[a] != 32 && bytes[a] != 9 && bytes[a] != 10 { a += 1 }
            while a < ae && (bytes[a] == 32 || bytes[a] == 9) { a += 1 }
            guard a < ae else { return nil }
            return [TextEdit(start: s, end: a, text: "")]
        }
        let e = contentEnd(node, after: ae)
        guard e >= ae, e <= bytes.count, !mayHoldComment(s, a), !mayHoldComment(ae, e) else { return nil }
        return [TextEdit(start: s, end: e, text: text(a, ae))]
    }

    // MARK: entries and items

    /// Takes the entry `key` out of the mapping `map` (which keeps at least one other entry).
    /// Only the entry and its neighbours are read: one fix for each of a thousand entries costs
    /// a thousand reads, not a million.
    func removeEntry(_ key: String, from map: Node) -> [TextEdit]? {
        guard let m = map.mapValue, let i = m.indexOf(key), m.count > 1, holds(map.range) else { return nil }
        let entries = m.entries
        let near = entries[max(0, i - 1)...min(entries.count - 1, i + 1)]
        guard near.allSatisfy({ holds($0.keyRange) && ($0.value.range.isKnown == false || holds($0.value.range)) }) else { return nil }
        let entry = entries[i]
        let start = entry.keyRange.start.offset
        let end = contentEnd(entry.value, after: entry.keyRange.end.offset)
        guard end <= bytes.count else { return nil }
        if json || map.style == .flow {
            let previous = i > 0 ? entries[i - 1] : nil
            return removeFromFlow(
                (start, end),
                next: i + 1 < entries.count ? entries[i + 1].keyRange.start.offset : nil,
                previousEnd: previous.map { contentEnd($0.value, after: $0.keyRange.end.offset) }
            )
        }
        guard isBlank(lineStart(start), start) else { return nil }
        return removeLines(start, end)
    }

    /// Takes item `index` out of the list `list` (which keeps at least one other item); only the
    /// item and its neighbours are read.
    func removeItem(_ index: Int, from list: Node) -> [TextEdit]? {
        guard let items = list.listValue, items.indices.contains(index), items.count > 1, holds(list.range),
            items[max(0, index - 1)...min(items.count - 1, index + 1)].allSatisfy({ holds($0.range) })
        else { return nil }
        let item = items[index]
        let start = item.range.start.offset
        let end = contentEnd(item, after: start)
        guard end <= bytes.count else { return nil }
        if json || list.style == .flow {
            let previous = index > 0 ? items[index - 1] : nil
            return removeFromFlow(
                (start, end),
                next: index + 1 < items.count ? items[index + 1].range.start.offset : nil,
                previousEnd: previous.map { contentEnd($0, after: $0.range.start.offset) }
            )
        }
        // `  - Name`: the dash and the spaces around it go with the item.
        let ls = lineStart(start)
        guard bytes[ls..<start].allSatisfy({ $0 == 32 || $0 == 9 || $0 == UInt8(ascii: "-") }),
            bytes[ls..<start].filter({ $0 == UInt8(ascii: "-") }).count == 1
        else { return nil }
        return removeLines(ls, end)
    }

    /// The whole lines from the one holding `start` to the one holding `end`: what follows
    /// `end` on its line must be blank, and nothing removed may be a comment.
    private func removeLines(_ start: Int, _ end: Int) -> [TextEdit]? {
        let ls = lineStart(start)
        let le = lineEnd(end)
        guard isBlank(end, le), !mayHoldComment(ls, le) else { return nil }
        return [TextEdit(start: ls, end: le < bytes.count ? le + 1 : le, text: "")]
    }

    /// A member of a flow collection (or JSON) that spans `own` taken out, with the comma after
    /// it (up to the `next` member's start), or for the last, the comma before it (from the end
    /// of the member before).
    private func removeFromFlow(_ own: (start: Int, end: Int), next: Int?, previousEnd: Int?) -> [TextEdit]? {
        let (s, e): (Int, Int)
        if let next {
            (s, e) = (own.start, next)
        } else if let previousEnd, previousEnd <= bytes.count {
            (s, e) = (previousEnd, own.end)
        } else {
            return nil
        }
        guard s < e, !mayHoldComment(s, e) || json else { return nil }
        // Between the two there is the member itself, and one comma with blanks around it.
        let between = next != nil ? text(own.end, e) : text(s, own.start)
        guard between.filter({ $0 == "," }).count == 1,
            between.allSatisfy({ $0 == "," || $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
        else { return nil }
        return [TextEdit(start: s, end: e, text: "")]
    }

    /// Adds `key: value` to the mapping `map` after its entry `after`: on a line of its own at
    /// the same indentation in block YAML, after a comma elsewhere. `yaml` and `jsonValue` are
    /// the value's text in each syntax.
    func insertEntry(after: String, in map: Node, key: String, yaml: String, jsonValue: String) -> [TextEdit]? {
        guard let m = map.mapValue, let entry = m[entry: after], holds(entry.keyRange), holds(entry.value.range), m[key] == nil else {
            return nil
        }
        let ks = entry.keyRange.start.offset
        let end = contentEnd(entry.value, after: entry.keyRange.end.offset)
        guard end <= bytes.count else { return nil }
        let ls = lineStart(ks)
        let leadingBlank = isBlank(ls, ks)
        if json || map.style == .flow {
            let member = json ? FixSource.jsonQuoted(key) + ": " + jsonValue : key + ": " + yaml
            // One member per line (pretty JSON): the new one goes on a line of its own.
            let after = text(end, lineEnd(end)).filter { $0 != " " && $0 != "\t" && $0 != "\r" }
            let sep = leadingBlank && (after.isEmpty || after == ",") ? ",\n" + text(ls, ks) : ", "
            return [TextEdit(start: end, end: end, text: sep + member)]
        }
        // `- Key: v` starts an item: the next key lines up under `Key`.
        guard bytes[ls..<ks].allSatisfy({ $0 == 32 || $0 == UInt8(ascii: "-") }) else { return nil }
        let le = lineEnd(end)
        let rest = text(end, le).trimmingCharacters(in: [" ", "\t", "\r"])
        guard rest.isEmpty || rest.hasPrefix("#") else { return nil }
        let indent = String(repeating: " ", count: ks - ls)
        if le < bytes.count { return [TextEdit(start: le + 1, end: le + 1, text: indent + key + ": " + yaml + "\n")] }
        return [TextEdit(start: le, end: le, text: "\n" + indent + key + ": " + yaml)]
    }
}

extension FixSource {
    /// `s` as a single-quoted YAML scalar (a quote inside is doubled).
    static func singleQuoted(_ s: String) -> String {
        var out = "'"
        for c in s { out += c == "'" ? "''" : String(c) }
        return out + "'"
    }

    /// `s` as a JSON string literal (also a YAML double-quoted scalar), as the JSON writer
    /// writes strings.
    static func jsonQuoted(_ s: String) -> String {
        var text = String(decoding: Formatter.json(Node(.string(s))), as: UTF8.self)
        while text.last == "\n" { text.removeLast() }
        return text
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> Substring {
        var s = self[...]
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return s
    }
}
