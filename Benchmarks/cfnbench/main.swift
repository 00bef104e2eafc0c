// In-process timings for `make bench`: the median of several runs of one operation on one file.
// usage: cfnbench decode|decode-comments|format|render|graph|split|transform FILE [RUNS]
//        cfnbench diff|diff-only OLD,NEW [RUNS]   (diff: decode both and diff; diff-only: the diff alone)
import CFNDiff
import CFNModel
import CFNSAM
import CFNSplit

#if canImport(Glibc)
import Glibc
#endif

func err(_ message: String) {
    let b = Array((message + "\n").utf8)
    _ = b.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

func fail(_ message: String) -> Never {
    err(message)
    exit(64)
}

func ms(_ v: Double) -> String {
    let thousandths = Int((v * 1000).rounded())
    let frac = String(thousandths % 1000)
    return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
}

let args = CommandLine.arguments
guard args.count >= 3 else {
    fail("usage: cfnbench decode|decode-comments|format|render|graph|split|transform FILE [RUNS] | diff|diff-only OLD,NEW [RUNS]")
}
let operation = args[1]
let runs = args.count > 3 ? Int(args[3]) ?? 15 : 15
let bytes: [UInt8]
var otherBytes: [UInt8] = []
do {
    if operation.hasPrefix("diff") {
        let pair = args[2].split(separator: ",").map(String.init)
        guard pair.count == 2 else { fail("diff takes OLD,NEW") }
        bytes = try SourceFile.read(pair[0])
        otherBytes = try SourceFile.read(pair[1])
    } else {
        bytes = try SourceFile.read(args[2])
    }
} catch {
    fail("\(error)")
}

let clock = ContinuousClock()
var times: [Double] = []
var sink = 0
var graphTime: Duration? = nil
for _ in 0..<runs {
    let start = clock.now
    do {
        switch operation {
        case "decode":
            sink &+= try Template(bytes: bytes, path: args[2]).root.count
        case "decode-comments":
            sink &+= try Template(bytes: bytes, path: args[2], options: DecodeOptions(keepComments: true)).comments.count
        case "format":
            let t = try Template(bytes: bytes, path: args[2], options: DecodeOptions(keepComments: true))
            sink &+= try Formatter.format(t).count
        case "graph":
            // Decoding is outside the timing: only the graph is built.
            let t = try Template(bytes: bytes, path: args[2])
            let s = clock.now
            sink &+= DependencyGraph(t).edges.count
            graphTime = clock.now - s
        case "split":
            let t = try Template(bytes: bytes, path: args[2])
            do {
                // Decode, split and verify: everything but writing the files.
                sink &+= try Splitter.split(t).stacks.count
            } catch {
                fail("\(error)")
            }
        case "diff":
            let a = try Template(bytes: bytes, path: "old")
            let b = try Template(bytes: otherBytes, path: "new")
            sink &+= Differ().diff(a, b).resources.count
        case "diff-only":
            // Decoding is outside the timing: only the diff is built.
            let a = try Template(bytes: bytes, path: "old")
            let b = try Template(bytes: otherBytes, path: "new")
            let differ = Differ()
            _ = differ.diff(a, a)  // schemas read once, as in a warm process
            let s = clock.now
            sink &+= differ.diff(a, b).resources.count
            graphTime = clock.now - s
        case "transform":
            // Decoding is outside the timing: only the SAM transform runs.
            let t = try Template(bytes: bytes, path: args[2])
            let s = clock.now
            do { sink &+= try SAMTransform(SAMTransform.Options(region: "ap-southeast-1")).apply(to: t).template.resources.count } catch { fail("\(error.errors)") }
            graphTime = clock.now - s
        case "render":
            sink &+= Formatter.render(try Template(bytes: bytes, path: args[2])).count
        default:
            fail("unknown operation \(operation)")
        }
    } catch {
        fail("\(error)")
    }
    var d = clock.now - start
    if let g = graphTime { d = g }
    graphTime = nil
    times.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15)
}
// RUNS=0 reads the file and stops: the baseline that instruction counts subtract.
if runs == 0 { exit(0) }
times.sort()
print(ms(times[times.count / 2]))
err("cfnbench \(operation): median \(ms(times[times.count / 2])) ms over \(runs) runs (\(sink))")
