// libFuzzer target: `diff` of a template against its own `fmt` output, which must be empty
// (a non-empty diff is a finding, reported by abort()).
import CFNDiff
import CFNModel

#if canImport(Glibc)
import Glibc
#endif

enum Shared { static let differ = Differ() }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let t = try? Template(bytes: bytes, path: "fuzz", options: DecodeOptions(keepComments: true)) else { return 0 }
    let out = Formatter.render(t)
    // A render that does not parse again is fuzz-fmt's finding; here only the diff counts.
    guard let again = try? Template(bytes: out, path: "fuzz-out", options: DecodeOptions(maxBytes: Int.max)) else { return 0 }
    let d = Shared.differ.diff(t, again)
    if !d.isEmpty {
        // stderr: stdout is buffered and lost on abort().
        fputs(
            "fuzz-diff: a template differs from its fmt output\n\(d)\n--- output ---\n\(String(decoding: out, as: UTF8.self))" + "\n",
            stderr
        )
        abort()
    }
    return 0
}
