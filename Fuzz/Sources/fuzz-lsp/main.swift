// libFuzzer target: `cfntool lsp`'s server. The input is split at its first 0xFF byte: before it,
// the text of a document (opened, then edited); after it, a program of operations, 6 bytes each:
// an edit (random range, random replacement from the input), or a request at a random position
// (hover, completion, definition, references, rename, prepareRename, symbols, formatting, code
// actions). The whole input is also sent once as a raw message body. Never a crash, a hang, or an
// answer that is not JSON.
import CFNLanguageServer

func quote(_ bytes: ArraySlice<UInt8>) -> String {
    var out = "\""
    for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = bytes.firstIndex(of: 0xFF) ?? bytes.count
    let text = bytes[..<split]
    let program = split < bytes.count ? Array(bytes[(split + 1)...]) : []
    let server = LanguageServer()
    var id = 0
    func send(_ json: String) {
        for answer in server.handle(Array(json.utf8)) where answer.first != UInt8(ascii: "{") {
            fatalError("an answer that is not a JSON object: \(String(decoding: answer, as: UTF8.self))")
        }
    }
    func request(_ method: String, _ params: String) {
        id += 1
        send("{\"jsonrpc\":\"2.0\",\"id\":\(id),\"method\":\"\(method)\",\"params\":\(params)}")
    }
    _ = server.handle(bytes)
    request("initialize", "{\"capabilities\":{\"general\":{\"positionEncodings\":[\"utf-16\"]}}}")
    let uri = "file:///fuzz.yaml"
    send(
        "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"\(uri)\",\"languageId\":\"yaml\",\"version\":1,\"text\":\(quote(text))}}}"
    )
    let methods = [
        "textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/references",
        "textDocument/rename", "textDocument/prepareRename", "textDocument/documentSymbol", "textDocument/formatting",
        "textDocument/codeAction",
    ]
    var i = 0
    var version = 1
    while i + 6 <= program.count && i < 6 * 64 {
        let op = Int(program[i])
        let line = Int(program[i + 1]) % 64
        let character = Int(program[i + 2]) % 96
        let endLine = line + Int(program[i + 3]) % 3
        let endCharacter = Int(program[i + 4]) % 96
        let length = Int(program[i + 5]) % 16
        let position = "{\"line\":\(line),\"character\":\(character)}"
        let range = "{\"start\":\(position),\"end\":{\"line\":\(endLine),\"character\":\(endCharacter)}}"
        if op % 10 == 9 {
            version += 1
            let insert = text.prefix(length)
            send(
                "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"\(uri)\",\"version\":\(version)},\"contentChanges\":[{\"range\":\(range),\"text\":\(quote(insert))}]}}"
            )
        } else {
            let method = methods[op % 10 % methods.count]
            let diagnostic = "{\"range\":\(range),\"code\":\"E3003\",\"message\":\"x\"}"
            request(
                method,
                "{\"textDocument\":{\"uri\":\"\(uri)\"},\"position\":\(position),\"newName\":\"Renamed\(op)\",\"range\":\(range),\"context\":{\"includeDeclaration\":true,\"diagnostics\":[\(diagnostic)]},\"options\":{}}"
            )
        }
        i += 6
    }
    request("shutdown", "null")
    send("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}")
    return 0
}
