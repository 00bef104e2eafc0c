// libFuzzer target: the JSON decoder (and its fall back to YAML flow syntax for JSON-looking input).
// Any input may be rejected with a CFNError; none may crash, hang or leak.
import CFNModel

#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // JSON is recognised by a leading `{`: make every input take the JSON path.
    if bytes.first(where: { ![32, 9, 10, 13].contains($0) }) != UInt8(ascii: "{") {
        bytes.insert(UInt8(ascii: "{"), at: 0)
    }
    guard let t = try? Template(bytes: bytes, path: "fuzz.json") else { return 0 }
    _ = DependencyGraph(t)
    _ = t.resources.count
    return 0
}
