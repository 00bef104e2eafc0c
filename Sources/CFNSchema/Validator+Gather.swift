import CFNModel

/// cfn-lint's `cfnGather` keyword, which several constraint schemas are written in (an Auto
/// Scaling group's `MaxSize` at least its `MinSize`, an event source mapping's batch size for
/// the FIFO queue it reads): named groups of properties are gathered, of this resource
/// ("local") and of the resources it names with a `Ref` or `Fn::GetAtt` at a path ("remote",
/// of a type the spec may fix), into one mapping `{group: {name: value}}`, which is checked
/// against the spec's schema after each `{"$data": "/group/name"}` in it is replaced by the
/// gathered value. A value is reported where it was read (a remote group on that resource's
/// `Properties`). Of a `Fn::If` the first branch that has the value is read, as cfn-lint does.
extension Validator {
    mutating func checkGather(_ instance: Map, _ spec: JSONValue, at: SourceRange, hops: Int) {
        guard let groups = spec["gather"]?.members, let schema = spec["schema"] else { return }
        let locals = groups.filter { $0.1["reference"] == nil }
        let remotes = groups.filter { $0.1["reference"] != nil }
        let here = Node(.map(instance), range: at)
        let localEntries = locals.map { group($0.0, $0.1["properties"], from: here, at: at, type: nil) }
        guard let primary = remotes.first else {
            if !locals.isEmpty { checkGathered(localEntries, schema, at: at, hops: hops) }
            return
        }
        for ref in Self.gatherValues(here, Self.gatherPath(primary.1["reference"])) {
            guard let name = Self.referencedResource(ref.node) else {
                // A literal (an ARN, a name) names nothing in the template: only this resource's
                // groups are checked; another function is not followed.
                if ref.node.functionValue == nil { checkGathered(localEntries, schema, at: at, hops: hops) }
                continue
            }
            guard let target = remote(name, primary.1) else { continue }
            var entries = localEntries
            for (groupName, groupSpec) in remotes {
                let resource: (name: String, node: Node, type: String)?
                if groupName == primary.0 {
                    resource = target
                } else {
                    let names = Self.gatherValues(here, Self.gatherPath(groupSpec["reference"])).compactMap {
                        Self.referencedResource($0.node)
                    }
                    resource = names.compactMap { remote($0, groupSpec) }.first
                }
                guard let resource else { continue }
                let entry = context.resources[entry: resource.name]
                let properties = entry?.value.mapValue?[entry: "Properties"]
                let source = properties?.value ?? Node(.map(Map()))
                let place = properties?.keyRange ?? entry?.keyRange ?? at
                entries.append(group(groupName, groupSpec["properties"], from: source, at: place, type: resource.type))
            }
            checkGathered(entries, schema, at: at, hops: hops)
        }
    }

    /// The resource `name` when the template has it and it is of the type `spec` asks for.
    private func remote(_ name: String, _ spec: JSONValue) -> (name: String, node: Node, type: String)? {
        guard let node = context.resources[name], let type = context.resourceTypes[name] else { return nil }
        if let wanted = spec["filter"]?["type"]?.string, wanted != type { return nil }
        return (name, node, type)
    }

    /// One group: each named property read at its path under `source` (or its default, or the
    /// resource type for `$type`), as a mapping entry placed at `at`.
    private func group(_ name: String, _ properties: JSONValue?, from source: Node, at: SourceRange, type: String?) -> Map.Entry {
        var entries: [Map.Entry] = []
        for (key, spec) in properties?.members ?? [] {
            if spec.string == "$type" {
                if let type { entries.append(Map.Entry(key: key, value: Node(.string(type), range: at), keyRange: at)) }
                continue
            }
            let path = spec.string ?? spec["path"]?.string ?? ""
            if let found = Self.gatherValues(source, Self.gatherPath(.string(path))).first {
                entries.append(Map.Entry(key: key, value: found.node, keyRange: found.at ?? at))
            } else if let fallback = spec["default"], let value = Self.node(fallback, at: at) {
                entries.append(Map.Entry(key: key, value: value, keyRange: at))
            }
        }
        return Map.Entry(key: name, value: Node(.map(Map(entries)), range: at), keyRange: at)
    }

    /// Checks the gathered groups against the spec's schema with its `$data` filled in.
    private mutating func checkGathered(_ groups: [Map.Entry], _ schema: JSONValue, at: SourceRange, hops: Int) {
        let gathered = Map(groups)
        let compiled = SchemaNode.compile(Self.resolveData(schema, gathered))
        check(Node(.map(gathered), range: at), compiled, at: at, hops: hops + 1)
    }

    /// The schema keywords whose value may be a `$data` pointer, and those of them that take a
    /// number.
    static let dataKeywords: Set<String> = [
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
        "const", "enum", "pattern",
    ]
    static let numericKeywords: Set<String> = [
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
    ]

    /// `schema` with each `$data` (and `$lookup`) replaced by the gathered value it points to. A
    /// keyword whose pointer finds nothing, or finds a function's value (unknown before
    /// deployment), is left out: it asks nothing.
    static func resolveData(_ schema: JSONValue, _ gathered: Map) -> JSONValue {
        switch schema {
        case .object(let members):
            var out: [(String, JSONValue)] = []
            for (key, value) in members {
                guard dataKeywords.contains(key), value["$data"] != nil || value["$lookup"] != nil else {
                    out.append((key, resolveData(value, gathered)))
                    continue
                }
                guard var resolved = dataValue(value, gathered) else { continue }
                if numericKeywords.contains(key) {
                    guard let d = resolved.number ?? resolved.string.flatMap(Double.init) else { continue }
                    // A length or an item count is a whole number.
                    resolved = .number(key.hasSuffix("Length") || key.hasSuffix("Items") ? d.rounded(.towardZero) : d)
                }
                if key == "pattern", resolved.string == nil { continue }
                out.append((key, resolved))
            }
            return .object(out)
        case .array(let items):
            return .array(items.map { resolveData($0, gathered) })
        default:
            return schema
        }
    }

    /// What a `{"$data": pointer}` or `{"$lookup": {key, map}}` stands for; nil when nothing.
    private static func dataValue(_ value: JSONValue, _ gathered: Map) -> JSONValue? {
        if let lookup = value["$lookup"] {
            guard let key = lookup["key"].flatMap({ dataValue($0, gathered) })?.string else { return nil }
            return lookup["map"]?[key]
        }
        guard let pointer = value["$data"]?.string, pointer.hasPrefix("/") else { return nil }
        var current: Node? = Node(.map(gathered))
        for part in pointer.split(separator: "/") {
            guard let node = current else { return nil }
            if let map = node.mapValue {
                current = map[String(part)]
            } else if let list = node.listValue, let i = Int(part), list.indices.contains(i) {
                current = list[i]
            } else {
                return nil
            }
        }
        return current.flatMap(json)
    }

    /// A template scalar as a JSON value; nil for a function, a mapping or a list.
    private static func json(_ node: Node) -> JSONValue? {
        switch node.value {
        case .string(let s): return .string(s)
        case .number(let n): return .number(n.doubleValue)
        case .bool(let b): return .bool(b)
        default: return nil
        }
    }

    /// A spec's default as a template value.
    private static func node(_ value: JSONValue, at: SourceRange) -> Node? {
        switch value {
        case .string(let s): return Node(.string(s), range: at)
        case .bool(let b): return Node(.bool(b), range: at)
        case .number(let d) where d == d.rounded() && abs(d) < 1e15: return Node(.number(Number(Int(d))), range: at)
        default: return nil
        }
    }

    /// The keys of a gather path (`/DeploymentId`; `.` or empty: the value itself).
    static func gatherPath(_ path: JSONValue?) -> [String] {
        guard let text = path?.string, text != "." else { return [] }
        return text.split(separator: "/").map(String.init)
    }

    /// The logical id a `Ref` or `Fn::GetAtt` names; nil for anything else.
    static func referencedResource(_ node: Node) -> String? {
        guard let f = node.functionValue else { return nil }
        switch f.name {
        case .ref: return f.refTarget
        case .getAtt:
            if let list = f.argument.listValue { return list.first?.scalarText }
            return f.argument.stringValue.map { String($0.prefix { $0 != "." }) }
        default: return nil
        }
    }

    /// The values at `path` under `node` (`*`: each list item), each `Fn::If` followed into
    /// both branches (the first first), with the key each was read at; a missing value, a null and `!Ref AWS::NoValue`
    /// give nothing.
    static func gatherValues(_ node: Node, _ path: [String]) -> [(node: Node, at: SourceRange?)] {
        func walk(_ node: Node, _ rest: ArraySlice<String>, _ at: SourceRange?, _ depth: Int) -> [(node: Node, at: SourceRange?)] {
            if case .null = node.value { return [] }
            guard depth < 32, !node.isNoValue else { return [] }
            if let f = node.functionValue, f.name == .if, let args = f.argument.listValue, args.count == 3 {
                return walk(args[1], rest, at ?? args[1].range, depth + 1) + walk(args[2], rest, at ?? args[2].range, depth + 1)
            }
            guard let key = rest.first else { return [(node, at)] }
            if key == "*" {
                return (node.listValue ?? []).flatMap { walk($0, rest.dropFirst(), $0.range, depth + 1) }
            }
            guard let entry = node.mapValue?[entry: key] else { return [] }
            return walk(entry.value, rest.dropFirst(), entry.keyRange, depth + 1)
        }
        return walk(node, path[...], nil, 0)
    }
}
