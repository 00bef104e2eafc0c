import CFNModel
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `fmt -w` and `split -o` killed at random moments: a file under a final name is always whole.
/// Bounded: up to 20 runs of each (at least 5, then as many as fit in 8 s), each killed within
/// the time one whole run takes.
@Suite("Killed at any moment: no partial file under a final name", .serialized)
struct KillLoopTests {
    static let iterations = 20
    static let functions = 80

    /// Whether run `i` (from 0) starts: always the first 5, then while under 8 s since `start`.
    static func goOn(_ i: Int, since start: timespec) -> Bool {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return i < 5 || (i < iterations && now.tv_sec - start.tv_sec < 8)
    }

    static func now() -> timespec {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return t
    }

    /// Runs `cfntool args` in `cwd` to the end and returns how long it took, in microseconds.
    static func duration(_ args: [String], cwd: String) throws -> UInt32 {
        var start = timespec()
        var end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        let r = try CLI.run(args, cwd: cwd)
        clock_gettime(CLOCK_MONOTONIC, &end)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return UInt32((end.tv_sec - start.tv_sec) * 1_000_000 + (end.tv_nsec - start.tv_nsec) / 1000)
    }

    /// Starts `cfntool args` in `cwd` and SIGKILLs it `delay` microseconds later (it may have
    /// finished by then); true when the kill cut it short.
    static func killed(_ args: [String], cwd: String, after delay: UInt32) throws -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        usleep(delay)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        return p.terminationReason == .uncaughtSignal
    }

    /// A delay that lands anywhere in a run of `full` microseconds (at least 0-50 ms).
    static func delay(within full: UInt32) -> UInt32 {
        UInt32.random(in: 0...max(50_000, full + full / 10))
    }

    @Test("fmt -w: the file is byte-identical to the original or fully formatted, never partial")
    func fmtWrite() throws {
        let dir = try CLI.scratch()
        let path = try SplitCommandTests.serverless(in: dir, functions: Self.functions)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        let formatted = Data(try CLI.run(["fmt", "serverless.yaml"], cwd: dir).stdout.utf8)
        #expect(formatted != original, "the generated template is already canonical: fmt -w would write nothing")
        let full = try Self.duration(["fmt", "-w", "serverless.yaml"], cwd: dir)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == formatted)
        var seen: [String: Int] = [:]
        let start = Self.now()
        var i = 0
        while Self.goOn(i, since: start) {
            defer { i += 1 }
            try original.write(to: URL(fileURLWithPath: path))
            let delay = Self.delay(within: full)
            let cut = try Self.killed(["fmt", "-w", "serverless.yaml"], cwd: dir, after: delay)
            let now = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(now == original || now == formatted, "run \(i), killed after \(delay) µs: \(now.count) bytes, neither whole form")
            seen[(cut ? "killed, " : "finished, ") + (now == formatted ? "formatted" : "original"), default: 0] += 1
            for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name != "serverless.yaml" {
                #expect(AtomicFile.isTemporaryName(name) && name.hasPrefix(".serverless.yaml."), "\(name) left beside the file")
                try FileManager.default.removeItem(atPath: dir + "/" + name)
            }
        }
        print("fmt -w kill loop (a run takes \(full) µs): \(seen.sorted { $0.key < $1.key })")
    }

    /// Every file under a final name in `out` parses.
    static func checkWhole(_ out: String, run: Int, delay: UInt32) throws {
        // Hidden names are bookkeeping (temporary files, the journal of a killed run), never output.
        for name in try FileManager.default.contentsOfDirectory(atPath: out) where !name.hasPrefix(".") {
            do {
                _ = try Template(contentsOf: out + "/" + name)
            } catch {
                Issue.record("run \(run), killed after \(delay) µs: \(name) is not a whole template: \(error)")
            }
        }
    }

    @Test("split -o: a new DIR appears whole or not at all; a rewritten DIR holds whole files; a rerun succeeds")
    func splitOutput() throws {
        let dir = try CLI.scratch()
        _ = try SplitCommandTests.serverless(in: dir, functions: Self.functions)
        let full = try Self.duration(["split", "serverless.yaml", "-o", "fresh"], cwd: dir)
        let expected = try SplitCommandTests.files(dir + "/fresh")
        var seen: [String: Int] = [:]
        let start = Self.now()
        var i = 0
        while Self.goOn(i, since: start) {
            defer { i += 1 }
            // Even runs: a new folder (written under a hidden name, renamed into place).
            // Odd runs: the folder of an earlier run, rewritten in place with --max-resources changed.
            let out = i % 2 == 0 ? "new\(i)" : "again"
            let args = ["split", "serverless.yaml", "-o", out] + (i % 4 == 1 ? ["--max-resources", "150"] : [])
            let delay = Self.delay(within: full)
            let cut = try Self.killed(args, cwd: dir, after: delay)
            let path = dir + "/" + out
            if FileManager.default.fileExists(atPath: path) {
                try Self.checkWhole(path, run: i, delay: delay)
                if i % 2 == 0 { #expect(try SplitCommandTests.files(path) == expected, "run \(i): a new DIR is complete") }
                seen[cut ? "killed, DIR present" : "finished", default: 0] += 1
            } else {
                #expect(cut, "run \(i) finished without writing \(out)")
                seen["killed, no DIR", default: 0] += 1
            }
        }
        // What the killed runs left behind does not stop the next run.
        let rerun = try CLI.run(["split", "serverless.yaml", "-o", "again"], cwd: dir)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try SplitCommandTests.files(dir + "/again") == expected)
        print("split -o kill loop (a run takes \(full) µs): \(seen.sorted { $0.key < $1.key })")
    }
}
