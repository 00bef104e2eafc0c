// In-process timings for `make bench`: the median of several runs of one operation on one file.
// usage: cfnbench decode|decode-comments|format|render FILE [RUNS]
import CFNModel

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
guard args.count >= 3 else { fail("usage: cfnbench decode|decode-comments|format|render FILE [RUNS]") }
let operation = args[1]
let runs = args.count > 3 ? Int(args[3]) ?? 15 : 15
let bytes: [UInt8]
do {
    bytes = try SourceFile.read(args[2])
} catch {
    fail("\(error)")
}

let clock = ContinuousClock()
var times: [Double] = []
var sink = 0
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
        case "render":
            sink &+= Formatter.render(try Template(bytes: bytes, path: args[2])).count
        default:
            fail("unknown operation \(operation)")
        }
    } catch {
        fail("\(error)")
    }
    let d = clock.now - start
    times.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15)
}
// RUNS=0 reads the file and stops: the baseline that instruction counts subtract.
if runs == 0 { exit(0) }
times.sort()
print(ms(times[times.count / 2]))
err("cfnbench \(operation): median \(ms(times[times.count / 2])) ms over \(runs) runs (\(sink))")
