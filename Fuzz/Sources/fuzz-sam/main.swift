// libFuzzer target: the SAM transform. It must end with an output or errors, never crash or
// hang, and its output must render and decode again to the same template.
import CFNModel
import CFNSAM

#if canImport(Glibc)
import Glibc
#endif

enum Shared {
    static let transform = SAMTransform(.init(region: "us-east-1", sarTemplateURLs: ["*": "https://example.com/t.yaml"]))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let t = try? Template(bytes: bytes, path: "fuzz") else { return 0 }
    guard let output = try? Shared.transform.apply(to: t) else { return 0 }
    for format in [Template.Format.json, .yaml] {
        guard let rendered = try? Formatter.format(output.template, as: format) else {
            fputs("fuzz-sam: the transform's output does not render as \(format)\n", stderr)
            abort()
        }
        guard let again = try? Template(bytes: rendered, path: "fuzz-out", options: DecodeOptions(maxBytes: Int.max)),
            again.rootNode.isSemanticallyEqual(to: output.template.rootNode)
        else {
            fputs("fuzz-sam: the transform's \(format) output does not decode to itself\n\(String(decoding: rendered, as: UTF8.self))\n", stderr)
            abort()
        }
    }
    return 0
}
