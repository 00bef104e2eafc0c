import CFNLint
import CFNModel
import CFNSchema
import Foundation
import Testing

@testable import CFNLanguageServer

/// A client session with an in-process server: each call sends one message and keeps what the
/// server answers.
final class Session {
    let server = LanguageServer()
    var nextId = 0
    var notifications: [JSONValue] = []

    /// A session whose client has not initialized yet.
    init(uninitialized: Void) {}

    init(encodings: [String] = ["utf-16"], options: String = "{}") throws {
        let r = try request(
            "initialize",
            "{\"processId\":null,\"rootUri\":null,\"capabilities\":{\"general\":{\"positionEncodings\":\(json(encodings))}},\"initializationOptions\":\(options)}"
        )
        #expect(r["result"]?["capabilities"] != nil)
        notify("initialized", "{}")
    }

    func json(_ strings: [String]) -> String { "[" + strings.map { "\"\($0)\"" }.joined(separator: ",") + "]" }

    func send(_ text: String) -> [JSONValue] {
        let out = server.handle(Array(text.utf8)).map { JSONValue.parse($0)! }
        notifications += out.filter { $0["method"] != nil }
        return out.filter { $0["method"] == nil }
    }

    @discardableResult
    func request(_ method: String, _ params: String) throws -> JSONValue {
        nextId += 1
        let replies = send("{\"jsonrpc\":\"2.0\",\"id\":\(nextId),\"method\":\"\(method)\",\"params\":\(params)}")
        return try #require(replies.first { $0["id"]?.int == nextId })
    }

    func notify(_ method: String, _ params: String) { _ = send("{\"jsonrpc\":\"2.0\",\"method\":\"\(method)\",\"params\":\(params)}") }

    func open(_ uri: String, _ text: String, version: Int = 1) {
        notify(
            "textDocument/didOpen",
            "{\"textDocument\":{\"uri\":\"\(uri)\",\"languageId\":\"yaml\",\"version\":\(version),\"text\":\(quote(text))}}"
        )
    }

    func change(_ uri: String, version: Int, line: Int, character: Int, endLine: Int? = nil, endCharacter: Int? = nil, text: String) {
        let range =
            "{\"start\":{\"line\":\(line),\"character\":\(character)},\"end\":{\"line\":\(endLine ?? line),\"character\":\(endCharacter ?? character)}}"
        notify(
            "textDocument/didChange",
            "{\"textDocument\":{\"uri\":\"\(uri)\",\"version\":\(version)},\"contentChanges\":[{\"range\":\(range),\"text\":\(quote(text))}]}"
        )
    }

    func quote(_ s: String) -> String { String(decoding: JSONValue.string(s).serialized(), as: UTF8.self) }

    /// The latest diagnostics published for `uri`.
    func diagnostics(_ uri: String) -> [JSONValue]? {
        notifications.last { $0["method"]?.string == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.string == uri }?["params"]?[
            "diagnostics"
        ]?.array
    }

    func at(_ method: String, _ uri: String, _ line: Int, _ character: Int, extra: String = "") throws -> JSONValue {
        try request(method, "{\"textDocument\":{\"uri\":\"\(uri)\"},\"position\":{\"line\":\(line),\"character\":\(character)}\(extra)}")[
            "result"
        ] ?? .null
    }

    func labels(_ uri: String, _ line: Int, _ character: Int) throws -> [String] {
        try at("textDocument/completion", uri, line, character)["items"]?.array?.compactMap { $0["label"]?.string } ?? []
    }
}

let sample = """
    AWSTemplateFormatVersion: "2010-09-09"
    Parameters:
      Env:
        Type: String
        AllowedValues: [dev, prod]
    Conditions:
      IsProd: !Equals [!Ref Env, prod]
    Mappings:
      Sizes:
        dev:
          Memory: 128
    Resources:
      Bucket:
        Type: AWS::S3::Bucket
        Condition: IsProd
        Properties:
          BucketName: !Sub "${Env}-${AWS::Region}-data"
      Queue:
        Type: AWS::SQS::Queue
        DependsOn: [Bucket]
        Properties:
          DelaySecond: 5
          QueueName: !If [IsProd, !Ref Env, !GetAtt Bucket.Arn]
          MessageRetentionPeriod: !FindInMap [Sizes, dev, Memory]
    Outputs:
      Arn:
        Condition: IsProd
        Value: !GetAtt [Bucket, Arn]

    """

@Suite("cfntool lsp: the server, message by message")
struct LanguageServerTests {
    let uri = "file:///work/app.yaml"

    @Test("diagnostics: the lint findings, with rule id, severity and a link to the rule")
    func diagnostics() throws {
        let s = try Session(options: "{\"ruleDocumentationBaseUrl\":\"https://docs.example/rules\"}")
        s.open(uri, sample)
        let d = try #require(s.diagnostics(uri))
        let e3002 = try #require(d.first { $0["code"]?.string == "E3002" })
        #expect(e3002["severity"]?.int == 1)
        #expect(e3002["range"]?["start"]?["line"]?.int == 21)
        #expect(e3002["range"]?["start"]?["character"]?.int == 6)
        #expect(e3002["range"]?["end"]?["character"]?.int == 17)
        #expect(e3002["codeDescription"]?["href"]?.string == "https://docs.example/rules#E3002")
        // The same findings as `cfntool lint` on the same text.
        let lint = Linter().lint(bytes: Array(sample.utf8), path: "/work/app.yaml").findings
        #expect(d.compactMap { $0["code"]?.string } == lint.map(\.ruleId))
        #expect(d.compactMap { $0["range"]?["start"]?["line"]?.int } == lint.map { $0.range.start.line - 1 })
    }

    @Test("a syntax error is one diagnostic; hover and definition keep working from the last good parse")
    func syntaxError() throws {
        let s = try Session()
        s.open(uri, sample)
        s.change(uri, version: 2, line: 17, character: 0, text: "  Broken: [unclosed\n")
        let d = try #require(s.diagnostics(uri))
        #expect(d.count == 1)
        #expect(d.first?["code"]?.string == "E0000")
        #expect(d.first?["range"]?["start"]?["line"]?.int ?? 0 >= 17)
        let published = s.notifications.last { $0["method"]?.string == "textDocument/publishDiagnostics" }
        #expect(published?["params"]?["version"]?.int == 2)
        let hover = try s.at("textDocument/hover", uri, 13, 12)
        #expect(hover["contents"]?["value"]?.string?.contains("AWS::S3::Bucket") == true)
        // Fixing the text brings the lint findings back.
        s.change(uri, version: 3, line: 17, character: 0, endLine: 18, endCharacter: 0, text: "")
        #expect(s.diagnostics(uri)?.contains { $0["code"]?.string == "E3002" } == true)
    }

    @Test("incremental and full changes both apply; positions count UTF-16 or bytes as negotiated")
    func changes() throws {
        for encoding in ["utf-16", "utf-8"] {
            let s = try Session(encodings: [encoding])
            let text =
                "Description: \"h\u{e9}llo \u{1F600}\"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySecond: 1\n"
            s.open(uri, text)
            #expect(s.diagnostics(uri)?.first?["code"]?.string == "E3002")
            // Replace the emoji (2 UTF-16 units, 4 bytes) with "x": the rest of the line must stay put.
            let start = encoding == "utf-16" ? 20 : 21
            let end = encoding == "utf-16" ? 22 : 25
            s.change(uri, version: 2, line: 0, character: start, endCharacter: end, text: "x")
            let doc = try #require(s.server.documents[uri])
            #expect(doc.text.text.hasPrefix("Description: \"h\u{e9}llo x\"\n"))
            s.notify(
                "textDocument/didChange",
                "{\"textDocument\":{\"uri\":\"\(uri)\",\"version\":3},\"contentChanges\":[{\"text\":\"Resources:\\n  Q:\\n    Type: AWS::SQS::Queue\\n\"}]}"
            )
            #expect(s.diagnostics(uri)?.isEmpty == true)
        }
    }

    @Test("hover: resource type, property, Ref/GetAtt/Sub targets, intrinsic functions")
    func hover() throws {
        let s = try Session()
        s.open(uri, sample)
        func text(_ line: Int, _ character: Int) throws -> String {
            try s.at("textDocument/hover", uri, line, character)["contents"]?["value"]?.string ?? ""
        }
        let type = try text(13, 14)
        #expect(type.contains("**AWS::S3::Bucket**"))
        #expect(type.contains("`Arn`"))
        #expect(type.contains("https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucket.html"))
        let property = try text(16, 8)
        #expect(property.contains("BucketName"))
        #expect(property.contains("create-only"))
        #expect(property.contains("replaces the resource"))
        #expect(try text(6, 25).contains("parameter of type `String`"))
        #expect(try text(16, 26).contains("parameter"))
        #expect(try text(16, 33).contains("pseudo parameter"))
        #expect(try text(27, 20).contains("resource `AWS::S3::Bucket`"))
        #expect(try text(22, 50).contains("resource `AWS::S3::Bucket`"))
        #expect(try text(16, 19).contains("Fn::Sub"))
        #expect(try text(6, 11).contains("Fn::Equals"))
        // A section key is nothing to explain.
        #expect(try s.at("textDocument/hover", uri, 0, 3) == .null)
    }

    @Test("hover on a SAM resource's type says what the transform deploys for it")
    func samHover() throws {
        let s = try Session()
        let text =
            "Transform: AWS::Serverless-2016-10-31\nResources:\n  GetUserFn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.handler\n      CodeUri: src/\n      Events:\n        Get:\n          Type: Api\n          Properties:\n            Path: /users\n            Method: get\n"
        s.open(uri, text)
        let value = try s.at("textDocument/hover", uri, 3, 14)["contents"]?["value"]?.string ?? ""
        #expect(value.contains("Deploys 3 resources: Function, Role, Permission"), "\(value)")
        #expect(value.contains("`GetUserFnRole`"))
    }

    @Test("completion: types, properties (required first), enum values, Ref, GetAtt, Sub, conditions, mappings, functions, sections")
    func completion() throws {
        let s = try Session()
        s.open(uri, sample)
        // A new property line under the Queue's Properties.
        s.change(uri, version: 2, line: 23, character: 200, text: "\n      Visib")
        #expect(try s.labels(uri, 24, 11) == ["VisibilityTimeout"])
        // Every property of the bucket, none it already has.
        s.change(uri, version: 3, line: 24, character: 0, endLine: 24, endCharacter: 11, text: "      ")
        let props = try s.labels(uri, 24, 6)
        #expect(props.contains("MaximumMessageSize") && !props.contains("DelaySecond") && !props.contains("QueueName"))
        // A resource type.
        s.change(uri, version: 4, line: 24, character: 0, endLine: 24, endCharacter: 6, text: "  Topic:\n    Type: AWS::SNS::T")
        let types = try s.labels(uri, 25, 21)
        #expect(types.contains("AWS::SNS::Topic") && types.contains("AWS::SNS::TopicPolicy") && !types.contains("AWS::SQS::Queue"))
        // Required properties come first, with a snippet-free `Name: ` insert.
        s.change(uri, version: 5, line: 25, character: 21, text: "opicPolicy\n    Properties:\n      ")
        let items = try s.at("textDocument/completion", uri, 27, 6)["items"]?.array ?? []
        let sorted = items.sorted { ($0["sortText"]?.string ?? "") < ($1["sortText"]?.string ?? "") }.compactMap { $0["label"]?.string }
        #expect(Set(sorted.prefix(2)) == ["PolicyDocument", "Topics"])
        #expect(items.first?["insertText"]?.string?.hasSuffix(": ") == true)
        // Enum values.
        s.change(
            uri,
            version: 6,
            line: 27,
            character: 6,
            text: "PolicyDocument: {}\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      PackageType: "
        )
        #expect(try s.labels(uri, 31, 19) == ["Image", "Zip"], "\(s.server.documents[uri]!.text.text)")
        // Ref targets, GetAtt resources and attributes, Sub names, conditions, mappings, functions.
        s.change(uri, version: 7, line: 31, character: 19, text: "Zip\n      Handler: !Ref ")
        let refs = try s.labels(uri, 32, 20)
        #expect(refs.contains("Env") && refs.contains("Bucket") && refs.contains("AWS::Region"))
        s.change(uri, version: 8, line: 32, character: 20, text: "Env\n      Role: !GetAtt Bucket.")
        #expect(try s.labels(uri, 33, 27).contains("Arn"))
        s.change(uri, version: 9, line: 33, character: 27, text: "Arn\n      Foo: !Sub \"${")
        let subs = try s.labels(uri, 34, 19)
        #expect(subs.contains("Env") && subs.contains("AWS::StackName"))
        s.change(uri, version: 10, line: 34, character: 19, text: "Env}\"\n      Bar: !If [")
        #expect(try s.labels(uri, 35, 16) == ["IsProd"])
        s.change(uri, version: 11, line: 35, character: 16, text: "IsProd, a, b]\n      Baz: !FindInMap [Sizes, ")
        #expect(try s.labels(uri, 36, 30) == ["dev"])
        s.change(uri, version: 12, line: 36, character: 30, text: "dev, Memory]\n      Qux: !Jo")
        #expect(try s.labels(uri, 37, 14) == ["!Join"])
        // Top-level sections the template does not have yet.
        s.change(uri, version: 13, line: 0, character: 0, text: "\n")
        let sections = try s.labels(uri, 0, 0)
        #expect(sections.contains("Rules") && sections.contains("Transform") && !sections.contains("Resources"))
    }

    @Test("completion of a key is a snippet where the client takes them: a block for an object or a list")
    func snippets() throws {
        let s = Session(uninitialized: ())
        let r = try s.request(
            "initialize",
            "{\"capabilities\":{\"textDocument\":{\"completion\":{\"completionItem\":{\"snippetSupport\":true}}}}}"
        )
        #expect(r["result"] != nil)
        s.open(uri, "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      ")
        let items = try s.at("textDocument/completion", uri, 4, 6)["items"]?.array ?? []
        func insert(_ label: String) -> String? { items.first { $0["label"]?.string == label }?["insertText"]?.string }
        #expect(insert("Handler") == "Handler: $0")
        #expect(insert("Environment") == "Environment:\n  $0")
        #expect(insert("Layers") == "Layers:\n  - $0")
        #expect(items.allSatisfy { $0["insertTextFormat"]?.int == 2 })
    }

    @Test("definition and references through Ref, both GetAtt forms, Sub, DependsOn, Condition and FindInMap")
    func navigation() throws {
        let s = try Session()
        s.open(uri, sample)
        func lines(_ v: JSONValue) -> [Int] { (v.array ?? [v]).compactMap { $0["range"]?["start"]?["line"]?.int } }
        #expect(lines(try s.at("textDocument/definition", uri, 27, 20)) == [12])  // !GetAtt [Bucket, Arn]
        #expect(lines(try s.at("textDocument/definition", uri, 22, 50)) == [12])  // !GetAtt Bucket.Arn
        #expect(lines(try s.at("textDocument/definition", uri, 16, 26)) == [2])  // ${Env}
        #expect(lines(try s.at("textDocument/definition", uri, 23, 43)) == [8])  // FindInMap Sizes
        #expect(lines(try s.at("textDocument/definition", uri, 14, 16)) == [6])  // Condition: IsProd
        let bucket = lines(try s.at("textDocument/references", uri, 12, 4, extra: ",\"context\":{\"includeDeclaration\":true}"))
        #expect(bucket == [12, 19, 22, 27])
        let isProd = lines(try s.at("textDocument/references", uri, 6, 4, extra: ",\"context\":{\"includeDeclaration\":false}"))
        #expect(isProd == [14, 22, 26])
        let env = lines(try s.at("textDocument/references", uri, 2, 3, extra: ",\"context\":{\"includeDeclaration\":true}"))
        #expect(env == [2, 6, 16, 22])
    }

    @Test("rename changes every use, Sub strings included, and refuses a taken or invalid name")
    func rename() throws {
        let s = try Session()
        s.open(uri, sample)
        let prepared = try s.at("textDocument/prepareRename", uri, 16, 27)
        #expect(prepared["placeholder"]?.string == "Env")
        let result = try s.at("textDocument/rename", uri, 2, 3, extra: ",\"newName\":\"Stage\"")
        let edits = try #require(result["changes"]?[uri]?.array)
        var text = Array(sample.utf8)
        let doc = try #require(s.server.documents[uri]).text
        let ranges = try edits.map { e -> Range<Int> in
            let r = try #require(e["range"])
            let a = doc.offset(line: r["start"]!["line"]!.int!, character: r["start"]!["character"]!.int!, encoding: .utf16)
            let b = doc.offset(line: r["end"]!["line"]!.int!, character: r["end"]!["character"]!.int!, encoding: .utf16)
            return a..<b
        }
        for r in ranges.sorted(by: { $0.lowerBound > $1.lowerBound }) { text.replaceSubrange(r, with: Array("Stage".utf8)) }
        let renamed = String(decoding: text, as: UTF8.self)
        #expect(renamed.contains("  Stage:\n") && renamed.contains("${Stage}-${AWS::Region}") && renamed.contains("!Ref Stage, prod"))
        #expect(!renamed.contains("Env"))
        // The result lints as the original did (nothing dangling).
        let before = Linter().lint(bytes: Array(sample.utf8), path: "x.yaml").findings
        let after = Linter().lint(bytes: text, path: "x.yaml").findings
        #expect(after.map(\.ruleId) == before.map(\.ruleId))
        #expect(after.map(\.range.start.line) == before.map(\.range.start.line))
        let taken = try s.request(
            "textDocument/rename",
            "{\"textDocument\":{\"uri\":\"\(uri)\"},\"position\":{\"line\":2,\"character\":3},\"newName\":\"Queue\"}"
        )
        #expect(taken["error"]?["message"]?.string?.contains("already") == true)
        let invalid = try s.request(
            "textDocument/rename",
            "{\"textDocument\":{\"uri\":\"\(uri)\"},\"position\":{\"line\":2,\"character\":3},\"newName\":\"my-env\"}"
        )
        #expect(invalid["error"]?["message"]?.string?.contains("not a valid name") == true)
    }

    @Test("document symbols, formatting, and the ignore and required-properties quick fixes")
    func symbolsFormattingActions() throws {
        let s = try Session()
        s.open(uri, sample)
        let symbols = try s.request("textDocument/documentSymbol", "{\"textDocument\":{\"uri\":\"\(uri)\"}}")["result"]?.array ?? []
        #expect(
            symbols.compactMap { $0["name"]?.string } == [
                "AWSTemplateFormatVersion", "Parameters", "Conditions", "Mappings", "Resources", "Outputs",
            ]
        )
        let resources = symbols[4]["children"]?.array ?? []
        #expect(resources.compactMap { $0["name"]?.string } == ["Bucket", "Queue"])
        #expect(resources.first?["detail"]?.string == "AWS::S3::Bucket")

        s.open("file:///work/ugly.yaml", "Resources:\n    Q:\n        Type: AWS::SQS::Queue   # the queue\n")
        let edits =
            try s.request("textDocument/formatting", "{\"textDocument\":{\"uri\":\"file:///work/ugly.yaml\"},\"options\":{}}")["result"]?
            .array ?? []
        #expect(edits.count == 1)
        let ugly = try Template(
            text: "Resources:\n    Q:\n        Type: AWS::SQS::Queue   # the queue\n",
            options: DecodeOptions(keepComments: true)
        )
        #expect(edits.first?["newText"]?.string == String(decoding: try Formatter.format(ugly), as: UTF8.self))
        #expect(edits.first?["newText"]?.string?.hasPrefix("Resources:\n  Q:\n    Type: AWS::SQS::Queue") == true)
        s.open("file:///work/broken.yaml", "Resources: [\n")
        let refused = try s.request("textDocument/formatting", "{\"textDocument\":{\"uri\":\"file:///work/broken.yaml\"},\"options\":{}}")
        #expect(refused["error"] != nil)

        s.open("file:///work/req.yaml", "Resources:\n  Policy:\n    Type: AWS::SNS::TopicPolicy\n    Properties:\n      Topics: []\n")
        let d = try #require(s.diagnostics("file:///work/req.yaml")?.first { $0["code"]?.string == "E3003" })
        let params =
            "{\"textDocument\":{\"uri\":\"file:///work/req.yaml\"},\"range\":\(String(decoding: d["range"]!.serialized(), as: UTF8.self)),\"context\":{\"diagnostics\":[\(String(decoding: d.serialized(), as: UTF8.self))]}}"
        let actions = try s.request("textDocument/codeAction", params)["result"]?.array ?? []
        let titles = actions.compactMap { $0["title"]?.string }
        #expect(titles.contains("Ignore E3003 on this line"))
        let add = try #require(actions.first { $0["title"]?.string == "Add required properties" })
        #expect(add["edit"]?["changes"]?["file:///work/req.yaml"]?.array?.first?["newText"]?.string == "      PolicyDocument: \n")

        // A finding's own fix (lint --fix's) is a quick fix, the preferred one when safe.
        let flag = "Resources:\n  Flag:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Type: String\n      Value: yes\n"
        s.open("file:///work/flag.yaml", flag)
        let w3091 = try #require(s.diagnostics("file:///work/flag.yaml")?.first { $0["code"]?.string == "W3091" })
        let ask =
            "{\"textDocument\":{\"uri\":\"file:///work/flag.yaml\"},\"range\":\(String(decoding: w3091["range"]!.serialized(), as: UTF8.self)),\"context\":{\"diagnostics\":[\(String(decoding: w3091.serialized(), as: UTF8.self))]}}"
        let quick = try s.request("textDocument/codeAction", ask)["result"]?.array ?? []
        let quote = try #require(quick.first { $0["isPreferred"] == .bool(true) })
        #expect(quote["title"]?.string == "Quote yes so it stays text")
        let change = try #require(quote["edit"]?["changes"]?["file:///work/flag.yaml"]?.array?.first)
        #expect(change["newText"]?.string == "\"yes\"")
        #expect(change["range"]?["start"]?["line"]?.int == 5 && change["range"]?["start"]?["character"]?.int == 13)
        #expect(change["range"]?["end"]?["character"]?.int == 16)
        // Once the text has moved on, the old diagnostic's fix is not offered.
        s.change("file:///work/flag.yaml", version: 9, line: 6, character: 0, text: "\n")
        let stale = try s.request("textDocument/codeAction", ask)["result"]?.array ?? []
        #expect(!stale.contains { $0["isPreferred"] == .bool(true) })
    }

    @Test("the lifecycle: errors before initialize and after shutdown, unknown methods, bad JSON, exit codes")
    func lifecycle() throws {
        let fresh = LanguageServer()
        let early = fresh.handle(Array("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hover\",\"params\":{}}".utf8)).map {
            JSONValue.parse($0)!
        }
        #expect(early.first?["error"]?["code"]?.int == -32002)
        let s = try Session()
        #expect(try s.request("workspace/nothing", "{}")["error"]?["code"]?.int == -32601)
        #expect(s.send("{not json").first?["error"]?["code"]?.int == -32700)
        #expect(try s.request("textDocument/hover", "{}")["error"]?["code"]?.int == -32602)
        #expect(try s.request("shutdown", "null")["result"] == .null)
        #expect(try s.request("textDocument/hover", "{}")["error"]?["code"]?.int == -32600)
        s.notify("exit", "null")
        #expect(s.server.exitStatus == 0)
        let rude = try Session()
        rude.notify("exit", "null")
        #expect(rude.server.exitStatus == 1)
    }

    @Test("framing: messages split across reads, several in one read, a bad header")
    func framing() {
        var f = MessageFramer()
        let a = framed(Array("{\"a\":1}".utf8))
        let b = framed(Array("{\"b\":2}".utf8))
        let all = a + b
        f.append(Array(all[0..<5]))
        if case .needMore = f.next() {} else { Issue.record("a partial header is not a message") }
        f.append(Array(all[5...]))
        guard case .message(let first) = f.next(), case .message(let second) = f.next() else {
            Issue.record("two messages expected")
            return
        }
        #expect(String(decoding: first, as: UTF8.self) == "{\"a\":1}")
        #expect(String(decoding: second, as: UTF8.self) == "{\"b\":2}")
        f.append(Array("Content-Type: x\r\n\r\n".utf8) + framed(Array("{}".utf8)))
        if case .malformed = f.next() {} else { Issue.record("a header without Content-Length is malformed") }
        guard case .message(let third) = f.next() else {
            Issue.record("the stream recovers after a bad header")
            return
        }
        #expect(third == Array("{}".utf8))
    }
}
