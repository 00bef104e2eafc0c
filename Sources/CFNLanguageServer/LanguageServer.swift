import CFNLint
import CFNModel
import CFNSAM
import CFNSchema

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A Language Server Protocol 3.17 server for CloudFormation templates (YAML and JSON), over
/// stdio: lint findings as diagnostics on open and on every change, hover, completion,
/// definition, references, rename, document symbols, formatting and code actions.
///
/// `handle(_:)` answers one message (what tests drive); `run(input:output:)` is the stdio loop
/// around it, which coalesces a burst of edits into one lint and honours `$/cancelRequest` for
/// requests still queued.
public final class LanguageServer {
    /// The lint options for a document's file path (the CLI finds `.cfntool.yaml` / `.cfnlintrc`
    /// from the file's folder up, as `lint` does).
    public typealias OptionsProvider = (String) -> LintOptions

    private let options: OptionsProvider
    var documents: [String: OpenDocument] = [:]
    var encoding: PositionEncoding = .utf16
    var ruleDocumentationBase: String? = nil
    /// Whether the client takes snippets in completion items.
    var snippets = false
    private var initialized = false
    private var shuttingDown = false
    private(set) var exitCode: Int32? = nil
    /// Documents whose diagnostics are due (published once the queue of messages is empty).
    private var pendingDiagnostics: [String] = []
    let schemas = SchemaStore.bundled

    /// A server; `options` gives the lint options for a file.
    public init(options: @escaping OptionsProvider = { _ in LintOptions() }) {
        self.options = options
    }

    /// An open document, its last good parse, and the findings of its text.
    struct OpenDocument {
        var text: TextDocument
        /// The parse of the latest text that decoded; features keep working from it while the
        /// text has a syntax error.
        var analysis: Analysis?
        /// The syntax error of the latest text, if it has one.
        var syntaxError: CFNError?
        var isTemplate = true
        /// What the SAM transform makes of `analysis`'s template, worked out at the first hover
        /// that needs it.
        var expansions: [Expansion]?
    }

    // MARK: the stdio loop

    /// Reads framed messages from `input` and writes answers to `output` until `exit`; returns
    /// the process exit code (0 after `shutdown`, 1 otherwise, as the specification says).
    public func run(input: Int32 = 0, output: Int32 = 1) -> Int32 {
        var framer = MessageFramer()
        var queue: [[UInt8]] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var eof = false
        let worker = LintWorker()
        while exitCode == nil {
            // Take everything that has arrived; block only when nothing is queued.
            while !eof {
                var fds = [
                    pollfd(fd: input, events: Int16(POLLIN), revents: 0), pollfd(fd: worker.wakeFd, events: Int16(POLLIN), revents: 0),
                ]
                let ready = poll(&fds, 2, queue.isEmpty && pendingDiagnostics.isEmpty && closedDiagnostics.isEmpty ? -1 : 0)
                if ready < 0 && errno == EINTR { continue }
                guard ready > 0 else { break }
                if fds[1].revents != 0 { for m in finished(worker) { writeAll(output, framed(m)) } }
                guard fds[0].revents != 0 else { continue }
                let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    eof = true
                    break
                }
                buffer.withUnsafeBufferPointer { framer.append(UnsafeBufferPointer(rebasing: $0[0..<n])) }
                loop: while true {
                    switch framer.next() {
                    case .message(let body): queue.append(body)
                    case .needMore: break loop
                    case .malformed(let why): writeAll(output, framed(errorResponse(id: .null, code: ErrorCode.parseError, message: why)))
                    }
                }
            }
            if queue.isEmpty {
                for m in dueNotifications(worker: worker) { writeAll(output, framed(m)) }
                if eof {
                    // The input ended: what was asked for still goes out before the exit.
                    worker.wait()
                    for m in finished(worker) { writeAll(output, framed(m)) }
                    break
                }
                continue
            }
            let body = queue.removeFirst()
            let message = JSONValue.parse(body)
            // A request cancelled before its turn is answered as cancelled, not computed.
            if let message, let id = message["id"], message["method"] != nil, cancelled(id, in: &queue) {
                writeAll(output, framed(errorResponse(id: id, code: ErrorCode.requestCancelled, message: "cancelled")))
                continue
            }
            // What is due goes out before the server stops answering.
            if message?["method"]?.string == "shutdown" {
                for m in dueNotifications(worker: worker) { writeAll(output, framed(m)) }
                worker.wait()
                for m in finished(worker) { writeAll(output, framed(m)) }
            }
            for out in handle(body: body, parsed: message) { writeAll(output, framed(out)) }
        }
        return exitCode ?? 1
    }

    /// Whether a queued `$/cancelRequest` names `id` (and drops it).
    private func cancelled(_ id: JSONValue, in queue: inout [[UInt8]]) -> Bool {
        for (i, body) in queue.enumerated() {
            guard let m = JSONValue.parse(body), m["method"]?.string == "$/cancelRequest", m["params"]?["id"] == id else { continue }
            queue.remove(at: i)
            return true
        }
        return false
    }

    // MARK: one message

    /// Answers one message body: the response to a request and any notifications it causes
    /// (diagnostics are published at once here; `run` defers them to the end of a burst).
    public func handle(_ body: [UInt8]) -> [[UInt8]] {
        handle(body: body, parsed: JSONValue.parse(body)) + dueNotifications()
    }

    /// Whether `exit` has been received, and the exit code it gives.
    public var exitStatus: Int32? { exitCode }

    private func handle(body: [UInt8], parsed: JSONValue?) -> [[UInt8]] {
        guard let message = parsed, message.members != nil else {
            return [errorResponse(id: .null, code: ErrorCode.parseError, message: "the message is not a JSON object")]
        }
        let id = message["id"]
        guard let method = message["method"]?.string else {
            // A response to a request of ours (we send none) or garbage.
            if id == nil { return [errorResponse(id: .null, code: ErrorCode.invalidRequest, message: "a message needs a method")] }
            return []
        }
        let params = message["params"] ?? .null
        guard let id else {
            notification(method, params)
            return []
        }
        if !initialized && method != "initialize" {
            return [errorResponse(id: id, code: ErrorCode.serverNotInitialized, message: "the server is not initialized")]
        }
        if shuttingDown {
            return [errorResponse(id: id, code: ErrorCode.invalidRequest, message: "the server is shutting down")]
        }
        do {
            let result = try request(method, params)
            return [response(id: id, result: result)]
        } catch let e as ResponseError {
            return [errorResponse(id: id, code: e.code, message: e.message)]
        } catch {
            return [errorResponse(id: id, code: ErrorCode.internalError, message: "\(error)")]
        }
    }

    private func request(_ method: String, _ params: JSONValue) throws -> JSONValue {
        switch method {
        case "initialize": return initialize(params)
        case "shutdown":
            shuttingDown = true
            return .null
        case "textDocument/hover": return try hover(params)
        case "textDocument/completion": return try completion(params)
        case "textDocument/definition": return try definition(params)
        case "textDocument/references": return try references(params)
        case "textDocument/documentSymbol": return try documentSymbols(params)
        case "textDocument/prepareRename": return try prepareRename(params)
        case "textDocument/rename": return try rename(params)
        case "textDocument/formatting": return try formatting(params)
        case "textDocument/codeAction": return try codeActions(params)
        default: throw ResponseError(code: ErrorCode.methodNotFound, message: "unsupported method \(method)")
        }
    }

    private func notification(_ method: String, _ params: JSONValue) {
        if method == "exit" {
            exitCode = shuttingDown ? 0 : 1
            return
        }
        guard initialized, !shuttingDown else { return }
        switch method {
        case "textDocument/didOpen":
            guard let d = params["textDocument"], let uri = d["uri"]?.string, let text = d["text"]?.string else { return }
            let doc = TextDocument(uri: uri, version: d["version"]?.int ?? 0, languageId: d["languageId"]?.string ?? "", text: text)
            documents[uri] = OpenDocument(text: doc)
            refresh(uri)
        case "textDocument/didChange":
            guard let uri = params["textDocument"]?["uri"]?.string, var doc = documents[uri] else { return }
            for change in params["contentChanges"]?.array ?? [] {
                guard let text = change["text"]?.string else { continue }
                if let r = change["range"], let range = byteRange(r, in: doc.text) {
                    doc.text.replace(range, with: text)
                } else {
                    doc.text.replace(nil, with: text)
                }
            }
            if let v = params["textDocument"]?["version"]?.int { doc.text.version = v }
            documents[uri] = doc
            refresh(uri)
        case "textDocument/didClose":
            guard let uri = params["textDocument"]?["uri"]?.string, documents.removeValue(forKey: uri) != nil else { return }
            pendingDiagnostics.removeAll { $0 == uri }
            closedDiagnostics.append(uri)
        default:
            break
        }
    }

    /// Documents closed since the last publication: their diagnostics are cleared.
    private var closedDiagnostics: [String] = []

    private func initialize(_ params: JSONValue) -> JSONValue {
        initialized = true
        let offered = params["capabilities"]?["general"]?["positionEncodings"]?.array?.compactMap(\.string) ?? []
        encoding = offered.contains("utf-8") ? .utf8 : .utf16
        ruleDocumentationBase = params["initializationOptions"]?["ruleDocumentationBaseUrl"]?.string
        snippets = params["capabilities"]?["textDocument"]?["completion"]?["completionItem"]?["snippetSupport"]?.bool ?? false
        let capabilities: JSONValue = .object([
            ("positionEncoding", .string(encoding.rawValue)),
            (
                "textDocumentSync",
                .object([("openClose", .bool(true)), ("change", .number(2)), ("save", .object([("includeText", .bool(false))]))])
            ),
            ("hoverProvider", .bool(true)),
            (
                "completionProvider",
                .object([
                    ("triggerCharacters", .array([":", " ", "!", ".", "{", "$", "["].map(JSONValue.string))),
                    ("resolveProvider", .bool(false)),
                ])
            ),
            ("definitionProvider", .bool(true)),
            ("referencesProvider", .bool(true)),
            ("documentSymbolProvider", .bool(true)),
            ("renameProvider", .object([("prepareProvider", .bool(true))])),
            ("documentFormattingProvider", .bool(true)),
            ("codeActionProvider", .object([("codeActionKinds", .array([.string("quickfix")]))])),
        ])
        return .object([
            ("capabilities", capabilities),
            ("serverInfo", .object([("name", .string("cfntool")), ("version", .string(Release.version))])),
        ])
    }

    // MARK: documents

    /// Parses a document's new text; lint runs when its diagnostics are published.
    private func refresh(_ uri: String) {
        guard var doc = documents[uri] else { return }
        do {
            let t = try Template(bytes: doc.text.bytes, path: path(of: uri))
            doc.analysis = Analysis(template: t, bytes: doc.text.bytes)
            doc.expansions = nil
            doc.syntaxError = nil
            doc.isTemplate = t.isTemplate
        } catch {
            doc.syntaxError = error
            if doc.analysis == nil { doc.isTemplate = looksLikeTemplate(doc.text.bytes) }
        }
        documents[uri] = doc
        if !pendingDiagnostics.contains(uri) { pendingDiagnostics.append(uri) }
    }

    /// For a document that has never parsed: whether its text names a template's top-level keys.
    private func looksLikeTemplate(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.contains("AWSTemplateFormatVersion") || text.contains("Resources") || text.contains(Template.serverlessTransform)
    }

    /// The file path of a `file://` URI (percent-decoded); other URIs as they are.
    func path(of uri: String) -> String {
        guard uri.hasPrefix("file://") else { return uri }
        var out: [UInt8] = []
        let b = Array(uri.utf8.dropFirst(7))
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "%"), i + 2 < b.count, let v = UInt8(String(decoding: b[i + 1...i + 2], as: UTF8.self), radix: 16) {
                out.append(v)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// What a document's diagnostics come from: a syntax error or nothing to lint (published at
    /// once), or a lint of its template.
    private enum Due {
        case now([Finding])
        case lint(LintWorker.Job)
    }

    private func due(_ uri: String) -> Due? {
        guard let doc = documents[uri] else { return nil }
        guard doc.isTemplate else { return .now([]) }
        if let e = doc.syntaxError { return .now([Linter.finding(for: e)]) }
        guard let a = doc.analysis else { return .now([]) }
        return .lint(
            LintWorker.Job(uri: uri, version: doc.text.version, template: a.template, bytes: a.bytes, options: options(path(of: uri)))
        )
    }

    /// The publishDiagnostics notification of `findings` on the text of `uri` at `version`; nil
    /// when the document has moved on (or closed) since.
    private func publication(_ uri: String, version: Int, _ findings: [Finding]) -> [UInt8]? {
        guard let doc = documents[uri], doc.text.version == version else { return nil }
        return notificationMessage(
            "textDocument/publishDiagnostics",
            .object([
                ("uri", .string(uri)), ("version", .number(Double(version))),
                ("diagnostics", .array(findings.map { diagnostic($0, in: doc.text, version: version) })),
            ])
        )
    }

    /// The diagnostics notifications due: empty ones for closed documents, then those of changed
    /// ones. With a `worker`, lints go to it and their notifications come from `finished(_:)`.
    private func dueNotifications(worker: LintWorker? = nil) -> [[UInt8]] {
        var out = closedDiagnostics.map {
            notificationMessage("textDocument/publishDiagnostics", .object([("uri", .string($0)), ("diagnostics", .array([]))]))
        }
        for uri in pendingDiagnostics {
            switch due(uri) {
            case .now(let findings): if let m = publication(uri, version: documents[uri]!.text.version, findings) { out.append(m) }
            case .lint(let job):
                if let worker {
                    worker.submit(job)
                } else if let m = publication(uri, version: job.version, job.run()) {
                    out.append(m)
                }
            case nil: break
            }
        }
        closedDiagnostics.removeAll()
        pendingDiagnostics.removeAll()
        return out
    }

    /// The notifications of the lints the worker has finished (those still current).
    private func finished(_ worker: LintWorker) -> [[UInt8]] {
        worker.take().compactMap { publication($0.uri, version: $0.version, $0.findings) }
    }

    private func diagnostic(_ f: Finding, in doc: TextDocument, version: Int) -> JSONValue {
        let start = f.range.start.offset
        var end = f.range.end.offset
        if end <= start { end = wordEnd(after: start, in: doc.bytes) }
        let severity: Double = f.severity == .error ? 1 : f.severity == .warning ? 2 : 3
        var members: [(String, JSONValue)] = [
            ("range", lspRange(start..<end, in: doc)),
            ("severity", .number(severity)),
            ("code", .string(f.ruleId)),
            ("source", .string("cfntool")),
            ("message", .string(f.message)),
        ]
        if let base = ruleDocumentationBase { members.append(("codeDescription", .object([("href", .string(base + "#" + f.ruleId))]))) }
        if let fix = f.fix {
            // The fix comes back with the code action request; its byte offsets hold for this
            // version of the text only.
            let edits = fix.edits.map { e in
                JSONValue.object([("start", .number(Double(e.start))), ("end", .number(Double(e.end))), ("text", .string(e.text))])
            }
            let data: [(String, JSONValue)] = [
                ("version", .number(Double(version))), ("title", .string(fix.title)), ("safety", .string(fix.safety.rawValue)),
                ("edits", .array(edits)),
            ]
            members.append(("data", .object([("fix", .object(data))])))
        }
        return .object(members)
    }

    /// The end of the token starting at `offset` (to the end of the line at most).
    private func wordEnd(after offset: Int, in bytes: [UInt8]) -> Int {
        var i = offset
        while i < bytes.count, bytes[i] != 0x0A, bytes[i] != 0x0D, bytes[i] != 0x20, bytes[i] != UInt8(ascii: ",") { i += 1 }
        return max(i, min(offset + 1, bytes.count))
    }

    // MARK: positions and messages

    func lspPosition(_ offset: Int, in doc: TextDocument) -> JSONValue {
        let p = doc.position(of: offset, encoding: encoding)
        return .object([("line", .number(Double(p.line))), ("character", .number(Double(p.character)))])
    }

    func lspRange(_ r: Range<Int>, in doc: TextDocument) -> JSONValue {
        .object([("start", lspPosition(r.lowerBound, in: doc)), ("end", lspPosition(r.upperBound, in: doc))])
    }

    func byteRange(_ range: JSONValue, in doc: TextDocument) -> Range<Int>? {
        guard let s = range["start"], let e = range["end"], let a = offset(s, in: doc), let b = offset(e, in: doc) else { return nil }
        return min(a, b)..<max(a, b)
    }

    func offset(_ position: JSONValue, in doc: TextDocument) -> Int? {
        guard let line = position["line"]?.int, let character = position["character"]?.int else { return nil }
        return doc.offset(line: line, character: character, encoding: encoding)
    }

    /// The document and byte offset a `TextDocumentPositionParams` names.
    func target(_ params: JSONValue) throws -> (uri: String, doc: OpenDocument, offset: Int) {
        guard let uri = params["textDocument"]?["uri"]?.string else {
            throw ResponseError(code: ErrorCode.invalidParams, message: "textDocument.uri is missing")
        }
        guard let doc = documents[uri] else { throw ResponseError(code: ErrorCode.invalidParams, message: "\(uri) is not open") }
        guard let p = params["position"], let offset = offset(p, in: doc.text) else {
            throw ResponseError(code: ErrorCode.invalidParams, message: "position is missing")
        }
        return (uri, doc, offset)
    }

    func document(_ params: JSONValue) throws -> (uri: String, doc: OpenDocument) {
        guard let uri = params["textDocument"]?["uri"]?.string else {
            throw ResponseError(code: ErrorCode.invalidParams, message: "textDocument.uri is missing")
        }
        guard let doc = documents[uri] else { throw ResponseError(code: ErrorCode.invalidParams, message: "\(uri) is not open") }
        return (uri, doc)
    }

    private func response(id: JSONValue, result: JSONValue) -> [UInt8] {
        JSONValue.object([("jsonrpc", .string("2.0")), ("id", id), ("result", result)]).serialized()
    }

    private func errorResponse(id: JSONValue, code: Int, message: String) -> [UInt8] {
        JSONValue.object([
            ("jsonrpc", .string("2.0")), ("id", id),
            ("error", .object([("code", .number(Double(code))), ("message", .string(message))])),
        ]).serialized()
    }

    func notificationMessage(_ method: String, _ params: JSONValue) -> [UInt8] {
        JSONValue.object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)]).serialized()
    }
}
