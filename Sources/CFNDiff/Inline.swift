import CFNModel

/// A value on one line, as a reviewer reads it: strings quoted (so `"80"` and `80` differ on
/// screen when they differ in meaning), functions in their short form, long values cut.
public enum Inline {
    /// The longest text before `...`.
    public static let maxLength = 100

    /// `"orders"`, `80`, `!Ref Table`, `!GetAtt Table.Arn`, `[a, b]`, `{Key: "v"}`.
    public static func text(_ node: Node, maxLength: Int = Inline.maxLength) -> String {
        var out = ""
        write(node, into: &out, limit: maxLength + 1)
        if out.count > maxLength { return String(out.prefix(maxLength - 3)) + "..." }
        return out
    }

    /// An old and a new value side by side: when either is too long for one line, both show
    /// the stretch where they differ (with a little of what comes before), not the same
    /// cut-off beginning: `..."image": "app:1.4.2", "cpu"...` against `..."image": "app:1.5.0", "cpu"...`.
    public static func pair(_ old: Node, _ new: Node, maxLength: Int = Inline.maxLength) -> (old: String, new: String) {
        if maxLength < 16 { return (text(old, maxLength: maxLength), text(new, maxLength: maxLength)) }
        // Enough of each to reach past the difference in all but huge values.
        let limit = max(maxLength * 200, 1 << 16)
        var a = ""
        var b = ""
        write(old, into: &a, limit: limit)
        write(new, into: &b, limit: limit)
        if a.count <= maxLength && b.count <= maxLength { return (a, b) }
        let x = Array(a)
        let y = Array(b)
        var first = 0
        while first < x.count && first < y.count && x[first] == y[first] { first += 1 }
        // Some context before the first difference, so a reader sees where it is.
        let context = min(first, max(10, maxLength / 4))
        // Both windows start at one place (so the two lines line up), early enough that the
        // shorter of the long values fills its line.
        let longer = [x.count, y.count].filter { $0 > maxLength }
        let shortest = longer.min() ?? 0
        func window(_ c: [Character]) -> String {
            guard c.count > maxLength else { return String(c) }
            var start = first - context
            var body = maxLength
            if start > 0 {
                body -= 3
                // Near the end: show the end, and more of what comes before.
                start = max(0, min(start, shortest - body))
                if start == 0 { body = maxLength }
            }
            var end = start + body
            let trail = end < c.count
            if trail { end -= 3 }
            return (start > 0 ? "..." : "") + String(c[start..<end]) + (trail ? "..." : "")
        }
        return (window(x), window(y))
    }

    private static func write(_ node: Node, into out: inout String, limit: Int) {
        if out.utf8.count > limit * 4 { return }
        switch node.value {
        case .string(let s): out += quoted(s)
        case .number(let n): out += n.canonical
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .list(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                write(item, into: &out, limit: limit)
            }
            out += "]"
        case .map(let m):
            out += "{"
            for (i, e) in m.entries.enumerated() {
                if i > 0 { out += ", " }
                out += e.key + ": "
                write(e.value, into: &out, limit: limit)
            }
            out += "}"
        case .function(let f):
            if f.name == .getAtt, let t = f.getAttTarget {
                out += "!GetAtt \(t.resource).\(t.attribute)"
                return
            }
            if f.name == .ref, let t = f.refTarget {
                out += "!Ref \(t)"
                return
            }
            out += "!" + f.name.tag + " "
            write(f.argument, into: &out, limit: limit)
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }
}
