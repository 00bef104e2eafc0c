import CFNModel

/// Builds the parent and nested templates of a plan, rewriting every reference that crosses a
/// stack boundary. Logical ids never change:
/// - a value a nested stack needs becomes a parameter of that stack (a resource `X` it refers to
///   becomes a parameter named `X`, so `!Ref X` and `${X}` are left as they are);
/// - a value a nested stack provides becomes an output, read with `!GetAtt Stack.Outputs.Name`;
/// - sibling to sibling goes through the parent; `DependsOn` across stacks becomes a dependency
///   of or on the stack resource; conditions and mappings a stack uses are copied into it, with
///   the parameters they read.
final class StackBuilder {
    /// What a nested stack imports.
    enum Import: Hashable {
        case resource(String)
        case attribute(String, String)
        case parameter(String)
        case pseudo(String)
    }

    struct Child {
        var name: String
        var members: [String]
        var parameters: [(name: String, definition: Node)] = []
        var parameterValues: [(name: String, value: Node)] = []
        var parameterByImport: [Import: String] = [:]
        var outputs: [(name: String, value: Node, condition: String?)] = []
        var outputByExport: [Import: String] = [:]
        var conditions: Set<String> = []
        var mappings: Set<String> = []
        var dependsOn: [String] = []
        var names: Set<String>
        var outputNames: Set<String> = []
    }

    /// Pseudo-parameters whose value differs in a nested stack: passed down from the parent.
    static let parentPseudo: [String: String] = [
        "AWS::StackName": "ParentStackName", "AWS::StackId": "ParentStackId", "AWS::NotificationARNs": "ParentNotificationARNs",
    ]

    /// Attributes that return a list: they cross a stack boundary joined with commas.
    static let listAttributes: Set<String> = [
        "AWS::EC2::VPC.CidrBlockAssociations", "AWS::EC2::VPC.Ipv6CidrBlocks", "AWS::EC2::Subnet.Ipv6CidrBlocks",
        "AWS::EC2::VPCEndpoint.DnsEntries", "AWS::EC2::VPCEndpoint.NetworkInterfaceIds",
        "AWS::EC2::NetworkInterface.SecondaryPrivateIpAddresses", "AWS::Route53::HostedZone.NameServers",
        "AWS::ElasticLoadBalancingV2::LoadBalancer.SecurityGroups", "AWS::DirectoryService::MicrosoftAD.DnsIpAddresses",
        "AWS::DirectoryService::SimpleAD.DnsIpAddresses", "AWS::EKS::Nodegroup.RemoteAccess",
    ]

    let source: Template
    let plan: Plan
    let resources: Map
    let parameterDefinitions: Map
    let order: [String]
    private(set) var children: [Child] = []
    private(set) var problems: [String] = []
    private var parentDependsOn: [String: [String]] = [:]
    private var parentConditionsNeeded: Set<String> = []
    private var allNames: Set<String>

    init(source: Template, plan: Plan) {
        self.source = source
        self.plan = plan
        self.resources = source.root["Resources"]?.mapValue ?? Map()
        self.parameterDefinitions = source.root["Parameters"]?.mapValue ?? Map()
        self.order = resources.keys
        var names = Set(order)
        names.formUnion(parameterDefinitions.keys)
        names.formUnion(plan.stackNames)
        self.allNames = names
        let members = plan.members(in: order)
        for (i, name) in plan.stackNames.enumerated() {
            children.append(Child(name: name, members: members[i], names: names))
        }
    }

    private func holder(_ id: String) -> Int? { plan.stackOf[id] }
    private func isResource(_ id: String) -> Bool { resources.indexOf(id) != nil }
    private func isParameter(_ id: String) -> Bool { parameterDefinitions.indexOf(id) != nil }
    private func type(of id: String) -> String { resources[id]?["Type"]?.stringValue ?? "" }
    private func condition(of id: String) -> String? { resources[id]?["Condition"]?.stringValue }

    private func isList(_ imp: Import) -> Bool {
        switch imp {
        case .attribute(let x, let a): return StackBuilder.listAttributes.contains(type(of: x) + "." + a)
        case .parameter(let p): return StackBuilder.isListType(parameterDefinitions[p]?["Type"]?.stringValue ?? "")
        case .pseudo(let p): return p == "AWS::NotificationARNs"
        case .resource: return false
        }
    }

    static func isListType(_ t: String) -> Bool {
        t == "CommaDelimitedList" || t.hasPrefix("List<") || t.hasPrefix("AWS::SSM::Parameter::Value<List<")
            || t == "AWS::SSM::Parameter::Value<CommaDelimitedList>"
    }

    private static func alnum(_ s: String) -> String {
        String(s.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init))
    }

    private static func unique(_ base: String, in used: Set<String>) -> String {
        if !used.contains(base) { return base }
        var n = 2
        while used.contains(base + String(n)) { n += 1 }
        return base + String(n)
    }

    // MARK: values across boundaries

    /// The original expression of an import, in the namespace of the stack that holds it.
    private func localExpression(_ imp: Import) -> Node {
        switch imp {
        case .resource(let x), .parameter(let x), .pseudo(let x): return Node(.function(Intrinsic(.ref, .string(x))))
        case .attribute(let x, let a):
            return Node(.function(Intrinsic(.getAtt, Node(.list([.string(x), .string(a)])))))
        }
    }

    /// Makes the stack holding `imp` export it; returns the output's name.
    private func export(from t: Int, _ imp: Import) -> String {
        if let name = children[t].outputByExport[imp] { return name }
        let (x, base): (String, String)
        switch imp {
        case .resource(let r): (x, base) = (r, r)
        case .attribute(let r, let a): (x, base) = (r, r + StackBuilder.alnum(a))
        default: return "?"
        }
        let name = StackBuilder.unique(base, in: children[t].outputNames)
        var value = localExpression(imp)
        if isList(imp) { value = join(value) }
        children[t].outputNames.insert(name)
        children[t].outputByExport[imp] = name
        children[t].outputs.append((name, value, condition(of: x)))
        return name
    }

    private func join(_ v: Node) -> Node {
        Node(.function(Intrinsic(.join, Node(.list([.string(","), v])))))
    }

    private func stackOutput(_ t: Int, _ output: String) -> Node {
        Node(.function(Intrinsic(.getAtt, Node(.list([.string(children[t].name), .string("Outputs." + output)])))))
    }

    /// The value of an import as the parent sees it.
    private func parentExpression(_ imp: Import) -> Node {
        switch imp {
        case .resource(let x), .attribute(let x, _):
            if let t = holder(x) { return stackOutput(t, export(from: t, imp)) }
            return localExpression(imp)
        case .parameter, .pseudo:
            return localExpression(imp)
        }
    }

    /// Makes nested stack `s` receive `imp` as a parameter; returns the parameter's name.
    private func importInto(_ s: Int, _ imp: Import) -> String {
        if let name = children[s].parameterByImport[imp] { return name }
        var base: String
        var definition = Map()
        switch imp {
        case .resource(let x): base = x
        case .attribute(let x, let a): base = x + StackBuilder.alnum(a)
        case .parameter(let p):
            base = p
            if let original = parameterDefinitions[p] {
                var t = original["Type"]?.stringValue ?? "String"
                if t.hasPrefix("AWS::SSM::Parameter::Value<") { t = StackBuilder.isListType(t) ? "CommaDelimitedList" : "String" }
                definition["Type"] = .string(t)
                if let echo = original["NoEcho"] { definition["NoEcho"] = echo }
            }
        case .pseudo(let p): base = StackBuilder.parentPseudo[p] ?? StackBuilder.alnum(p)
        }
        if definition["Type"] == nil { definition["Type"] = .string(isList(imp) ? "CommaDelimitedList" : "String") }
        // A resource or parameter keeps its own name (`!Ref X` stays `!Ref X`); others get a fresh one.
        let name = base == keepsName(imp) ? base : StackBuilder.unique(base, in: children[s].names)
        children[s].names.insert(name)
        children[s].parameterByImport[imp] = name
        children[s].parameters.append((name, Node(.map(definition))))
        var value = parentExpression(imp)
        switch imp {
        case .resource(let x), .attribute(let x, _):
            if holder(x) == nil && isList(imp) { value = join(value) }
            if let c = condition(of: x) {
                parentConditionsNeeded.insert(c)
                value = Node(.function(Intrinsic(.if, Node(.list([.string(c), value, .string("")])))))
            }
        case .parameter, .pseudo:
            if isList(imp) { value = join(value) }
        }
        children[s].parameterValues.append((name, value))
        return name
    }

    /// A resource or parameter imported under its own name keeps it (`!Ref X` stays `!Ref X`).
    private func keepsName(_ imp: Import) -> String? {
        switch imp {
        case .resource(let x), .parameter(let x): return x
        default: return nil
        }
    }

    // MARK: rewriting

    /// `node` as it must be written in stack `s` (nil: the parent).
    func rewrite(_ node: Node, in s: Int?) -> Node {
        switch node.value {
        case .list(let items):
            var n = node
            n.value = .list(items.map { rewrite($0, in: s) })
            return n
        case .map(let m):
            var n = node
            n.value = .map(m.mapValues { rewrite($0, in: s) })
            return n
        case .function(let f):
            return rewrite(f, node, in: s)
        default:
            return node
        }
    }

    private func rewrite(_ f: Intrinsic, _ node: Node, in s: Int?) -> Node {
        var f = f
        switch f.name {
        case .ref:
            guard let x = f.argument.stringValue else { break }
            if let replaced = reference(.ref, x, nil, in: s) { return replaced }
            return node
        case .getAtt:
            guard let items = f.argument.listValue, items.count == 2, let x = items[0].stringValue, isResource(x) else { break }
            guard let a = items[1].stringValue else {
                if holder(x) != s { problems.append("Fn::GetAtt of \(x) with a computed attribute name cannot cross a stack boundary") }
                break
            }
            if let replaced = reference(.getAtt, x, a, in: s) { return replaced }
            return node
        case .sub:
            var locals: Set<String> = []
            var templateNode: Node
            var vars: Node? = nil
            if case .string = f.argument.value {
                templateNode = f.argument
            } else if let items = f.argument.listValue, let first = items.first {
                templateNode = first
                if items.count > 1 {
                    vars = rewrite(items[1], in: s)
                    locals = Set(items[1].mapValue?.keys ?? [])
                }
            } else {
                break
            }
            if let str = templateNode.stringValue {
                var t = SubTemplate(str)
                var changed = false
                t.parts = t.parts.map { part in
                    guard case .variable(let name, let attr) = part, !locals.contains(name), let new = subVariable(name, attr, in: s) else {
                        return part
                    }
                    changed = true
                    return new
                }
                // Untouched strings stay exactly as written (`${ Name }` keeps its spaces).
                if changed { templateNode.value = .string(t.string) }
            }
            if let vars {
                f.argument.value = .list([templateNode, vars] + (f.argument.listValue?.dropFirst(2) ?? []))
            } else if case .string = f.argument.value {
                f.argument = templateNode
            } else if let items = f.argument.listValue {
                f.argument.value = .list([templateNode] + items.dropFirst())
            }
            var n = node
            n.value = .function(f)
            return n
        case .if:
            if let s, let c = f.argument.listValue?.first?.stringValue { needCondition(c, in: s) }
        case .condition:
            if let s, let c = f.argument.stringValue { needCondition(c, in: s) }
            return node
        case .findInMap:
            if let s, let m = f.argument.listValue?.first?.stringValue { children[s].mappings.insert(m) }
        default:
            break
        }
        f.argument = rewrite(f.argument, in: s)
        var n = node
        n.value = .function(f)
        return n
    }

    /// A `Ref` or `GetAtt` of `x` written in stack `s`, or nil when it stays as it is.
    private func reference(_ kind: FunctionName, _ x: String, _ attribute: String?, in s: Int?) -> Node? {
        guard let imp = importFor(x, attribute) else { return nil }
        switch imp {
        case .resource(let r), .attribute(let r, _):
            if holder(r) == s { return nil }
        case .parameter, .pseudo:
            if s == nil { return nil }
        }
        if let s {
            let name = importInto(s, imp)
            return Node(.function(Intrinsic(.ref, .string(name))))
        }
        // A list that crossed as a joined string is split again.
        if case .attribute(let x, _) = imp, holder(x) != nil, isList(imp) {
            return Node(.function(Intrinsic(.split, Node(.list([.string(","), parentExpression(imp)])))))
        }
        return parentExpression(imp)
    }

    /// What referring to `x` (with an attribute, for GetAtt) from stack `s` needs, or nil for nothing.
    private func importFor(_ x: String, _ attribute: String?) -> Import? {
        if let attribute {
            guard isResource(x) else { return nil }
            return .attribute(x, attribute)
        }
        if isParameter(x) { return .parameter(x) }
        if StackBuilder.parentPseudo[x] != nil { return .pseudo(x) }
        if isResource(x) { return .resource(x) }
        return nil
    }

    /// `${x}` / `${x.attr}` as it must be written in stack `s`.
    private func subVariable(_ x: String, _ attribute: String?, in s: Int?) -> SubTemplate.Part? {
        guard let imp = importFor(x, attribute) else { return nil }
        if let s {
            if case .resource(let r) = imp, holder(r) == s { return nil }
            if case .attribute(let r, _) = imp, holder(r) == s { return nil }
            return .variable(name: importInto(s, imp), attribute: nil)
        }
        switch imp {
        case .resource(let r), .attribute(let r, _):
            guard let t = holder(r) else { return nil }
            return .variable(name: children[t].name, attribute: "Outputs." + export(from: t, imp))
        default:
            return nil
        }
    }

    private func needCondition(_ c: String, in s: Int) {
        guard !children[s].conditions.contains(c) else { return }
        children[s].conditions.insert(c)
        if let expression = source.root["Conditions"]?[c] { _ = rewrite(expression, in: s) }
    }

    // MARK: building

    /// Rewrites a resource for stack `s`.
    private func resource(_ id: String, in s: Int?) -> Node {
        guard var attrs = resources[id]?.mapValue, let node = resources[id] else { return resources[id] ?? Node(.null) }
        var out = Map()
        for e in attrs.entries {
            var e2 = e
            switch e.key {
            case "Type", "DeletionPolicy", "UpdateReplacePolicy":
                break
            case "Condition":
                if let s, let c = e.value.stringValue { needCondition(c, in: s) }
            case "DependsOn":
                let items = e.value.stringValue.map { _ in [e.value] } ?? e.value.listValue ?? []
                var kept: [Node] = []
                var seen: Set<String> = []
                for item in items {
                    guard let target = item.stringValue else {
                        kept.append(item)
                        continue
                    }
                    if holder(target) == s || !isResource(target) {
                        if seen.insert(target).inserted { kept.append(item) }
                        continue
                    }
                    let via = holder(target).map { children[$0].name } ?? target
                    if let s {
                        if !children[s].dependsOn.contains(via) { children[s].dependsOn.append(via) }
                    } else if seen.insert(via).inserted {
                        kept.append(.string(via))
                    }
                }
                if kept.isEmpty { continue }
                e2.value.value = (e.value.stringValue != nil && kept.count == 1) ? kept[0].value : .list(kept)
            default:
                e2.value = rewrite(e.value, in: s)
            }
            out[entry: e.key] = e2
        }
        // In the parent, a stack that a value here reads is waited for already (cfn-lint W3005).
        if s == nil, let d = out["DependsOn"] {
            var others = out
            others.remove("DependsOn")
            let read = Set(Node(.map(others)).references.map(\.target))
            let stacks = Set(children.map(\.name))
            let items = d.stringValue.map { _ in [d] } ?? d.listValue ?? []
            let kept = items.filter { item in item.stringValue.map { !(stacks.contains($0) && read.contains($0)) } ?? true }
            if kept.isEmpty {
                out.remove("DependsOn")
            } else if kept.count != items.count {
                var e = d
                e.value = kept.count == 1 && d.stringValue != nil ? kept[0].value : .list(kept)
                out["DependsOn"] = e
            }
        }
        attrs = out
        var n = node
        n.value = .map(attrs)
        return n
    }

    /// The parent template and the nested templates (their `TemplateURL`s left for the caller).
    func build() -> (parent: Template, children: [Template]) {
        var parentResources = Map()
        var childResources = Array(repeating: Map(), count: children.count)
        for id in order {
            guard let e = resources[entry: id] else { continue }
            var e2 = e
            if let s = holder(id) {
                e2.value = resource(id, in: s)
                childResources[s][entry: id] = e2
            } else {
                e2.value = resource(id, in: nil)
                parentResources[entry: id] = e2
            }
        }
        var parentOutputs: Map? = nil
        if let outputs = source.root["Outputs"]?.mapValue {
            var o = Map()
            for e in outputs.entries {
                var e2 = e
                e2.value = rewrite(e.value, in: nil)
                o[entry: e.key] = e2
            }
            parentOutputs = o
        }
        // Stack resources go last, in plan order.
        for (s, child) in children.enumerated() {
            var props = Map()
            props["TemplateURL"] = .string("")
            if !child.parameterValues.isEmpty {
                var p = Map()
                for (name, value) in child.parameterValues { p[name] = value }
                props["Parameters"] = Node(.map(p))
            }
            var attrs = Map()
            attrs["Type"] = .string("AWS::CloudFormation::Stack")
            // A stack it reads a value of is waited for already (cfn-lint W3005 otherwise).
            let read = Set(child.parameterValues.flatMap { $0.value.references.filter { $0.kind != .dependsOn }.map(\.target) })
            let waits = child.dependsOn.filter { !read.contains($0) }
            if !waits.isEmpty { attrs["DependsOn"] = Node(.list(waits.sorted().map { .string($0) })) }
            attrs["Properties"] = Node(.map(props))
            parentResources[child.name] = Node(.map(attrs))
            _ = s
        }
        var parentRoot = Map()
        for e in source.root.entries {
            var e2 = e
            switch e.key {
            case "Resources": e2.value = Node(.map(parentResources))
            case "Outputs": e2.value = Node(.map(parentOutputs ?? Map()))
            default: break
            }
            parentRoot[entry: e.key] = e2
        }
        var parent = Template(root: parentRoot, format: source.format, path: source.path)
        parent = prune(parent)
        let childTemplates = children.enumerated().map { (s, child) in makeChild(s, child, childResources[s]) }
        return (parent, childTemplates)
    }

    private func makeChild(_ s: Int, _ child: Child, _ res: Map) -> Template {
        var root = Map()
        root["AWSTemplateFormatVersion"] = Node(.string("2010-09-09"), style: .singleQuoted)
        root["Description"] = .string("Nested stack \(child.name) of \(StackBuilder.baseName(source.path)), written by cfntool split")
        if !child.parameters.isEmpty {
            var p = Map()
            for (name, def) in child.parameters { p[name] = def }
            root["Parameters"] = Node(.map(p))
        }
        if !child.mappings.isEmpty, let all = source.root["Mappings"]?.mapValue {
            var m = Map()
            for e in all.entries where child.mappings.contains(e.key) { m[entry: e.key] = e }
            root["Mappings"] = Node(.map(m))
        }
        if !child.conditions.isEmpty, let all = source.root["Conditions"]?.mapValue {
            var c = Map()
            for e in all.entries where child.conditions.contains(e.key) {
                var e2 = e
                e2.value = rewrite(e.value, in: s)
                c[entry: e.key] = e2
            }
            root["Conditions"] = Node(.map(c))
        }
        root["Resources"] = Node(.map(res))
        if !child.outputs.isEmpty {
            var o = Map()
            for (name, value, condition) in child.outputs {
                var out = Map()
                if let condition { out["Condition"] = .string(condition) }
                out["Value"] = value
                o[name] = Node(.map(out))
            }
            root["Outputs"] = Node(.map(o))
        }
        return Template(root: root, format: source.format, path: child.name)
    }

    /// Drops the conditions and mappings the parent no longer uses.
    private func prune(_ t: Template) -> Template {
        var t = t
        let graph = DependencyGraph(t)
        var used: Set<String> = []
        for edge in graph.edges {
            let v = graph.vertices[edge.to]
            if v.kind == .condition || v.kind == .mapping { used.insert(v.kind.rawValue + ":" + v.name) }
        }
        // Conditions used only by unused conditions are still kept: harmless, and rare.
        for (section, kind) in [("Conditions", "condition"), ("Mappings", "mapping")] {
            guard var m = t.root[section]?.mapValue else { continue }
            for k in m.keys where !used.contains(kind + ":" + k) && !(kind == "condition" && parentConditionsNeeded.contains(k)) {
                m.remove(k)
            }
            if m.isEmpty { t.root.remove(section) } else { t.root[section] = Node(.map(m)) }
        }
        return t
    }

    static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
