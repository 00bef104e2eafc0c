import CFNModel

/// IAM policy statements and security-group rules, found in a resource and compared as sets.
enum Security {
    /// What was added to and removed from a resource's statements and rules.
    static func changes(old: Node?, new: Node?, type: String?) -> [SecurityChange] {
        var a: [Item] = []
        var b: [Item] = []
        if let old { collect(old, type: type, into: &a) }
        if let new { collect(new, type: type, into: &b) }
        if a.isEmpty && b.isEmpty { return [] }
        var remaining: [String: [Int]] = [:]
        for (i, item) in a.enumerated() { remaining[item.key, default: []].append(i) }
        var out: [SecurityChange] = []
        var addedOut: [SecurityChange] = []
        for item in b {
            if var list = remaining[item.key], !list.isEmpty {
                list.removeFirst()
                remaining[item.key] = list
            } else {
                addedOut.append(SecurityChange(kind: item.kind, added: true, path: item.path, fields: fields(item), node: item.node))
            }
        }
        for i in remaining.values.flatMap({ $0 }).sorted() {
            let item = a[i]
            out.append(SecurityChange(kind: item.kind, added: false, path: item.path, fields: fields(item), node: item.node))
        }
        return addedOut + out
    }

    private struct Item {
        var kind: SecurityChange.Kind
        var path: [PathComponent]
        var node: Node
        var key: String
    }

    private static func collect(_ resource: Node, type: String?, into out: inout [Item]) {
        guard let props = resource["Properties"] else { return }
        let base: [PathComponent] = [.key("Properties")]
        switch type {
        case "AWS::EC2::SecurityGroupIngress":
            out.append(Item(kind: .ingress, path: base, node: props, key: Semantics.canonical(props)))
            return
        case "AWS::EC2::SecurityGroupEgress":
            out.append(Item(kind: .egress, path: base, node: props, key: Semantics.canonical(props)))
            return
        default:
            break
        }
        walk(props, path: base, into: &out)
    }

    /// Every `Statement` list (IAM policies, inline or not) and every security-group rule list.
    private static func walk(_ node: Node, path: [PathComponent], into out: inout [Item]) {
        switch node.value {
        case .map(let m):
            for e in m.entries {
                let p = path + [.key(e.key)]
                if let items = e.value.listValue, let kind = kind(of: e.key) {
                    let context: Semantics.Context = kind == .statement ? .statement : .plain
                    for item in items {
                        out.append(Item(kind: kind, path: p, node: item, key: p.dotted + "#" + Semantics.canonical(item, context)))
                    }
                } else if e.key == "Statement", e.value.mapValue != nil {
                    // A single statement written as a mapping.
                    out.append(
                        Item(kind: .statement, path: p, node: e.value, key: p.dotted + "#" + Semantics.canonical(e.value, .statement))
                    )
                } else {
                    walk(e.value, path: p, into: &out)
                }
            }
        case .list(let items):
            for (i, item) in items.enumerated() { walk(item, path: path + [.index(i)], into: &out) }
        default:
            break
        }
    }

    private static func kind(of key: String) -> SecurityChange.Kind? {
        switch key {
        case "Statement": return .statement
        case "SecurityGroupIngress": return .ingress
        case "SecurityGroupEgress": return .egress
        default: return nil
        }
    }

    private static func fields(_ item: Item) -> [(name: String, value: String)] {
        let names: [String]
        switch item.kind {
        case .statement:
            names = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"]
        case .ingress, .egress:
            names = [
                "IpProtocol", "FromPort", "ToPort", "CidrIp", "CidrIpv6", "SourceSecurityGroupId", "SourceSecurityGroupName",
                "SourcePrefixListId", "DestinationSecurityGroupId", "DestinationPrefixListId", "GroupId", "Description",
            ]
        }
        // In a table, a plain string reads better without its quotes.
        func text(_ n: Node) -> String { n.stringValue ?? Inline.text(n) }
        guard let m = item.node.mapValue else { return [("Value", text(item.node))] }
        var out: [(String, String)] = []
        for n in names { if let v = m[n] { out.append((n, text(v))) } }
        for e in m.entries where !names.contains(e.key) { out.append((e.key, text(e.value))) }
        return out
    }
}
