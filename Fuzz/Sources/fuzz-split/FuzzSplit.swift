// libFuzzer target: `split`. Small limits (1 to 4 resources a stack) so that fuzz-sized inputs
// are really split; the splitter's own verification (merge back, compare) runs on every output.
// A SplitError is a fine answer, except a failed verification: that is a finding.
import CFNModel
import CFNSplit

#if canImport(Glibc)
import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 1 else { return 0 }
    let maxResources = Int(data[0] & 3) + 1
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    guard let t = try? Template(bytes: bytes, path: "fuzz") else { return 0 }
    do {
        let result = try Splitter.split(t, options: SplitOptions(maxResources: maxResources))
        _ = result.stacks.count
    } catch {
        if error.message.hasPrefix("verification failed") {
            // stderr: stdout is buffered and lost on abort().
            fputs("fuzz-split: \(error)" + "\n", stderr)
            abort()
        }
    }
    return 0
}
