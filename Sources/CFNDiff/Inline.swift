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
