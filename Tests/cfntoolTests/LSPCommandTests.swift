import Foundation
import Testing

/// `cfntool lsp` driven over stdio as an editor drives it.
@Suite("cfntool lsp over stdio")
struct LSPCommandTests {
    static func frame(_ json: String) -> Data {
        let body = Data(json.utf8)
        return Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    /// Every message in a stream of framed messages.
    static func messages(_ data: Data) throws -> [[String: Any]] {
        var out: [[String: Any]] = []
        var rest = data[...]
        while let headerEnd = rest.range(of: Data("\r\n\r\n".utf8)) {
            let header = String(decoding: rest[rest.startIndex..<headerEnd.lowerBound], as: UTF8.self)
            let length = try #require(Int(header.replacingOccurrences(of: "Content-Length: ", with: "")))
            let body = rest[headerEnd.upperBound..<(headerEnd.upperBound + length)]
            out.append(try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any]))
            rest = rest[(headerEnd.upperBound + length)...]
        }
        #expect(rest.isEmpty, "bytes after the last message")
        return out
    }

    /// Runs the server on `input` (written at once) until it exits; returns the messages and status.
    static func session(_ input: Data, cwd: String? = nil) throws -> (messages: [[String: Any]], status: Int32) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["lsp"]
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let stdin = Pipe()
        let stdout = Pipe()
        p.standardInput = stdin
        p.standardOutput = stdout
        p.standardError = FileHandle.nullDevice
        try p.run()
        nonisolated(unsafe) var output = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { output = stdout.fileHandleForReading.readDataToEndOfFile() }
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        group.wait()
        p.waitUntilExit()
        return (try messages(output), p.terminationStatus)
    }

    static let initialize =
        frame(
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}"#
        ) + frame(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)

    static func open(_ uri: String, _ text: String) throws -> Data {
        let params: [String: Any] = ["textDocument": ["uri": uri, "languageId": "yaml", "version": 1, "text": text]]
        let body = try JSONSerialization.data(withJSONObject: ["jsonrpc": "2.0", "method": "textDocument/didOpen", "params": params])
        return frame(String(decoding: body, as: UTF8.self))
    }

    static func request(_ id: Int, _ method: String, _ uri: String, _ line: Int, _ character: Int) -> Data {
        frame(
            #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":{"textDocument":{"uri":"\#(uri)"},"position":{"line":\#(line),"character":\#(character)}}}"#
        )
    }

    static let shutdown =
        frame(#"{"jsonrpc":"2.0","id":99,"method":"shutdown","params":null}"#) + frame(#"{"jsonrpc":"2.0","method":"exit"}"#)

    @Test("a whole session on a corpus template: the diagnostics are lint's findings, hover and definition answer, exit 0")
    func corpusSession() throws {
        let path = CLI.root + "/../shared/corpus/templates/aws-cloudformation-templates/ElastiCache/Elasticache-snapshot.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let uri = "file://" + URL(fileURLWithPath: path).standardized.path
        var input = Self.initialize + (try Self.open(uri, text))
        input += Self.request(2, "textDocument/hover", uri, 63, 12)
        input += Self.request(3, "textDocument/definition", uri, 63, 12)
        input += Self.request(4, "textDocument/documentSymbol", uri, 0, 0) + Self.shutdown
        let (messages, status) = try Self.session(input)
        #expect(status == 0)
        let diagnostics = try #require(
            messages.first { $0["method"] as? String == "textDocument/publishDiagnostics" }?["params"] as? [String: Any]
        )
        let found = (diagnostics["diagnostics"] as? [[String: Any]] ?? []).map { d -> String in
            let start = (d["range"] as? [String: Any])?["start"] as? [String: Any]
            return "\(d["code"] ?? ""):\((start?["line"] as? Int ?? -1) + 1)"
        }
        let lint = try CLI.run(["lint", "--format", "json", path])
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(lint.stdout.utf8)) as? [[String: Any]]).map { f -> String in
            let start = (f["Location"] as? [String: Any])?["Start"] as? [String: Any]
            return "\((f["Rule"] as? [String: Any])?["Id"] ?? ""):\(start?["LineNumber"] ?? 0)"
        }
        #expect(!found.isEmpty)
        #expect(found == expected)
        let hover = messages.first { $0["id"] as? Int == 2 }?["result"] as? [String: Any]
        let value = (hover?["contents"] as? [String: Any])?["value"] as? String
        #expect(value?.contains("resource `AWS::EC2::InternetGateway`") == true, "\(String(describing: hover))")
        let definition = messages.first { $0["id"] as? Int == 3 }?["result"] as? [String: Any]
        let line = ((definition?["range"] as? [String: Any])?["start"] as? [String: Any])?["line"] as? Int
        #expect(line.map { text.split(separator: "\n", omittingEmptySubsequences: false)[$0].contains("InternetGateway:") } == true)
        #expect((messages.first { $0["id"] as? Int == 4 }?["result"] as? [Any])?.isEmpty == false)
    }

    @Test("a request cancelled while queued is answered as cancelled; a bad message gets an error and the server goes on")
    func cancellationAndErrors() throws {
        let uri = "file:///nowhere/t.yaml"
        var input = Self.initialize + (try Self.open(uri, "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"))
        input += Self.request(2, "textDocument/hover", uri, 2, 12)
        input += Self.frame(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":2}}"#)
        input += Self.frame("{oops")
        input += Data("Content-Type: nothing\r\n\r\n".utf8)
        input += Self.request(3, "textDocument/hover", uri, 2, 12) + Self.shutdown
        let (messages, status) = try Self.session(input)
        #expect(status == 0)
        let cancelled = messages.first { $0["id"] as? Int == 2 }?["error"] as? [String: Any]
        #expect(cancelled?["code"] as? Int == -32800)
        #expect(messages.contains { ($0["error"] as? [String: Any])?["code"] as? Int == -32700 })
        let hover = messages.first { $0["id"] as? Int == 3 }?["result"] as? [String: Any]
        #expect(((hover?["contents"] as? [String: Any])?["value"] as? String)?.contains("AWS::SQS::Queue") == true)
    }

    @Test("requests are answered while a big template lints: hover comes back before the diagnostics")
    func hoverDuringLint() throws {
        let dir = try CLI.scratch()
        let gen = try CLI.run(["../shared/tools/gen_serverless.py", "120", "--yaml"], executable: "/usr/bin/python3")
        try CLI.write(gen.stdout, to: dir + "/big.yaml")
        let uri = "file://" + dir + "/big.yaml"
        let lines = gen.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let typeLine = try #require(lines.firstIndex { $0.contains("Type: AWS::") })
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["lsp"]
        let stdin = Pipe()
        let stdout = Pipe()
        p.standardInput = stdin
        p.standardOutput = stdout
        try p.run()
        nonisolated(unsafe) var output = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { output = stdout.fileHandleForReading.readDataToEndOfFile() }
        stdin.fileHandleForWriting.write(Self.initialize + (try Self.open(uri, gen.stdout)))
        // Let the server take the document (its lint takes seconds in a debug build) before asking.
        Thread.sleep(forTimeInterval: 0.3)
        stdin.fileHandleForWriting.write(Self.request(2, "textDocument/hover", uri, typeLine, 12) + Self.shutdown)
        try stdin.fileHandleForWriting.close()
        group.wait()
        p.waitUntilExit()
        let messages = try Self.messages(output)
        let hover = try #require(messages.firstIndex { $0["id"] as? Int == 2 })
        let diagnostics = try #require(messages.firstIndex { $0["method"] as? String == "textDocument/publishDiagnostics" })
        #expect(hover < diagnostics)
        #expect(p.terminationStatus == 0)
    }

    @Test("the input ending without shutdown exits 1; .cfntool.yaml beside the file is honoured")
    func configAndEOF() throws {
        let dir = try CLI.scratch()
        try CLI.write("ignore_checks: [E3002]\n", to: dir + "/.cfntool.yaml")
        let uri = "file://" + dir + "/t.yaml"
        let input =
            Self.initialize
            + (try Self.open(
                uri,
                "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySecond: 1\n      Foo: !Ref Nothing\n"
            ))
        let (messages, status) = try Self.session(input, cwd: "/")
        #expect(status == 1)
        let diagnostics = messages.first { $0["method"] as? String == "textDocument/publishDiagnostics" }?["params"] as? [String: Any]
        let codes = (diagnostics?["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes.contains("E1020"))
        #expect(!codes.contains("E3002"))
    }
}
