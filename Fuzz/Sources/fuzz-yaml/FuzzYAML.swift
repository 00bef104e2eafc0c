// libFuzzer target: the YAML decoder (with comment recovery, as `fmt` reads) and the typed views.
// Any input may be rejected with a CFNError; none may crash, hang or leak.
import CFNModel

#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // JSON is recognised by a leading `{`: a document marker keeps this target on the YAML path.
    if bytes.first(where: { ![32, 9, 10, 13].contains($0) }) == UInt8(ascii: "{") {
        bytes.insert(contentsOf: Array("--- ".utf8), at: 0)
    }
    guard let t = try? Template(bytes: bytes, path: "fuzz.yaml", options: DecodeOptions(keepComments: true)) else { return 0 }
    // The typed views walk the whole tree; reading them must not trap either.
    var n = 0
    for r in t.resources { n &+= r.dependsOn.count &+ (r.type?.utf8.count ?? 0) &+ (r.properties?.count ?? 0) }
    n &+= t.parameters.count &+ t.outputs.count &+ t.transforms.count
    _ = DependencyGraph(t)
    return n == Int.min ? 1 : 0
}
