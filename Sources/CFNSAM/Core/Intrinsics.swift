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
        return try Intrinsics.rewrite(node) { n throws(SAMError) -> (Node?, Bool) in
            guard let f = n.functionValue else { return (nil, true) }
            if f.name == .ref, let name = f.argument.stringValue {
                guard var value = parameters[name], !Intrinsics.isPlaceholder(value) else { return (nil, true) }
                if !value.range.isKnown { value.range = n.range }
                return (value, false)
            }
            if f.name == .sub {
                let sub = try Intrinsics.rewriteSub(n) { full, name throws(SAMError) in
                    guard let value = parameters[name], !Intrinsics.isPlaceholder(value) else { return full }
                    guard let s = value.stringValue else {
                        throw SAMError(
                            "Structure of the SAM template is invalid. Invalid Fn::Sub variable value \(PythonJSON.dumps(value)). "
                                + "Fn::Sub expects all variables to be strings."
                        )
                    }
                    return s
                }
                return (sub, true)
            }
            return (nil, true)
        } ?? node
    }

    /// What `resolveParameters` gives, or `node` itself when it cannot be resolved.
    func resolved(_ node: Node) -> Node { (try? resolveParameters(node)) ?? node }

    /// CloudFormation passes `{{IntrinsicFunction:...}}` placeholders for values of nested stacks
    /// that do not exist yet: they are not values.
    private static func isPlaceholder(_ node: Node) -> Bool { node.stringValue?.hasPrefix("{{IntrinsicFunction:") ?? false }

    /// The references of a whole output template resolved, in aws-sam-translator's order: first
    /// to logical ids the transform changed (`MyLayer` -> `MyLayer3f2a9c01d4`), then to what SAM
    /// resources made (`Ref: "Fn.Alias"`, `${Fn.Alias}`, `${Fn.Alias.Arn}`, `Fn::GetAtt: [Fn.Alias,
    /// Arn]` or `[Fn, Alias.Arn]`; `refs` is resource -> property -> generated logical id). Each
    /// rewrites only a function's own argument, so both go in one walk.
    static func resolveReferences(_ node: Node, changed: [String: String], refs: [String: [String: String]]) -> Node {
        if changed.isEmpty && refs.isEmpty { return node }
        return
            (try? rewrite(node) { n throws(SAMError) -> (Node?, Bool) in
                guard let f = n.functionValue else { return (nil, true) }
                guard mayRefer(f, changed, refs) else { return (nil, true) }
                let once = changed.isEmpty ? nil : changedId(n, changed)
                let twice = refs.isEmpty ? nil : resourceRef(once ?? n, refs)
                return (twice ?? once, true)
            } ?? node) ?? node
    }

    /// Whether a Ref, GetAtt or Sub names (before its first dot) a logical id in `changed` or
    /// `refs`: most functions name neither, and are then left without being taken apart.
    private static func mayRefer(_ f: Intrinsic, _ changed: [String: String], _ refs: [String: [String: String]]) -> Bool {
        func known(_ name: String) -> Bool {
            let id = firstPart(name)
            return changed[id] != nil || refs[id] != nil
        }
        switch f.name {
        case .ref:
            guard let s = f.argument.stringValue else { return false }
            return known(s)
        case .getAtt:
            if let s = f.argument.stringValue { return known(s) }
            guard let first = f.argument.listValue?.first?.stringValue else { return false }
            return known(first)
        case .sub:
            guard let text = f.argument.stringValue ?? f.argument.listValue?.first?.stringValue else { return false }
            // The same references the rewriting reads.
            return references(in: text).contains { known($0.name) }
        default:
            return false
        }
    }

    /// References to what SAM resources made (see `resolveReferences`).
    static func resolveResourceRefs(_ node: Node, _ refs: [String: [String: String]]) -> Node {
        resolveReferences(node, changed: [:], refs: refs)
    }

    /// References to logical ids the transform changed (see `resolveReferences`).
    static func resolveChangedIds(_ node: Node, _ changed: [String: String]) -> Node {
        resolveReferences(node, changed: changed, refs: [:])
    }

    /// One function node with a reference to what a SAM resource made resolved, or nil.
    private static func resourceRef(_ n: Node, _ refs: [String: [String: String]]) -> Node? {
        guard let f = n.functionValue else { return nil }
        func lookup(_ id: String, _ property: String) -> String? { refs[id]?[property] }
        switch f.name {
        case .ref:
            guard let value = f.argument.stringValue, let dot = value.utf8.firstIndex(of: UInt8(ascii: ".")) else { return nil }
            let id = String(value[..<dot])
            let property = String(value[value.utf8.index(after: dot)...])
            guard !id.isEmpty, !property.isEmpty, let target = lookup(id, property) else { return nil }
            return replacingArgument(n, .string(target))
        case .sub:
            return try? rewriteSub(n) { full, name in
                let parts = dotted(name)
                guard parts.count >= 2, let target = lookup(parts[0], parts[1]) else { return full }
                return full.replacing(parts[0] + "." + parts[1], with: target, maxReplacements: 1)
            }
        case .getAtt:
            guard let items = f.argument.listValue, items.count >= 2 else { return nil }
            let strings = items.compactMap(\.stringValue)
            guard strings.count == items.count else { return nil }
            let parts = dotted(strings.joined(separator: "."))
            guard parts.count >= 2, let target = lookup(parts[0], parts[1]) else { return nil }
            return replacingArgument(n, .list([.string(target)] + parts.dropFirst(2).map { Node.string($0) }))
        default:
            return nil
        }
    }

    /// One function node with a reference to a changed logical id resolved, or nil.
    private static func changedId(_ n: Node, _ changed: [String: String]) -> Node? {
        guard let f = n.functionValue else { return nil }
        switch f.name {
        case .ref:
            guard let value = f.argument.stringValue, !value.utf8.contains(UInt8(ascii: ".")), let target = changed[value] else {
                return nil
            }
            return replacingArgument(n, .string(target))
        case .sub:
            return try? rewriteSub(n) { full, name in
                let id = firstPart(name)
                guard let target = changed[id] else { return full }
                return full.replacing(id, with: target)
            }
        case .getAtt:
            guard let items = f.argument.listValue, items.count >= 2 else { return nil }
            let strings = items.compactMap(\.stringValue)
            guard strings.count == items.count else { return nil }
            let parts = dotted(strings.joined(separator: "."))
            guard let target = changed[parts[0]] else { return nil }
            return replacingArgument(n, .list([.string(target)] + parts.dropFirst().map { Node.string($0) }))
        default:
            return nil
        }
    }

    /// `text` split at its dots, empty parts kept (`A..B` is three parts); byte-wise, since a
    /// dot is one byte and this runs on every reference.
    private static func dotted(_ text: String) -> [String] {
        text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The logical id a reference names: what comes before its first dot.
    private static func firstPart(_ text: String) -> String {
        text.utf8.firstIndex(of: UInt8(ascii: ".")).map { String(text[..<$0]) } ?? text
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
        try rewrite(
            node,
            { n throws(SAMError) -> (Node?, Bool) in
                let (v, descend) = try visit(n)
                return (v, descend)
            },
            visitsScalars: true
        ) ?? node
    }

    /// Pre-order rewriting that copies only what changes: `visit` gives a node's replacement
    /// (nil: unchanged) and whether to go on into it; the result is nil when nothing changed.
    /// Scalars below the top are visited only with `visitsScalars` (the intrinsic functions'
    /// visitors look at function nodes alone).
    static func rewrite(
        _ node: Node,
        _ visit: (Node) throws(SAMError) -> (Node?, Bool),
        visitsScalars: Bool = false
    )
        throws(SAMError) -> Node?
    {
        let (replaced, descend) = try visit(node)
        guard descend else { return replaced }
        var n = replaced ?? node
        var changed = replaced != nil
        switch n.value {
        case .list(let items):
            var out: [Node]? = nil
            for i in items.indices {
                // Most nodes are scalars, which only a visit of their own could change.
                if items[i].isScalar, !visitsScalars { continue }
                guard let r = try rewrite(items[i], visit, visitsScalars: visitsScalars) else { continue }
                if out == nil { out = items }
                out![i] = r
            }
            if let out {
                n.value = .list(out)
                changed = true
            }
        case .map(let map):
            var out: Map? = nil
            for i in map.entries.indices {
                if map.entries[i].value.isScalar, !visitsScalars { continue }
                guard let r = try rewrite(map.entries[i].value, visit, visitsScalars: visitsScalars) else { continue }
                if out == nil { out = map }
                out!.setValue(r, at: i)
            }
            if let out {
                n.value = .map(out)
                changed = true
            }
        case .function(var f):
            if let r = try rewrite(f.argument, visit, visitsScalars: visitsScalars) {
                f.argument = r
                n.value = .function(f)
                changed = true
            }
        default:
            break
        }
        return changed ? n : nil
    }

    /// The `Fn::Sub` with each `${Name}` of its string (`Name`: letters, digits and dots, or
    /// `AWS::Pseudo`) replaced by what `replace(full, name)` gives, first occurrence first.
    static func rewriteSub(_ node: Node, _ replace: (String, String) throws(SAMError) -> String) throws(SAMError) -> Node? {
        guard var f = node.functionValue, f.name == .sub else { return nil }
        if let text = f.argument.stringValue {
            let new = try substitute(text, replace)
            if new == text { return nil }
            f.argument.value = .string(new)
        } else if var items = f.argument.listValue, let first = items.first?.stringValue {
            let new = try substitute(first, replace)
            if new == first { return nil }
            items[0].value = .string(new)
            f.argument.value = .list(items)
        } else {
            return nil
        }
        var out = node
        out.value = .function(f)
        return out
    }

    private static func substitute(_ text: String, _ replace: (String, String) throws(SAMError) -> String) throws(SAMError) -> String {
        let refs = references(in: text)
        if refs.isEmpty { return text }
        // aws-sam-translator replaces the first occurrence of each reference in the text as it
        // stands, one after the other; that is each reference in place, unless a replacement
        // itself holds a `${` (then the slow way, to the letter).
        var replacements: [String] = []
        replacements.reserveCapacity(refs.count)
        for r in refs { replacements.append(try replace(r.full, r.name)) }
        let inserts = zip(refs, replacements).contains { r, value in
            value != r.full && value.containsBytes("${")
        }
        if inserts {
            var result = text
            for (r, value) in zip(refs, replacements) { result = result.replacing(r.full, with: value, maxReplacements: 1) }
            return result
        }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var at = 0
        for (r, value) in zip(refs, replacements) {
            out += bytes[at..<r.start]
            out += value.utf8
            at = r.end
        }
        out += bytes[at...]
        return String(decoding: out, as: UTF8.self)
    }

    /// The `${Name}` references of a Sub string, as aws-sam-translator's pattern finds them
    /// (`Name`: letters, digits and dots, or `AWS::` and a capitalised word), with their byte
    /// offsets in the text's UTF-8.
    static func references(in text: String) -> [(full: String, name: String, start: Int, end: Int)] {
        var out: [(String, String, Int, Int)] = []
        text.utf8.withContiguousStorageIfAvailable { b in
            func isUpper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
            func isLetter(_ c: UInt8) -> Bool { isUpper(c) || (c >= 97 && c <= 122) }
            func isIdChar(_ c: UInt8) -> Bool { isLetter(c) || (c >= 48 && c <= 57) || c == 46 }
            func name(_ from: Int, _ to: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self) }
            let n = b.count
            var i = 0
            while i + 1 < n {
                guard b[i] == 36, b[i + 1] == 123 else {  // "${"
                    i += 1
                    continue
                }
                let start = i + 2
                // AWS::Name: a capital, then letters.
                if start + 5 < n, b[start] == 65, b[start + 1] == 87, b[start + 2] == 83, b[start + 3] == 58, b[start + 4] == 58,
                    isUpper(b[start + 5])
                {
                    var k = start + 6
                    while k < n, isLetter(b[k]) { k += 1 }
                    if k < n, b[k] == 125 {
                        let id = name(start, k)
                        out.append(("${" + id + "}", id, i, k + 1))
                        i = k + 1
                        continue
                    }
                }
                var j = start
                while j < n, isIdChar(b[j]) { j += 1 }
                if j > start, j < n, b[j] == 125 {
                    let id = name(start, j)
                    out.append(("${" + id + "}", id, i, j + 1))
                    i = j + 1
                } else {
                    i += 1
                }
            }
        }
            ?? {
                var copy = text
                copy.makeContiguousUTF8()
                out = references(in: copy).map { ($0.full, $0.name, $0.start, $0.end) }
            }()
        return out
    }
}
