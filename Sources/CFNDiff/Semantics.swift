import CFNModel

/// How CloudFormation reads a value for comparison, beyond `Node.isSemanticallyEqual`: numbers
/// equal their string forms (`"80"` and `80`), booleans equal `"true"`/`"false"`, and some
/// lists are sets (DependsOn, IAM policy statements and their actions and resources,
/// security-group rules, managed policy ARNs).
enum Semantics {
    /// Where a value sits, which decides whether its lists are ordered.
    enum Context: Sendable {
        /// Lists are ordered.
        case plain
        /// Inside one IAM policy statement: every list is a set.
        case statement
    }

    /// Keys whose list value is a set wherever they appear.
    static let setKeys: Set<String> = ["Statement", "SecurityGroupIngress", "SecurityGroupEgress", "ManagedPolicyArns", "DependsOn"]

    /// Whether the list under `key` (nil for a list item) is a set in `context`.
    static func isSet(key: String?, _ context: Context) -> Bool {
        if context == .statement { return true }
        return key.map { setKeys.contains($0) } ?? false
    }

    /// The context of the items of the list under `key`.
    static func itemContext(key: String?, _ context: Context) -> Context {
        key == "Statement" ? .statement : context
    }

    // MARK: equality

    /// Whether two values mean the same to CloudFormation; `key` is the mapping key they sit under.
    static func equal(_ a: Node, _ b: Node, key: String? = nil, _ context: Context = .plain) -> Bool {
        switch (a.value, b.value) {
        case (.string(let x), .string(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        case (.list(let x), .list(let y)):
            if isSet(key: key, context) {
                guard x.count == y.count else { return false }
                if x.count == 1 { return equal(x[0], y[0], key: nil, itemContext(key: key, context)) }
                let ic = itemContext(key: key, context)
                return x.map { canonical($0, ic) }.sorted() == y.map { canonical($0, ic) }.sorted()
            }
            guard x.count == y.count else { return false }
            for i in x.indices where !equal(x[i], y[i], key: nil, context) { return false }
            return true
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            let xs = x.entries
            let ys = y.entries
            for i in xs.indices {
                // Usually the keys are in the same order: no lookup needed.
                let v: Node
                if xs[i].key == ys[i].key {
                    v = ys[i].value
                } else {
                    guard let found = y[xs[i].key] else { return false }
                    v = found
                }
                guard equal(xs[i].value, v, key: xs[i].key, context) else { return false }
            }
            return true
        case (.function(let f), .function(let g)):
            return f.name == g.name && equal(argument(f), argument(g), key: nil, context)
        case (.function(let f), .map(let m)), (.map(let m), .function(let f)):
            guard m.count == 1, let e = m.entries.first, e.key == f.name.rawValue else { return false }
            return equal(e.value, f.argument, key: nil, context)
        case (.list(let l), _) where key == "DependsOn" && l.count == 1:
            return equal(l[0], b, key: nil, context)
        case (_, .list(let l)) where key == "DependsOn" && l.count == 1:
            return equal(a, l[0], key: nil, context)
        default:
            guard let x = scalarKey(a), let y = scalarKey(b) else { return false }
            return x == y
        }
    }

    /// A scalar's comparison key: numbers (and strings that are numbers) by value, booleans
    /// (and `"true"`/`"false"`) as booleans, other strings as themselves.
    static func scalarKey(_ n: Node) -> String? {
        switch n.value {
        case .string(let s):
            if s == "true" || s == "false" { return "b" + s }
            if looksNumeric(s), let d = Double(s), d.isFinite {
                return numberKey(d, integerText: Int(s) != nil ? s : nil)
            }
            return "s" + s
        case .number(let x):
            return numberKey(x.doubleValue, integerText: x.kind == .integer ? x.canonical : nil)
        case .bool(let b): return b ? "btrue" : "bfalse"
        case .null: return "z"
        default: return nil
        }
    }

    /// A number as JSON writes it (`80`, `-1.5`, `1e3`): `"01"` and `"+1"` stay strings, as a
    /// template author who wrote them meant.
    static func looksNumeric(_ s: String) -> Bool {
        var u = Array(s.utf8)[...]
        func digits() -> Int {
            var n = 0
            while let c = u.first, c >= 48 && c <= 57 {
                u = u.dropFirst()
                n += 1
            }
            return n
        }
        if u.first == UInt8(ascii: "-") { u = u.dropFirst() }
        let leadingZero = u.first == 48
        let intDigits = digits()
        if intDigits == 0 || (leadingZero && intDigits > 1) { return false }
        if u.first == UInt8(ascii: ".") {
            u = u.dropFirst()
            if digits() == 0 { return false }
        }
        if u.first == UInt8(ascii: "e") || u.first == UInt8(ascii: "E") {
            u = u.dropFirst()
            if u.first == UInt8(ascii: "+") || u.first == UInt8(ascii: "-") { u = u.dropFirst() }
            if digits() == 0 { return false }
        }
        return u.isEmpty
    }

    private static func numberKey(_ d: Double, integerText: String?) -> String {
        // Integers beyond 2^53 compare by their digits, not a rounded double.
        if let t = integerText, let i = Int(t), abs(i) > (1 << 53) { return "n" + String(i) }
        return "n" + String(d)
    }

    /// A function's argument as CloudFormation reads it: `Fn::Sub: [text, {}]` is `Fn::Sub: text`.
    static func argument(_ f: Intrinsic) -> Node {
        if f.name == .sub, let items = f.argument.listValue, items.count == 2, items[1].mapValue?.isEmpty == true {
            return items[0]
        }
        return f.argument
    }

    // MARK: canonical rendering

    /// A text that two values share exactly when `equal` says they mean the same (for hashing
    /// list items as sets, and resources for rename detection).
    static func canonical(_ n: Node, key: String? = nil, _ context: Context = .plain) -> String {
        var out = ""
        write(n, key: key, context, into: &out)
        return out
    }

    private static func write(_ n: Node, key: String?, _ context: Context, into out: inout String) {
        switch n.value {
        case .list(let items):
            if key == "DependsOn" && items.count == 1 {
                write(items[0], key: nil, context, into: &out)
                return
            }
            out += "["
            if isSet(key: key, context) {
                let ic = itemContext(key: key, context)
                for s in items.map({ canonical($0, ic) }).sorted() {
                    out += s
                    out += ","
                }
            } else {
                for item in items {
                    write(item, key: nil, context, into: &out)
                    out += ","
                }
            }
            out += "]"
        case .map(let m):
            out += "{"
            for e in m.entries.sorted(by: { $0.key < $1.key }) {
                out += String(e.key.utf8.count)
                out += ":"
                out += e.key
                out += "="
                write(e.value, key: e.key, context, into: &out)
                out += ","
            }
            out += "}"
        case .function(let f):
            // The same text as its one-key mapping, which is how unknown functions compare.
            out += "{"
            out += String(f.name.rawValue.utf8.count)
            out += ":"
            out += f.name.rawValue
            out += "="
            write(argument(f), key: nil, context, into: &out)
            out += ",}"
        default:
            let k = scalarKey(n) ?? "?"
            out += String(k.utf8.count)
            out += ":"
            out += k
        }
    }
}
