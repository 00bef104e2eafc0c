import CFNModel

/// `AWS::LanguageExtensions`, applied before the SAM transform as CloudFormation applies the
/// transforms in the order `Transform` lists them:
/// - `Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]` in `Conditions`,
///   `Resources` (and anywhere in a resource's `Properties`) and `Outputs`: one copy of the
///   fragment per item, `${Identifier}` and `&{Identifier}` (the item without its
///   non-alphanumeric characters) replaced in keys and strings and `Ref: Identifier` by the item;
///   loops nest;
/// - `Fn::Length` (the number of items of a list), `Fn::ToJsonString` (a mapping or list as
///   compact JSON, values known only at deploy time put in through a `Fn::Sub`);
/// - `Fn::FindInMap` resolved where its keys are known (with a `DefaultValue` when the mapping
///   lacks them), its keys written with `Ref`, `Fn::Join`, `Fn::Sub`, `Fn::Select`, `Fn::Split`,
///   `Fn::If`, `Fn::Length`, `Fn::ToJsonString` or another `Fn::FindInMap`;
/// - functions as the arguments of `Ref` and `Fn::GetAtt`, and in `DeletionPolicy` and
///   `UpdateReplacePolicy`, resolved to the names and policies they give.
///
/// Values are what the transform knows offline: parameter values (given or default), the region
/// and partition. A loop over, or the length of, a value it cannot know is an error naming what
/// to give.
enum LanguageExtensions {
    static let name = "AWS::LanguageExtensions"

    static func apply(to template: Template, options: SAMTransform.Options) throws(SAMErrors) -> Template {
        var run = Run(template: template, options: options)
        let root = run.process(template.root)
        guard run.errors.isEmpty else { throw SAMErrors(run.errors) }
        return Template(root: root, format: template.format, path: template.path, range: template.range)
    }
}

/// One application of the language extensions to a template.
private struct Run {
    var errors: [SAMError] = []
    let parameters: Map
    let mappings: Map
    var conditions: Map
    let options: SAMTransform.Options
    let partition: String
    /// Conditions being evaluated (a condition that names itself is unknown, not a hang).
    var evaluating: Set<String> = []
    /// How many more copies loops may make: CloudFormation's templates are far smaller, and
    /// nested loops over long lists must not hang the transform.
    var budget = 10_000

    init(template: Template, options: SAMTransform.Options) {
        self.options = options
        self.partition = options.partition ?? Partition.of(region: options.region)
        self.parameters = template.root["Parameters"]?.mapValue ?? Map()
        self.mappings = template.root["Mappings"]?.mapValue ?? Map()
        self.conditions = template.root["Conditions"]?.mapValue ?? Map()
    }

    // MARK: The template

    mutating func process(_ root: Map) -> Map {
        var out = root
        if let entry = root[entry: "Conditions"], let map = entry.value.mapValue {
            let expanded = expandLoops(in: map, owner: nil)
            conditions = expanded
            out["Conditions"] = Node(.map(simplifyValues(expanded, owner: nil)), range: entry.value.range)
        }
        if let entry = root[entry: "Resources"], let map = entry.value.mapValue {
            var resources = Map()
            for resource in expandLoops(in: map, owner: nil) {
                guard var r = resource.value.mapValue else {
                    resources[entry: resource.key] = resource
                    continue
                }
                if let properties = r["Properties"], properties.mapValue != nil {
                    r["Properties"] = expandNestedLoops(properties, owner: resource.key)
                }
                // SAM's embedded `Connectors` hold properties too.
                for key in ["Properties", "Connectors"] where r[key] != nil {
                    r[key] = simplify(r[key]!, owner: resource.key)
                }
                for key in ["DeletionPolicy", "UpdateReplacePolicy"] {
                    guard let policy = r[key], policy.isIntrinsic else { continue }
                    if let value = self.value(simplify(policy, owner: resource.key)), value.stringValue != nil {
                        r[key] = Node(value.value, range: policy.range)
                    }
                }
                var e = resource
                e.value = Node(.map(r), range: resource.value.range)
                resources[entry: resource.key] = e
            }
            out["Resources"] = Node(.map(resources), range: entry.value.range)
        }
        if let entry = root[entry: "Outputs"], let map = entry.value.mapValue {
            out["Outputs"] = Node(.map(simplifyValues(expandLoops(in: map, owner: nil), owner: nil)), range: entry.value.range)
        }
        if let entry = root[entry: "Globals"], entry.value.mapValue != nil {
            out["Globals"] = simplify(entry.value, owner: nil)
        }
        if let transforms = root["Transform"]?.listValue {
            let kept = transforms.filter { $0.stringValue != LanguageExtensions.name }
            out["Transform"] = Node(.list(kept), range: root["Transform"]!.range)
        } else if root["Transform"]?.stringValue == LanguageExtensions.name {
            _ = out.remove("Transform")
        }
        return out
    }

    private mutating func simplifyValues(_ map: Map, owner: String?) -> Map {
        var out = map
        for entry in map { out[entry.key] = simplify(entry.value, owner: owner ?? entry.key) }
        return out
    }

    // MARK: Fn::ForEach

    static let loopPrefix = "Fn::ForEach::"

    /// A section (or a fragment) with its loops replaced by what they make, in place.
    mutating func expandLoops(in map: Map, owner: String?) -> Map {
        var out: [Map.Entry] = []
        var seen = Set<String>()
        for entry in map {
            guard entry.key.hasPrefix(Run.loopPrefix) else {
                if seen.insert(entry.key).inserted { out.append(entry) }
                continue
            }
            var repeated = false
            for made in expandLoop(entry, owner: owner) {
                guard seen.insert(made.key).inserted else {
                    // One error per loop: the first key it repeats.
                    if repeated { continue }
                    repeated = true
                    errors.append(
                        SAMError(
                            "\(entry.key) makes '\(made.key)', which is already defined here; give each copy a key "
                                + "that holds the loop's identifier (${Identifier} or &{Identifier}).",
                            logicalId: owner,
                            range: entry.keyRange
                        )
                    )
                    continue
                }
                out.append(made)
            }
        }
        return Map(out)
    }

    /// What one loop makes.
    private mutating func expandLoop(_ loop: Map.Entry, owner: String?) -> [Map.Entry] {
        func fail(_ message: String) -> [Map.Entry] {
            errors.append(SAMError("\(loop.key): \(message)", logicalId: owner, range: loop.keyRange))
            return []
        }
        guard let items = loop.value.listValue, items.count == 3 else {
            return fail("it takes a list of three items: the identifier, the collection and the fragment to repeat.")
        }
        var identifiers: [String] = []
        if let single = items[0].stringValue {
            identifiers = [single]
        } else if let many = items[0].listValue {
            identifiers = many.compactMap(\.stringValue)
            if identifiers.count != many.count { identifiers = [] }
        }
        guard !identifiers.isEmpty, identifiers.allSatisfy({ !$0.isEmpty }) else {
            return fail("the identifier (the first item) must be a string, or a list of strings.")
        }
        for id in identifiers where parameters[id] != nil {
            return fail("the identifier '\(id)' is also the name of a parameter; choose another.")
        }
        guard let body = items[2].mapValue else { return fail("the fragment to repeat (the third item) must be a mapping.") }
        let collectionNode = simplify(items[1], owner: owner)
        guard let collection = value(collectionNode)?.listValue else {
            var hint = "the collection (the second item) must be a list"
            if let name = collectionNode.functionValue?.refTarget {
                hint += "; give the parameter '\(name)' a value (--parameter \(name)=a,b,c)"
            } else if collectionNode.isIntrinsic {
                hint += ", known before deployment (a list, or a Ref to a list parameter)"
            }
            return fail(hint + ".")
        }
        var out: [Map.Entry] = []
        for item in collection {
            budget -= 1
            guard budget >= 0 else {
                // Said once: the loops after this one make nothing more.
                return budget == -1 ? fail("the loops make more than 10000 copies; CloudFormation refuses templates that large.") : []
            }
            var values: [String] = []
            if identifiers.count == 1 {
                guard let text = Run.text(of: item) else { return fail("each item of the collection must be a string or a number.") }
                values = [text]
            } else {
                guard let parts = item.listValue, parts.count == identifiers.count else {
                    return fail("each item of the collection must be a list of \(identifiers.count) values, one per identifier.")
                }
                let texts = parts.compactMap { value($0).flatMap(Run.text(of:)) }
                guard texts.count == parts.count else {
                    return fail("each item of the collection must be a list of strings or numbers.")
                }
                values = texts
            }
            var fragment = Node(.map(body), range: items[2].range)
            for (id, v) in zip(identifiers, values) { fragment = Run.substitute(fragment, identifier: id, value: v) }
            // Loops inside the fragment run with this item's values in place.
            let expanded = expandLoops(in: fragment.mapValue ?? Map(), owner: owner)
            out += expanded.entries
        }
        return out
    }

    /// A resource's properties with the loops anywhere inside them expanded.
    private mutating func expandNestedLoops(_ node: Node, owner: String) -> Node {
        var out = node
        switch node.value {
        case .map(let map):
            var expanded = map.keys.contains(where: { $0.hasPrefix(Run.loopPrefix) }) ? expandLoops(in: map, owner: owner) : map
            for entry in expanded { expanded[entry.key] = expandNestedLoops(entry.value, owner: owner) }
            out.value = .map(expanded)
        case .list(let items):
            out.value = .list(items.map { expandNestedLoops($0, owner: owner) })
        case .function(var f):
            f.argument = expandNestedLoops(f.argument, owner: owner)
            out.value = .function(f)
        default:
            break
        }
        return out
    }

    /// `node` with `${id}` and `&{id}` replaced in every key and string, and `Ref: id` by the value.
    static func substitute(_ node: Node, identifier: String, value: String) -> Node {
        let plain = "${" + identifier + "}"
        let stripped = "&{" + identifier + "}"
        let alphanumeric = String(
            value.unicodeScalars.filter { ($0.properties.isAlphabetic || $0.properties.numericType != nil) && $0.isASCII }
        )
        func text(_ s: String) -> String {
            guard s.contains(plain) || s.contains(stripped) else { return s }
            return s.replacing(plain, with: value).replacing(stripped, with: alphanumeric)
        }
        var out = node
        switch node.value {
        case .string(let s):
            out.value = .string(text(s))
        case .list(let items):
            out.value = .list(items.map { substitute($0, identifier: identifier, value: value) })
        case .map(let map):
            var entries: [Map.Entry] = []
            for e in map {
                var copy = e
                copy.key = text(e.key)
                copy.value = substitute(e.value, identifier: identifier, value: value)
                entries.append(copy)
            }
            out.value = .map(Map(entries))
        case .function(var f):
            if f.name == .ref, f.argument.stringValue == identifier { return Node(.string(value), range: node.range) }
            f.argument = substitute(f.argument, identifier: identifier, value: value)
            out.value = .function(f)
        default:
            break
        }
        return out
    }

    /// Whether a value holds no function.
    static func isLiteral(_ node: Node) -> Bool {
        switch node.value {
        case .function: return false
        case .list(let items): return items.allSatisfy(isLiteral)
        case .map(let map): return map.allSatisfy { isLiteral($0.value) }
        default: return true
        }
    }

    /// A collection item as the text it puts in place of the identifier.
    static func text(of node: Node) -> String? {
        switch node.value {
        case .string(let s): return s
        case .number(let n): return n.canonical
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    // MARK: Functions resolved in place

    /// `node` with the extensions' functions replaced by their values where they can be known.
    mutating func simplify(_ node: Node, owner: String?) -> Node {
        var out = node
        switch node.value {
        case .list(let items):
            out.value = .list(items.map { simplify($0, owner: owner) })
            return out
        case .map(let map):
            var m = map
            for entry in map { m[entry.key] = simplify(entry.value, owner: owner) }
            out.value = .map(m)
            return out
        case .function(var f):
            switch f.name {
            case .toJsonString:
                return toJsonString(f.argument, at: node, owner: owner)
            case .length:
                let argument = simplify(f.argument, owner: owner)
                if let items = argument.listValue ?? value(argument)?.listValue {
                    return Node(.number(Number(items.count)), range: node.range)
                }
                errors.append(
                    SAMError(
                        "Fn::Length counts the items of a list known before deployment (a list, or a Ref to a list parameter with a value).",
                        logicalId: owner,
                        range: node.range
                    )
                )
                return node
            case .findInMap:
                return findInMap(f, at: node, owner: owner)
            case .ref:
                if f.argument.isIntrinsic, let name = value(simplify(f.argument, owner: owner))?.stringValue {
                    f.argument = Node(.string(name), range: f.argument.range)
                    out.value = .function(f)
                }
                return out
            case .getAtt:
                if let items = f.argument.listValue, items.contains(where: \.isIntrinsic) {
                    let resolved = items.map { item in item.isIntrinsic ? value(simplify(item, owner: owner)) ?? item : item }
                    f.argument = Node(.list(resolved), range: f.argument.range)
                    out.value = .function(f)
                }
                return out
            default:
                f.argument = simplify(f.argument, owner: owner)
                out.value = .function(f)
                return out
            }
        default:
            return node
        }
    }

    private mutating func findInMap(_ f: Intrinsic, at node: Node, owner: String?) -> Node {
        guard let args = f.argument.listValue, args.count == 3 || args.count == 4 else { return node }
        let simplified = args.map { simplify($0, owner: owner) }
        var fallback: Node? = nil
        if args.count == 4 {
            guard let d = simplified[3].mapValue, d.count == 1, let value = d["DefaultValue"] else {
                errors.append(
                    SAMError("The fourth item of Fn::FindInMap must be {DefaultValue: value}.", logicalId: owner, range: args[3].range)
                )
                return node
            }
            fallback = value
        }
        let keys = simplified.prefix(3).map { value($0).flatMap(Run.text(of:)) }
        guard let mapName = keys[0], let top = keys[1], let second = keys[2] else {
            var g = f
            g.argument = Node(.list(simplified), range: f.argument.range)
            return Node(.function(g), range: node.range)
        }
        if let found = mappings[mapName]?[top]?[second] { return found }
        if let fallback { return fallback }
        errors.append(
            SAMError(
                "Fn::FindInMap: the mapping '\(mapName)' has no value for '\(top)' and '\(second)'; add it, or give a DefaultValue.",
                logicalId: owner,
                range: node.range
            )
        )
        return node
    }

    // MARK: Fn::ToJsonString

    private mutating func toJsonString(_ argument: Node, at node: Node, owner: String?) -> Node {
        let argument = simplify(argument, owner: owner)
        guard argument.mapValue != nil || argument.listValue != nil else {
            errors.append(SAMError("Fn::ToJsonString takes a mapping or a list.", logicalId: owner, range: node.range))
            return node
        }
        var variables: [(String, Node)] = []
        var out: [UInt8] = []
        json(argument, &out, &variables)
        let text = String(decoding: out, as: UTF8.self)
        guard !variables.isEmpty else { return Node(.string(text), range: node.range) }
        return Node.sub(text, .map(variables)).stamped(node.range)
    }

    /// Compact JSON, keys in the order written; a value known only at deploy time becomes a
    /// `${ToJsonStringN}` variable of the `Fn::Sub` the string turns into (literal `${` escaped).
    private mutating func json(_ node: Node, _ out: inout [UInt8], _ variables: inout [(String, Node)]) {
        if let known = value(node) {
            Run.literalJSON(known, &out, escapeSub: true)
            return
        }
        switch node.value {
        case .map(let map):
            out.append(UInt8(ascii: "{"))
            var first = true
            for entry in map where !isNoValue(entry.value) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                Run.jsonString(entry.key, &out, escapeSub: true)
                out.append(UInt8(ascii: ":"))
                json(chosen(entry.value), &out, &variables)
            }
            out.append(UInt8(ascii: "}"))
        case .list(let items):
            out.append(UInt8(ascii: "["))
            var first = true
            for item in items where !isNoValue(item) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                json(chosen(item), &out, &variables)
            }
            out.append(UInt8(ascii: "]"))
        default:
            if let branch = ifBranch(node) {
                json(branch, &out, &variables)
                return
            }
            let name = "ToJsonString\(variables.count)"
            variables.append((name, node))
            out += Array("\"${\(name)}\"".utf8)
        }
    }

    /// A `Fn::If` whose condition is known, as the branch it takes (or the node itself).
    private mutating func chosen(_ node: Node) -> Node {
        guard let branch = ifBranch(node) else { return node }
        return chosen(branch)
    }

    private mutating func ifBranch(_ node: Node) -> Node? {
        guard let branches = node.ifBranches, let name = branches.condition.stringValue, let holds = condition(name) else { return nil }
        return holds ? branches.then : branches.otherwise
    }

    private mutating func isNoValue(_ node: Node) -> Bool {
        if node.isNoValue { return true }
        if let branch = ifBranch(node) { return isNoValue(branch) }
        return false
    }

    static func literalJSON(_ node: Node, _ out: inout [UInt8], escapeSub: Bool) {
        switch node.value {
        case .string(let s): jsonString(s, &out, escapeSub: escapeSub)
        case .number(let n): out += Array(n.canonical.utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .null: out += Array("null".utf8)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                literalJSON(item, &out, escapeSub: escapeSub)
            }
            out.append(UInt8(ascii: "]"))
        case .map(let map):
            out.append(UInt8(ascii: "{"))
            for (i, entry) in map.entries.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                jsonString(entry.key, &out, escapeSub: escapeSub)
                out.append(UInt8(ascii: ":"))
                literalJSON(entry.value, &out, escapeSub: escapeSub)
            }
            out.append(UInt8(ascii: "}"))
        case .function: break
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped, other characters as
    /// they are; `${` written `${!` when the text goes into a `Fn::Sub`.
    static func jsonString(_ s: String, _ out: inout [UInt8], escapeSub: Bool) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        var previous: Unicode.Scalar? = nil
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case "\\": out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case "\n": out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case "\r": out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case "\t": out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            default:
                if scalar.value < 0x20 {
                    out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")]
                    out += [hex[Int(scalar.value >> 4)], hex[Int(scalar.value & 0xF)]]
                } else {
                    out += Array(String(scalar).utf8)
                    if escapeSub, scalar == "{", previous == "$" { out.append(UInt8(ascii: "!")) }
                }
            }
            previous = scalar
        }
        out.append(UInt8(ascii: "\""))
    }

    // MARK: Values known before deployment

    /// The literal value of `node` (no function left), or nil when it is known only at deploy time.
    mutating func value(_ node: Node) -> Node? {
        switch node.value {
        case .string, .number, .bool, .null: return node
        case .list(let items):
            var out: [Node] = []
            for item in items {
                guard let v = value(item) else { return nil }
                out.append(v)
            }
            return Node(.list(out), range: node.range)
        case .map(let map):
            var out = map
            for entry in map {
                guard let v = value(entry.value) else { return nil }
                out[entry.key] = v
            }
            return Node(.map(out), range: node.range)
        case .function(let f):
            return call(f, node)
        }
    }

    private mutating func call(_ f: Intrinsic, _ node: Node) -> Node? {
        let args = f.argument.listValue
        func string(_ n: Node) -> String? { value(n).flatMap(Run.text(of:)) }
        func at(_ v: Value) -> Node { Node(v, range: node.range) }
        switch f.name {
        case .ref:
            guard let name = f.argument.stringValue else { return nil }
            return reference(name).map {
                var n = $0
                n.range = node.range
                return n
            }
        case .join:
            guard let args, args.count == 2, let separator = string(args[0]), let items = value(args[1])?.listValue else { return nil }
            let texts = items.compactMap(Run.text(of:))
            guard texts.count == items.count else { return nil }
            return at(.string(texts.joined(separator: separator)))
        case .split:
            guard let args, args.count == 2, let separator = string(args[0]), !separator.isEmpty, let text = string(args[1]) else {
                return nil
            }
            return at(
                .list(
                    text.split(separator: separator, omittingEmptySubsequences: false).map { Node(.string(String($0)), range: node.range) }
                )
            )
        case .select:
            guard let args, args.count == 2, let index = string(args[0]).flatMap({ Int($0) }), let items = value(args[1])?.listValue,
                index >= 0, index < items.count
            else { return nil }
            return items[index]
        case .sub:
            return sub(f, node)
        case .if:
            guard let branches = node.ifBranches, let name = branches.condition.stringValue, let holds = condition(name) else { return nil }
            return value(holds ? branches.then : branches.otherwise)
        case .findInMap:
            guard let args, args.count == 3 || args.count == 4 else { return nil }
            guard let map = string(args[0]), let top = string(args[1]), let second = string(args[2]) else { return nil }
            // A mapping holds literal values; one that holds a function is not resolved (it may name itself).
            if let found = mappings[map]?[top]?[second] { return Run.isLiteral(found) ? found : nil }
            return args.count == 4 ? args[3]["DefaultValue"].flatMap { value($0) } : nil
        case .length:
            guard let items = f.argument.listValue ?? value(f.argument)?.listValue else { return nil }
            return at(.number(Number(items.count)))
        case .toJsonString:
            guard let v = value(f.argument), v.mapValue != nil || v.listValue != nil else { return nil }
            var out: [UInt8] = []
            Run.literalJSON(v, &out, escapeSub: false)
            return at(.string(String(decoding: out, as: UTF8.self)))
        default:
            return nil
        }
    }

    /// `Fn::Sub` whose every variable is known.
    private mutating func sub(_ f: Intrinsic, _ node: Node) -> Node? {
        var text: String
        var variables = Map()
        if let s = f.argument.stringValue {
            text = s
        } else if let args = f.argument.listValue, args.count == 2, let s = args[0].stringValue, let vars = args[1].mapValue {
            text = s
            variables = vars
        } else {
            return nil
        }
        var out = ""
        while let open = text.firstRange(of: "${") {
            out += text[..<open.lowerBound]
            let rest = text[open.upperBound...]
            guard let close = rest.firstIndex(of: "}") else {
                out += text[open.lowerBound...]
                text = ""
                break
            }
            let name = String(rest[..<close])
            if name.hasPrefix("!") {
                out += "${" + name.dropFirst() + "}"
            } else if let given = variables[name] {
                guard let v = value(given).flatMap(Run.text(of:)) else { return nil }
                out += v
            } else if let v = reference(name).flatMap(Run.text(of:)) {
                out += v
            } else {
                return nil
            }
            text = String(rest[rest.index(after: close)...])
        }
        return Node(.string(out + text), range: node.range)
    }

    /// A parameter's or pseudo parameter's value (a list for list types), if known.
    private func reference(_ name: String) -> Node? {
        switch name {
        case "AWS::Region": return .string(options.region)
        case "AWS::Partition": return .string(partition)
        case "AWS::URLSuffix": return .string(partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com")
        default: break
        }
        guard let declaration = parameters[name] else { return nil }
        guard let given = options.parameterValues[name] ?? declaration["Default"], !given.isNull else { return nil }
        let type = declaration["Type"]?.stringValue ?? "String"
        guard type == "CommaDelimitedList" || type.hasPrefix("List<") else { return given }
        if given.listValue != nil { return given }
        guard let text = Run.text(of: given) else { return nil }
        // CloudFormation trims the spaces around each item of a comma-delimited list.
        return .list(text.split(separator: ",", omittingEmptySubsequences: false).map { .string($0.trimmingSpaces) })
    }

    // MARK: Conditions

    /// Whether a condition of the template holds, if its values are known.
    mutating func condition(_ name: String) -> Bool? {
        guard let definition = conditions[name], evaluating.insert(name).inserted else { return nil }
        defer { evaluating.remove(name) }
        return truth(definition)
    }

    private mutating func truth(_ node: Node) -> Bool? {
        if case .bool(let b) = node.value { return b }
        guard let f = node.functionValue else { return nil }
        let args = f.argument.listValue ?? []
        switch f.name {
        case .condition: return f.argument.stringValue.flatMap { condition($0) }
        case .equals:
            guard args.count == 2, let a = value(args[0]), let b = value(args[1]) else { return nil }
            if let x = Run.text(of: a), let y = Run.text(of: b) { return x == y }
            return a.isSemanticallyEqual(to: b)
        case .not:
            guard args.count == 1, let v = truth(args[0]) else { return nil }
            return !v
        case .and, .or:
            var all: [Bool] = []
            for a in args {
                guard let v = truth(a) else { return nil }
                all.append(v)
            }
            return f.name == .and ? all.allSatisfy { $0 } : all.contains(true)
        default:
            return nil
        }
    }
}

extension Substring {
    /// Without the spaces at either end.
    fileprivate var trimmingSpaces: String {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
