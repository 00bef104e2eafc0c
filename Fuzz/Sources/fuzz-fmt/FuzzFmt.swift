// libFuzzer target: the `fmt` round trip. An input that decodes must render to output that
// decodes again to the same template (in its own format, and converted to the other one);
// a mismatch is a finding, reported by abort().
import CFNModel

#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String, _ out: [UInt8]) -> Never {
    // stderr: stdout is buffered and lost on abort().
    fputs("fuzz-fmt: \(message)\n--- output ---\n\(String(decoding: out, as: UTF8.self))" + "\n", stderr)
    abort()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let t = try? Template(bytes: bytes, path: "fuzz", options: DecodeOptions(keepComments: true)) else { return 0 }
    for format in [t.format, t.format == .yaml ? .json : .yaml] as [Template.Format] {
        let out = Formatter.render(t, as: format)
        let again: Template
        do {
            again = try Template(bytes: out, path: "fuzz-out", options: DecodeOptions(keepComments: true, maxBytes: Int.max))
        } catch {
            fail("the \(format) output does not parse: \(error)", out)
        }
        if !t.isSemanticallyEqual(to: again) {
            fail("the \(format) output means something else: \(t.firstDifference(from: again) ?? "?")", out)
        }
    }
    return 0
}
