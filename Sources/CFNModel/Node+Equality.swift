extension Node {
    /// Whether two nodes mean the same to CloudFormation: positions, quoting, key order and the
    /// form of intrinsic functions (short or long, dotted or list `GetAtt`) are ignored; numbers
    /// compare by value (`0755` equals `493`).
    public func isSemanticallyEqual(to other: Node) -> Bool {
        switch (value, other.value) {
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        case (.list(let a), .list(let b)):
            guard a.count == b.count else { return false }
            for k in a.indices where !a[k].isSemanticallyEqual(to: b[k]) { return false }
            return true
        case (.map(let a), .map(let b)):
            return a.isSemanticallyEqual(to: b)
        case (.function(let a), .function(let b)):
            return a.name == b.name && a.argument.isSemanticallyEqual(to: b.argument)
        case (.function(let f), .map(let m)), (.map(let m), .function(let f)):
            // A function CloudFormation does not know (`!Rain::Embed x`) is its one-key mapping.
            guard m.count == 1, let e = m.entries.first, e.key == f.name.rawValue else { return false }
            return e.value.isSemanticallyEqual(to: f.argument)
        default:
            return false
        }
    }
}

extension Map {
    /// Whether two maps hold the same keys with semantically equal values, in any order.
    public func isSemanticallyEqual(to other: Map) -> Bool {
        guard count == other.count else { return false }
        for e in entries {
            guard let v = other[e.key], e.value.isSemanticallyEqual(to: v) else { return false }
        }
        return true
    }
}

extension Template {
    /// Whether two templates mean the same (see `Node.isSemanticallyEqual(to:)`).
    public func isSemanticallyEqual(to other: Template) -> Bool {
        root.isSemanticallyEqual(to: other.root)
    }

    /// The path to the first difference between two templates, or nil when they mean the same.
    public func firstDifference(from other: Template) -> String? {
        Template.difference(rootNode, other.rootNode, path: "")
    }

    private static func difference(_ a: Node, _ b: Node, path: String) -> String? {
        switch (a.value, b.value) {
        case (.map(let x), .map(let y)):
            for e in x.entries {
                guard let v = y[e.key] else { return "\(path)/\(e.key) is missing" }
                if let d = difference(e.value, v, path: "\(path)/\(e.key)") { return d }
            }
            for e in y.entries where x[e.key] == nil { return "\(path)/\(e.key) was added" }
            return nil
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return "\(path) has \(x.count) items, then \(y.count)" }
            for k in x.indices {
                if let d = difference(x[k], y[k], path: "\(path)/\(k)") { return d }
            }
            return nil
        case (.function(let f), .function(let g)) where f.name == g.name:
            return difference(f.argument, g.argument, path: "\(path)/\(f.name)")
        case (.function(let f), .map(let m)) where m.count == 1 && m.entries[0].key == f.name.rawValue:
            return difference(f.argument, m.entries[0].value, path: "\(path)/\(f.name)")
        case (.map(let m), .function(let f)) where m.count == 1 && m.entries[0].key == f.name.rawValue:
            return difference(m.entries[0].value, f.argument, path: "\(path)/\(f.name)")
        default:
            return a.isSemanticallyEqual(to: b) ? nil : "\(path.isEmpty ? "/" : path) differs"
        }
    }
}
