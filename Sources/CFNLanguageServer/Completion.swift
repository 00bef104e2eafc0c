import CFNModel
import CFNSchema

/// What the text before the cursor asks for.
enum CompletionContext: Equatable {
    case refTarget(prefix: String)
    case getAttResource(prefix: String)
    case getAttAttribute(resource: String, prefix: String)
    case subName(prefix: String)
    case condition(prefix: String)
    case mapping(prefix: String)
    case mappingKey(mapping: String, level: Int, first: String?, prefix: String)
    case function(prefix: String)
    case resourceType(prefix: String)
    /// A key under this chain of keys (list items skipped).
    case key(chain: [String], prefix: String)
    /// The value of the last key of the chain.
    case value(chain: [String], prefix: String)
}

extension LanguageServer {
    static let topLevelSections = [
        "AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings", "Conditions", "Transform",
        "Resources", "Outputs",
    ]
    static let resourceAttributes = [
        "Type", "Properties", "DependsOn", "Condition", "Metadata", "DeletionPolicy", "UpdateReplacePolicy", "CreationPolicy",
        "UpdatePolicy",
    ]

    func completion(_ params: JSONValue) throws -> JSONValue {
        let (_, doc, offset) = try target(params)
        let context = LanguageServer.context(doc.text, offset)
        let (items, complete) = context.map { completionItems($0, doc) } ?? ([], true)
        return .object([("isIncomplete", .bool(!complete)), ("items", .array(items))])
    }

    private func item(
        _ label: String,
        kind: Int,
        detail: String? = nil,
        sort: String? = nil,
        insert: String? = nil,
        snippet: Bool = false
    ) -> JSONValue {
        .object([
            "label": .string(label), "kind": .number(Double(kind)), "detail": detail.map(JSONValue.string),
            "sortText": sort.map(JSONValue.string), "insertText": insert.map(JSONValue.string),
            "insertTextFormat": snippet ? .number(2) : nil,
        ])
    }

    /// What completing a key inserts: `Name: ` (a snippet, where the client takes them, that
    /// opens a block for an object or a list: `Name:` then an indented `$0` or `- $0`).
    private func keyInsert(_ name: String, _ shape: KeyShape) -> (String, Bool) {
        guard snippets else { return (name + ": ", false) }
        switch shape {
        case .scalar: return (name + ": $0", true)
        case .object: return (name + ":\n  $0", true)
        case .list: return (name + ":\n  - $0", true)
        }
    }

    // CompletionItemKind numbers of the protocol.
    private static let kindProperty = 10, kindValue = 12, kindEnum = 20, kindFunction = 3, kindVariable = 6, kindClass = 7,
        kindModule = 9, kindConstant = 21, kindField = 5

    private func completionItems(_ context: CompletionContext, _ doc: OpenDocument) -> ([JSONValue], Bool) {
        let t = doc.analysis?.template
        let resources = t?.resources ?? []
        let parameters = t?.parameters ?? []
        func matching(_ names: [String], _ prefix: String) -> [String] {
            let p = prefix.lowercased()
            return p.isEmpty
                ? names
                : names.filter { $0.lowercased().hasPrefix(p) }
                    + names.filter { !$0.lowercased().hasPrefix(p) && $0.lowercased().contains(p) }
        }
        switch context {
        case .refTarget(let prefix):
            var out = matching(parameters.map(\.name), prefix).map { n in
                item(n, kind: LanguageServer.kindVariable, detail: "parameter " + (parameters.first { $0.name == n }?.type ?? ""))
            }
            out += matching(resources.map(\.logicalId), prefix).map { n in
                item(n, kind: LanguageServer.kindClass, detail: resources.first { $0.logicalId == n }?.type)
            }
            out += matching(DependencyGraph.pseudoParameters, prefix).map {
                item($0, kind: LanguageServer.kindConstant, detail: "pseudo parameter")
            }
            return (out, true)
        case .getAttResource(let prefix):
            return (
                matching(resources.map(\.logicalId), prefix).map { n in
                    item(n, kind: LanguageServer.kindClass, detail: resources.first { $0.logicalId == n }?.type)
                }, true
            )
        case .getAttAttribute(let resource, let prefix):
            guard let type = t?.resource(resource)?.type, let schema = schemas?.schema(for: type) else { return ([], true) }
            return (matching(schema.attributes.map(\.name), prefix).map { item($0, kind: LanguageServer.kindField, detail: type) }, true)
        case .subName(let prefix):
            var names = parameters.map(\.name) + resources.map(\.logicalId) + DependencyGraph.pseudoParameters
            if prefix.contains("."), let dot = prefix.firstIndex(of: ".") {
                let id = String(prefix[..<dot])
                if let type = t?.resource(id)?.type, let schema = schemas?.schema(for: type) {
                    names = schema.attributes.map { id + "." + $0.name }
                }
            }
            return (matching(names, prefix).map { item($0, kind: LanguageServer.kindVariable) }, true)
        case .condition(let prefix):
            return (
                matching(t?.conditions.map(\.name) ?? [], prefix).map { item($0, kind: LanguageServer.kindConstant, detail: "condition") },
                true
            )
        case .mapping(let prefix):
            return (
                matching(t?.mappings.map(\.name) ?? [], prefix).map { item($0, kind: LanguageServer.kindModule, detail: "mapping") }, true
            )
        case .mappingKey(let mapping, let level, let first, let prefix):
            guard let m = t?.mappings.first(where: { $0.name == mapping }) else { return ([], true) }
            let keys = level == 1 ? m.topLevelKeys : first.flatMap { m.node[$0]?.mapValue?.keys } ?? []
            return (matching(keys, prefix).map { item($0, kind: LanguageServer.kindValue) }, true)
        case .function(let prefix):
            let names = Signatures.all.keys.sorted().map { FunctionName(rawValue: $0) }.filter(\.hasShortForm)
            let tags = names.map { "!" + $0.tag }
            return (
                matching(tags, prefix).map {
                    item($0, kind: LanguageServer.kindFunction, detail: Signatures.all[FunctionName(tag: String($0.dropFirst())).rawValue])
                }, true
            )
        case .resourceType(let prefix):
            let names = matching(schemas?.typeNames ?? [], prefix)
            let shown = names.prefix(300)
            return (shown.map { item($0, kind: LanguageServer.kindClass) }, shown.count == names.count)
        case .key(let chain, let prefix):
            return (
                keyItems(chain, prefix, doc).map {
                    let (insert, snippet) = keyInsert($0.name, $0.shape)
                    return item(
                        $0.name,
                        kind: LanguageServer.kindProperty,
                        detail: $0.detail,
                        sort: $0.sort,
                        insert: insert,
                        snippet: snippet
                    )
                }, true
            )
        case .value(let chain, let prefix):
            guard chain.count >= 4, chain[0] == "Resources", chain[2] == "Properties", let type = t?.resource(chain[1])?.type,
                let p = schemas?.schema(for: type)?.describe(Array(chain.dropFirst(3)))
            else {
                if chain.count == 3, chain[0] == "Resources", chain[2] == "Type" {
                    return completionItems(.resourceType(prefix: prefix), doc)
                }
                if chain.count == 3, chain[0] == "Resources", chain[2] == "DeletionPolicy" || chain[2] == "UpdateReplacePolicy" {
                    return (
                        matching(["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"], prefix).map {
                            item($0, kind: LanguageServer.kindEnum)
                        }, true
                    )
                }
                if chain.count == 3, chain[0] == "Resources", chain[2] == "Condition" {
                    return completionItems(.condition(prefix: prefix), doc)
                }
                if chain.count == 3, chain[0] == "Resources", chain[2] == "DependsOn" {
                    return completionItems(.getAttResource(prefix: prefix), doc)
                }
                return ([], true)
            }
            var values = (p.schema.allowedValues ?? []).compactMap(\.scalarText)
            if values.isEmpty, p.schema.types == .boolean { values = ["true", "false"] }
            return (matching(values, prefix).map { item($0, kind: LanguageServer.kindEnum) }, true)
        }
    }

    /// The keys that may follow `chain`, with a detail and a sort key (required properties first),
    /// leaving out those the enclosing mapping already has.
    enum KeyShape { case scalar, object, list }

    private func keyItems(
        _ chain: [String],
        _ prefix: String,
        _ doc: OpenDocument
    ) -> [(name: String, detail: String?, sort: String, shape: KeyShape)] {
        let t = doc.analysis?.template
        let p = prefix.lowercased()
        func keep(_ name: String) -> Bool { p.isEmpty || name.lowercased().hasPrefix(p) }
        var present: Set<String> = []
        if let t {
            var node: Node? = t.rootNode
            for key in chain { node = node?[key] ?? node?.listValue?.last?[key] }
            if let m = node?.mapValue ?? node?.listValue?.last?.mapValue { present = Set(m.keys) }
        }
        // Fixed keys: those not written yet, in their usual order.
        func fixed(
            _ names: [String],
            _ detail: String,
            blocks: Set<String>,
            lists: Set<String> = []
        ) -> [(name: String, detail: String?, sort: String, shape: KeyShape)] {
            names.filter { keep($0) && !present.contains($0) }.enumerated().map { i, name in
                (name, detail, format3(i), blocks.contains(name) ? .object : lists.contains(name) ? .list : .scalar)
            }
        }
        if chain.isEmpty {
            let blocks: Set<String> = ["Metadata", "Parameters", "Rules", "Mappings", "Conditions", "Resources", "Outputs"]
            return fixed(LanguageServer.topLevelSections, "section", blocks: blocks)
        }
        if chain.count == 2, chain[0] == "Resources" {
            return fixed(
                LanguageServer.resourceAttributes,
                "resource attribute",
                blocks: ["Properties", "Metadata", "CreationPolicy", "UpdatePolicy"]
            )
        }
        if chain.count == 2, chain[0] == "Outputs" {
            return fixed(["Value", "Description", "Export", "Condition"], "output", blocks: ["Export"])
        }
        if chain.count == 2, chain[0] == "Parameters" {
            let keys = [
                "Type", "Default", "Description", "AllowedValues", "AllowedPattern", "ConstraintDescription", "MinLength", "MaxLength",
                "MinValue", "MaxValue", "NoEcho",
            ]
            return fixed(keys, "parameter", blocks: [], lists: ["AllowedValues"])
        }
        guard chain.count >= 3, chain[0] == "Resources", chain[2] == "Properties", let type = resourceType(chain[1], doc),
            let schema = schemas?.schema(for: type), let properties = schema.properties(under: Array(chain.dropFirst(3)))
        else { return [] }
        return properties.filter { keep($0.name) && !present.contains($0.name) }.enumerated().map { i, d in
            let flags = d.flags.isEmpty ? "" : " (" + d.flags.joined(separator: ", ") + ")"
            let types = d.schema.types ?? .any
            let shape: KeyShape =
                types == .array || d.schema.itemSchema != nil
                ? .list : types == .object || d.schema.propertyContainer != nil ? .object : .scalar
            return (d.name, d.typeDescription + flags, (d.isRequired ? "0" : "1") + format3(i), shape)
        }
    }

    private func format3(_ i: Int) -> String {
        let s = String(i)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    /// A resource's type: from the last good parse, else from a `Type:` line under it in the text.
    private func resourceType(_ logicalId: String, _ doc: OpenDocument) -> String? {
        if let type = doc.analysis?.template.resource(logicalId)?.type { return type }
        let lines = doc.text.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.trimmingSpaces.hasPrefix(logicalId + ":") }) else { return nil }
        for line in lines[(start + 1)...] {
            let trimmed = line.trimmingSpaces
            if trimmed.hasPrefix("Type:") { return String(trimmed.dropFirst(5).trimmingSpaces).trimmingCharacters(in: "\"'") }
        }
        return nil
    }

    /// What the text before `offset` asks for; nil when nothing fits.
    static func context(_ doc: TextDocument, _ offset: Int) -> CompletionContext? {
        let line = doc.line(of: offset)
        let lineStart = doc.lineStart(line)
        let before = String(decoding: doc.bytes[lineStart..<offset], as: UTF8.self)
        // Inside `${...}` of a Sub string.
        if let open = before.lastRange(of: "${"), !before[open.upperBound...].contains("}") {
            let name = String(before[open.upperBound...])
            if !name.hasPrefix("!") { return .subName(prefix: name) }
        }
        let token = lastToken(before)
        let head = String(before.dropLast(token.count))
        let trimmedHead = head.trimmingSpaces
        if trimmedHead.hasSuffix("!Ref") || trimmedHead.hasSuffix("Ref:") || trimmedHead.hasSuffix("\"Ref\":") {
            return .refTarget(prefix: token.trimmingCharacters(in: "\"'"))
        }
        if trimmedHead.hasSuffix("!GetAtt") || trimmedHead.hasSuffix("Fn::GetAtt:") {
            if let dot = token.firstIndex(of: ".") {
                return .getAttAttribute(resource: String(token[..<dot]), prefix: String(token[token.index(after: dot)...]))
            }
            return .getAttResource(prefix: token)
        }
        if trimmedHead.hasSuffix("!GetAtt [") || trimmedHead.hasSuffix("Fn::GetAtt: [") || trimmedHead.hasSuffix("\"Fn::GetAtt\": [") {
            return .getAttResource(prefix: token.trimmingCharacters(in: "\"'"))
        }
        if trimmedHead.hasSuffix("!If [") || trimmedHead.hasSuffix("Fn::If: [") || trimmedHead.hasSuffix("!Condition") {
            return .condition(prefix: token)
        }
        for marker in ["!FindInMap [", "Fn::FindInMap: ["] {
            if let r = before.lastRange(of: marker) {
                let args = before[r.upperBound...].split(separator: ",", omittingEmptySubsequences: false).map { String($0.trimmingSpaces) }
                if args.count == 1 { return .mapping(prefix: args[0]) }
                if !args[0].hasPrefix("!") {
                    return .mappingKey(
                        mapping: args[0],
                        level: args.count - 1,
                        first: args.count > 2 ? args[1] : nil,
                        prefix: args.last ?? ""
                    )
                }
            }
        }
        if token.hasPrefix("!") { return .function(prefix: token) }
        // A key, or the value after `key:`, found by indentation (block YAML).
        let content = Array(before.utf8)
        let indent = content.prefix { $0 == 0x20 || $0 == UInt8(ascii: "-") }.count
        let rest = String(before.dropFirst(indent))
        let chain = keyChain(doc, line: line, indent: indent)
        if let colon = rest.firstIndex(of: ":") {
            let key = String(rest[..<colon]).trimmingSpaces.trimmingCharacters(in: "\"'")
            let value = String(rest[rest.index(after: colon)...]).trimmingSpaces.trimmingCharacters(in: "\"'")
            if value.hasPrefix("!") || value.hasPrefix("{") || value.hasPrefix("[") { return nil }
            return .value(chain: chain + [String(key)], prefix: String(value))
        }
        if rest.contains(" ") { return nil }
        return .key(chain: chain, prefix: rest.trimmingCharacters(in: "\"'"))
    }

    private static func lastToken(_ s: String) -> String {
        var out = ""
        for c in s.reversed() {
            if c == " " || c == "\t" || c == "[" || c == "," || c == "(" { break }
            out.insert(c, at: out.startIndex)
        }
        return out
    }

    /// The keys of the block mappings that hold `line` at `indent`, outermost first (list
    /// levels are skipped, as schema paths skip list items).
    static func keyChain(_ doc: TextDocument, line: Int, indent: Int) -> [String] {
        var chain: [String] = []
        var limit = indent
        var l = line - 1
        let bytes = doc.bytes
        // Reads the bytes in place: the walk up may cross every line of a big template.
        while l >= 0 && limit > 0 {
            let start = doc.lineStart(l)
            let end = doc.lineStart(l + 1) - (l + 1 < doc.lineCount ? 1 : 0)
            l -= 1
            var spaces = 0
            while start + spaces < end, bytes[start + spaces] == 0x20 { spaces += 1 }
            guard spaces < limit, start + spaces < end, bytes[start + spaces] != UInt8(ascii: "#"), bytes[start + spaces] != 0x0D else {
                continue
            }
            let isItem = bytes[start + spaces] == UInt8(ascii: "-")
            var keyCol = spaces
            if isItem {
                keyCol += 1
                while start + keyCol < end, bytes[start + keyCol] == 0x20 || bytes[start + keyCol] == UInt8(ascii: "-") { keyCol += 1 }
            }
            defer { limit = spaces }
            // Inside this list item's mapping: its first key is a sibling, not a parent.
            if isItem && keyCol >= limit { continue }
            let body = String(decoding: bytes[(start + keyCol)..<end], as: UTF8.self)
            guard let colon = body.firstIndex(of: ":") else { continue }
            chain.insert(String(body[..<colon]).trimmingSpaces.trimmingCharacters(in: "\"'"), at: 0)
        }
        return chain
    }

}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
