import CFNModel
import CFNSchema

extension LanguageServer {
    func definition(_ params: JSONValue) throws -> JSONValue {
        let (uri, doc, offset) = try target(params)
        guard let a = doc.analysis, let o = a.occurrence(at: offset),
            let d = a.definition(o.kind, o.name) ?? a.definition(.parameter, o.name)
        else {
            return .null
        }
        return location(uri, d.range, doc.text)
    }

    func references(_ params: JSONValue) throws -> JSONValue {
        let (uri, doc, offset) = try target(params)
        guard let a = doc.analysis, let o = a.occurrence(at: offset) else { return .array([]) }
        let includeDeclaration = params["context"]?["includeDeclaration"]?.bool ?? true
        let all = a.related(to: o).filter { includeDeclaration || !$0.isDefinition }
        return .array(all.map { location(uri, $0.range, doc.text) })
    }

    private func location(_ uri: String, _ r: Range<Int>, _ doc: TextDocument) -> JSONValue {
        .object([("uri", .string(uri)), ("range", lspRange(r, in: doc))])
    }

    func documentSymbols(_ params: JSONValue) throws -> JSONValue {
        let (_, doc) = try document(params)
        guard let a = doc.analysis else { return .array([]) }
        // SymbolKind numbers of the protocol.
        let kinds: [SymbolKind: Int] = [.resource: 5, .parameter: 13, .condition: 17, .mapping: 19, .output: 8]
        var sections: [JSONValue] = []
        for e in a.template.root.entries {
            guard e.keyRange.isKnown else { continue }
            let whole =
                e.keyRange.start
                .offset..<max(e.value.range.isKnown ? e.value.range.end.offset : e.keyRange.end.offset, e.keyRange.end.offset)
            var children: [JSONValue] = []
            if let kind = SymbolKind.allCases.first(where: { $0.section == e.key }), let m = e.value.mapValue {
                for entry in m.entries where entry.keyRange.isKnown {
                    let end =
                        entry.value.range.isKnown ? max(entry.value.range.end.offset, entry.keyRange.end.offset) : entry.keyRange.end.offset
                    let detail =
                        kind == .resource ? entry.value["Type"]?.stringValue : kind == .parameter ? entry.value["Type"]?.stringValue : nil
                    children.append(
                        .object([
                            "name": .string(entry.key), "detail": detail.map(JSONValue.string), "kind": .number(Double(kinds[kind]!)),
                            "range": lspRange(entry.keyRange.start.offset..<end, in: doc.text),
                            "selectionRange": lspRange(entry.keyRange.start.offset..<entry.keyRange.end.offset, in: doc.text),
                        ])
                    )
                }
            }
            sections.append(
                .object([
                    ("name", .string(e.key)), ("kind", .number(3)), ("range", lspRange(whole, in: doc.text)),
                    ("selectionRange", lspRange(e.keyRange.start.offset..<e.keyRange.end.offset, in: doc.text)),
                    ("children", .array(children)),
                ])
            )
        }
        return .array(sections)
    }

    func prepareRename(_ params: JSONValue) throws -> JSONValue {
        let (_, doc, offset) = try target(params)
        guard let a = doc.analysis, let o = a.occurrence(at: offset), a.definition(o.kind, o.name) != nil else {
            throw ResponseError(code: ErrorCode.requestFailed, message: "no resource, parameter, condition or mapping name here")
        }
        return .object([("range", lspRange(o.range, in: doc.text)), ("placeholder", .string(o.name))])
    }

    /// Renames a logical id, parameter, condition or mapping everywhere it is written (Sub
    /// strings included); refused when the new name is invalid or already taken.
    func rename(_ params: JSONValue) throws -> JSONValue {
        let (uri, doc, offset) = try target(params)
        guard let newName = params["newName"]?.string else {
            throw ResponseError(code: ErrorCode.invalidParams, message: "newName is missing")
        }
        guard let a = doc.analysis, let o = a.occurrence(at: offset) else {
            throw ResponseError(code: ErrorCode.requestFailed, message: "no resource, parameter, condition or mapping name here")
        }
        guard a.definition(o.kind, o.name) != nil else {
            throw ResponseError(code: ErrorCode.requestFailed, message: "\(o.name) is not defined in this template")
        }
        guard !newName.isEmpty, newName.utf8.count <= 255,
            newName.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) })
        else {
            throw ResponseError(
                code: ErrorCode.requestFailed,
                message: "'\(newName)' is not a valid name: use letters and digits only (A-Za-z0-9)"
            )
        }
        // Resources and parameters share one namespace (Ref reaches both).
        let clash: Bool
        switch o.kind {
        case .resource, .parameter: clash = a.definition(.resource, newName) != nil || a.definition(.parameter, newName) != nil
        default: clash = a.definition(o.kind, newName) != nil
        }
        if clash && newName != o.name {
            throw ResponseError(
                code: ErrorCode.requestFailed,
                message:
                    "'\(newName)' is already the name of a \(o.kind.rawValue == "parameter" || o.kind == .resource ? "resource or parameter" : o.kind.rawValue)"
            )
        }
        let edits = a.related(to: o).map { JSONValue.object([("range", lspRange($0.range, in: doc.text)), ("newText", .string(newName))]) }
        return .object([("changes", .object([(uri, .array(edits))]))])
    }

    /// `fmt` of the whole document as one edit; no edit when fmt refuses (a syntax error, or a
    /// change it cannot prove safe) or nothing changes.
    func formatting(_ params: JSONValue) throws -> JSONValue {
        let (_, doc) = try document(params)
        guard doc.syntaxError == nil, let a = doc.analysis else {
            throw ResponseError(code: ErrorCode.requestFailed, message: "the document does not parse: fix the syntax error first")
        }
        let out: [UInt8]
        do {
            var t = try Template(bytes: a.bytes, path: a.template.path, options: DecodeOptions(keepComments: true))
            t.path = a.template.path
            out = try Formatter.format(t)
        } catch {
            throw ResponseError(code: ErrorCode.requestFailed, message: "fmt refuses: \(error.message)")
        }
        if out == doc.text.bytes { return .array([]) }
        let all = 0..<doc.text.bytes.count
        return .array([.object([("range", lspRange(all, in: doc.text)), ("newText", .string(String(decoding: out, as: UTF8.self)))])])
    }

    /// Quick fixes for the diagnostics in the request: silence the rule on that line (the
    /// inline comment `lint` honours), and for a missing required property, a skeleton of it.
    func codeActions(_ params: JSONValue) throws -> JSONValue {
        let (uri, doc) = try document(params)
        var actions: [JSONValue] = []
        for d in params["context"]?["diagnostics"]?.array ?? [] {
            guard let code = d["code"]?.string, let start = d["range"]?["start"], let line = start["line"]?.int else { continue }
            let lineText = doc.text.lineText(line)
            let indent = String(decoding: lineText.prefix { $0 == 0x20 }, as: UTF8.self)
            let at = doc.text.lineStart(line)
            let isJSON = doc.analysis?.template.format == .json
            if let action = fixAction(d, uri: uri, doc) { actions.append(action) }
            if !isJSON {
                let edit = JSONValue.object([
                    ("range", lspRange(at..<at, in: doc.text)), ("newText", .string("\(indent)# cfntool: ignore \(code)\n")),
                ])
                actions.append(
                    .object([
                        ("title", .string("Ignore \(code) on this line")), ("kind", .string("quickfix")), ("diagnostics", .array([d])),
                        ("edit", .object([("changes", .object([(uri, .array([edit]))]))])),
                    ])
                )
            }
            if code == "E3003", let skeleton = requiredSkeleton(doc, line: line), !isJSON {
                let insertAt = doc.text.lineStart(skeleton.line)
                let edit = JSONValue.object([("range", lspRange(insertAt..<insertAt, in: doc.text)), ("newText", .string(skeleton.text))])
                actions.append(
                    .object([
                        ("title", .string("Add required properties")), ("kind", .string("quickfix")), ("diagnostics", .array([d])),
                        ("edit", .object([("changes", .object([(uri, .array([edit]))]))])),
                    ])
                )
            }
        }
        return .array(actions)
    }

    /// The quick fix of a diagnostic that carries the finding's fix (`lint --fix`'s): its edits,
    /// while the text is still the version they were made for. A safe fix is the preferred one.
    private func fixAction(_ d: JSONValue, uri: String, _ doc: OpenDocument) -> JSONValue? {
        guard let fix = d["data"]?["fix"], fix["version"]?.int == doc.text.version, let title = fix["title"]?.string,
            let edits = fix["edits"]?.array, !edits.isEmpty
        else { return nil }
        let count = doc.text.bytes.count
        var changes: [JSONValue] = []
        for e in edits {
            guard let start = e["start"]?.int, let end = e["end"]?.int, let text = e["text"]?.string, 0 <= start, start <= end, end <= count
            else { return nil }
            changes.append(.object([("range", lspRange(start..<end, in: doc.text)), ("newText", .string(text))]))
        }
        let safe = fix["safety"]?.string == "safe"
        return .object([
            ("title", .string(title.prefix(1).uppercased() + title.dropFirst() + (safe ? "" : " (unsafe)"))), ("kind", .string("quickfix")),
            ("diagnostics", .array([d])), ("isPreferred", .bool(safe)),
            ("edit", .object([("changes", .object([(uri, .array(changes))]))])),
        ])
    }

    /// The missing required properties of the resource whose finding sits on `line`: the lines
    /// to insert (each `Name: ` at the properties' indentation) and where.
    private func requiredSkeleton(_ doc: OpenDocument, line: Int) -> (line: Int, text: String)? {
        guard let a = doc.analysis, let schemas else { return nil }
        let offset = doc.text.lineStart(line) + doc.text.lineText(line).prefix { $0 == 0x20 }.count
        for r in a.template.resources {
            guard r.node.range.isKnown, r.idRange.start.offset <= offset, offset <= max(r.node.range.end.offset, r.idRange.end.offset),
                let type = r.type, let schema = schemas.schema(for: type)
            else { continue }
            let present = Set(r.properties?.keys ?? [])
            let missing = (schema.properties(under: []) ?? []).filter { $0.isRequired && !present.contains($0.name) }.map(\.name)
            guard !missing.isEmpty else { return nil }
            if let props = r.node.mapValue?[entry: "Properties"], let m = props.value.mapValue, let first = m.entries.first,
                first.keyRange.isKnown
            {
                let l = doc.text.line(of: first.keyRange.start.offset)
                let indent = String(repeating: " ", count: first.keyRange.start.column - 1)
                return (l, missing.map { indent + $0 + ": \n" }.joined())
            }
            // No Properties yet: add the mapping after the Type line.
            guard let typeEntry = r.node.mapValue?[entry: "Type"], typeEntry.keyRange.isKnown else { return nil }
            let l = doc.text.line(of: typeEntry.keyRange.start.offset) + 1
            let indent = String(repeating: " ", count: typeEntry.keyRange.start.column - 1)
            return (l, indent + "Properties:\n" + missing.map { indent + "  " + $0 + ": \n" }.joined())
        }
        return nil
    }
}
