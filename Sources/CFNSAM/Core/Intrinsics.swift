import CFNModel

/// The intrinsic functions the transform resolves itself, as aws-sam-translator does: `Ref`s to
/// parameters (and pseudo parameters) with known values, their `${}` in `Fn::Sub`, references to
/// what a SAM resource made (`!Ref MyFunction.Alias`), and logical ids the transform changed.
/// Anything else is left for CloudFormation.
struct Intrinsics: Sendable {
    /// Known values: template parameters (given or defaulted) and pseudo parameters.
    var parameters: [String: Node]

    /// `node` with every `Ref` to a known parameter replaced by its value, and `${Name}` in every
    /// `Fn::Sub` string replaced by the value when it is a string.
    func resolveParameters(_ node: Node) throws(SAMError) -> Node {
        if parameters.isEmpty { return node }
        return try Intrinsics.traverse(node) { n throws(SAMError) -> (Node, Bool) in
            guard let f = n.functionValue else { return (n, true) }
            if f.name == .ref, let name = f.argument.stringValue {
                guard var value = parameters[name], !Intrinsics.isPlaceholder(value) else { return (n, true) }
                if !value.range.isKnown { value.range = n.range }
                return (value, false)
            }
            if f.name == .sub {
                return (
                    try Intrinsics.rewriteSub(n) { full, name throws(SAMError) in
                        guard let value = parameters[name], !Intrinsics.isPlaceholder(value) else { return full }
                        guard let s = value.stringValue else {
                            throw SAMError(
                                "Structure of the SAM template is invalid. Invalid Fn::Sub variable value \(PythonJSON.dumps(value)). "
                                    + "Fn::Sub expects all variables to be strings."
                            )
                        }
                        return s
                    }, true
                )
            }
            return (n, true)
        }
    }

    /// What `resolveParameters` gives, or `node` itself when it cannot be resolved.
    func resolved(_ node: Node) -> Node { (try? resolveParameters(node)) ?? node }

    /// CloudFormation passes `{{IntrinsicFunction:...}}` placeholders for values of nested stacks
    /// that do not exist yet: they are not values.
    private static func isPlaceholder(_ node: Node) -> Bool { node.stringValue?.hasPrefix("{{IntrinsicFunction:") ?? false }

    /// References to what SAM resources made: `Ref: "Fn.Alias"`, `${Fn.Alias}`, `${Fn.Alias.Arn}`
    /// and `Fn::GetAtt: [Fn.Alias, Arn]` (or `[Fn, Alias.Arn]`), through `refs` (resource ->
    /// property -> generated logical id).
    static func resolveResourceRefs(_ node: Node, _ refs: [String: [String: String]]) -> Node {
        if refs.isEmpty { return node }
        func lookup(_ id: String, _ property: String) -> String? { refs[id]?[property] }
        return
            (try? traverse(node) { n throws(SAMError) in
                guard let f = n.functionValue else { return n }
                switch f.name {
                case .ref:
                    guard let value = f.argument.stringValue, let dot = value.firstIndex(of: ".") else { return n }
                    let id = String(value[..<dot])
                    let property = String(value[value.index(after: dot)...])
                    guard !id.isEmpty, !property.isEmpty, let target = lookup(id, property) else { return n }
                    return replacingArgument(n, .string(target))
                case .sub:
                    return
                        (try? rewriteSub(n) { full, name in
                            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                            guard parts.count >= 2, let target = lookup(parts[0], parts[1]) else { return full }
                            return full.replacing(parts[0] + "." + parts[1], with: target, maxReplacements: 1)
                        }) ?? n
                case .getAtt:
                    guard let items = f.argument.listValue, items.count >= 2 else { return n }
                    let strings = items.compactMap(\.stringValue)
                    guard strings.count == items.count else { return n }
                    let parts = strings.joined(separator: ".").split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                    guard parts.count >= 2, let target = lookup(parts[0], parts[1]) else { return n }
                    let rest = parts.dropFirst(2)
                    var argument: [Node] = [.string(target)]
                    argument += rest.map { Node.string($0) }
                    return replacingArgument(n, .list(argument))
                default:
                    return n
                }
            }) ?? node
    }

    /// References to logical ids the transform changed (`MyLayer` -> `MyLayer3f2a9c01d4`).
    static func resolveChangedIds(_ node: Node, _ changed: [String: String]) -> Node {
        if changed.isEmpty { return node }
        return
            (try? traverse(node) { n throws(SAMError) in
                guard let f = n.functionValue else { return n }
                switch f.name {
                case .ref:
                    guard let value = f.argument.stringValue, !value.contains("."), let target = changed[value] else { return n }
                    return replacingArgument(n, .string(target))
                case .sub:
                    return
                        (try? rewriteSub(n) { full, name in
                            let id = String(name.split(separator: ".", omittingEmptySubsequences: false).first ?? "")
                            guard let target = changed[id] else { return full }
                            return full.replacing(id, with: target)
                        }) ?? n
                case .getAtt:
                    guard let items = f.argument.listValue, items.count >= 2 else { return n }
                    let strings = items.compactMap(\.stringValue)
                    guard strings.count == items.count else { return n }
                    let parts = strings.joined(separator: ".").split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                    guard let target = changed[parts[0]] else { return n }
                    return replacingArgument(n, .list([.string(target)] + parts.dropFirst().map { Node.string($0) }))
                default:
                    return n
                }
            }) ?? node
    }

    private static func replacingArgument(_ node: Node, _ argument: Node) -> Node {
        guard var f = node.functionValue else { return node }
        var a = argument
        a.range = f.argument.range
        f.argument = a
        var out = node
        out.value = .function(f)
        return out
    }

    /// Pre-order: `visit` sees each node before its children, and its result's children are
    /// visited in turn.
    static func traverse(_ node: Node, _ visit: (Node) throws(SAMError) -> Node) throws(SAMError) -> Node {
        try traverse(node) { n throws(SAMError) in (try visit(n), true) }
    }

    /// Pre-order, where `visit` also says whether to go on into what it returned (a value put in
    /// place of a `Ref` is not looked into again: it may hold a `Ref` of the same name).
    static func traverse(_ node: Node, _ visit: (Node) throws(SAMError) -> (Node, Bool)) throws(SAMError) -> Node {
        let (visited, descend) = try visit(node)
        var n = visited
        guard descend else { return n }
        switch n.value {
        case .list(let items):
            var out: [Node] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try traverse(item, visit)) }
            n.value = .list(out)
        case .map(let map):
            var out = map
            for entry in map { out[entry.key] = try traverse(entry.value, visit) }
            n.value = .map(out)
        case .function(var f):
            f.argument = try traverse(f.argument, visit)
            n.value = .function(f)
        default:
            break
        }
        return n
    }

    /// The `Fn::Sub` with each `${Name}` of its string (`Name`: letters, digits and dots, or
    /// `AWS::Pseudo`) replaced by what `replace(full, name)` gives, first occurrence first.
    static func rewriteSub(_ node: Node, _ replace: (String, String) throws(SAMError) -> String) throws(SAMError) -> Node {
        guard var f = node.functionValue, f.name == .sub else { return node }
        if var s = f.argument.stringValue.map({ Node.string($0) }) {
            s.range = f.argument.range
            s.style = f.argument.style
            s.value = .string(try substitute(f.argument.stringValue!, replace))
            f.argument = s
        } else if var items = f.argument.listValue, let first = items.first?.stringValue {
            items[0].value = .string(try substitute(first, replace))
            f.argument.value = .list(items)
        } else {
            return node
        }
        var out = node
        out.value = .function(f)
        return out
    }

    private static func substitute(_ text: String, _ replace: (String, String) throws(SAMError) -> String) throws(SAMError) -> String {
        var result = text
        for (full, name) in references(in: text) {
            result = result.replacing(full, with: try replace(full, name), maxReplacements: 1)
        }
        return result
    }

    /// The `${Name}` references of a Sub string, as aws-sam-translator's pattern finds them.
    static func references(in text: String) -> [(full: String, name: String)] {
        var out: [(String, String)] = []
        let chars = Array(text.unicodeScalars)
        var i = 0
        func isIdChar(_ c: Unicode.Scalar) -> Bool {
            (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "."
        }
        while i + 1 < chars.count {
            guard chars[i] == "$", chars[i + 1] == "{" else {
                i += 1
                continue
            }
            let start = i + 2
            var j = start
            // AWS::Name: a capital, then letters.
            if j + 5 < chars.count, String(String.UnicodeScalarView(chars[j..<j + 5])) == "AWS::", chars[j + 5] >= "A", chars[j + 5] <= "Z"
            {
                var k = j + 6
                while k < chars.count, (chars[k] >= "A" && chars[k] <= "Z") || (chars[k] >= "a" && chars[k] <= "z") { k += 1 }
                if k < chars.count, chars[k] == "}" {
                    let name = String(String.UnicodeScalarView(chars[start..<k]))
                    out.append(("${" + name + "}", name))
                    i = k + 1
                    continue
                }
            }
            while j < chars.count, isIdChar(chars[j]) { j += 1 }
            if j > start, j < chars.count, chars[j] == "}" {
                let name = String(String.UnicodeScalarView(chars[start..<j]))
                out.append(("${" + name + "}", name))
                i = j + 1
            } else {
                i += 1
            }
        }
        return out
    }
}
