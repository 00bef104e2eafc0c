import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Malformed files through the binary: exit 2 and file:line:col, for every case")
struct MalformedFileTests {
    /// name -> bytes
    static func cases() -> [(String, [UInt8])] {
        let valid = Array("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      DelaySeconds: \"5\"\n".utf8)
        var random: [UInt8] = []
        var x: UInt32 = 7
        for _ in 0..<2048 {
            x = x &* 1_664_525 &+ 1_013_904_223
            random.append(UInt8(truncatingIfNeeded: x >> 24))
        }
        let deepJSON = "{\"A\": " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        var deepYAML = ""
        for d in 0..<10_000 { deepYAML += String(repeating: " ", count: d) + "k:\n" }
        var huge = Array("Resources:\n".utf8)
        let line = Array("  # padding padding padding padding padding padding padding padding\n".utf8)
        while huge.count < 50 << 20 { huge += line }
        return [
            ("truncated.yaml", Array(valid[0..<(valid.count - 4)]) + Array("\n  \"".utf8)),
            ("truncated.json", Array("{\"Resources\": {\"Queue\": {\"Type\": \"AWS::SQS::Qu".utf8)),
            ("tabs.yaml", Array("Resources:\n\tQueue:\n\t\tType: AWS::SQS::Queue\n".utf8)),
            ("duplicate.yaml", Array("Resources:\n  Q: {Type: A}\n  Q: {Type: B}\n".utf8)),
            ("duplicate.json", Array("{\"Resources\": {\"Q\": {}, \"Q\": {}}}".utf8)),
            ("badtag.yaml", Array("Resources:\n  Q:\n    Type: !Reff Queue\n".utf8)),
            ("empty.yaml", []),
            ("binary.yaml", random),
            ("nul.yaml", [0, 0, 0, 0, 0]),
            ("deep.json", Array(deepJSON.utf8)),
            ("deep.yaml", Array(deepYAML.utf8)),
            ("huge.yaml", huge),
            ("list.yaml", Array("- a\n- b\n".utf8)),
        ]
    }

    @Test("fmt, convert and info each exit 2 with a positioned message")
    func everyCase() throws {
        let dir = try CLI.scratch()
        for (name, bytes) in Self.cases() {
            try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name))
            for command in [["fmt"], ["convert", "--to", "json"], ["info"]] {
                let r = try CLI.run(command + [name], cwd: dir)
                #expect(r.status == 2, "\(command) \(name): exit \(r.status)")
                let pattern = "^\(NSRegularExpression.escapedPattern(for: name)):[0-9]+:[0-9]+: [^\\n]+\\n$"
                #expect(r.stderr.range(of: pattern, options: .regularExpression) != nil, "\(command) \(name): \(r.stderr)")
                #expect(r.stdout.isEmpty)
            }
        }
    }
}

/// Files that cannot be read or are not text, through every command that takes files: exit 2,
/// the path and the reason (a command that hangs is killed at 60 s and fails: a guard against hangs,
/// not a speed check; speed is measured by make bench).
@Suite("Unreadable and invalid files through every command")
struct UnreadableFileTests {
    struct Run {
        var status: Int32
        var output: String
        var seconds: Double
    }

    static func run(_ args: [String], cwd: String) throws -> Run {
        var start = timespec()
        var end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        let r = try CLI.run(["60", CLI.binary] + args, cwd: cwd, executable: "/usr/bin/timeout")
        clock_gettime(CLOCK_MONOTONIC, &end)
        let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
        return Run(status: r.status, output: r.stdout + r.stderr, seconds: seconds)
    }

    /// The commands, each with `FILE` where the bad file goes.
    static let commands: [[String]] = [
        ["lint", "FILE"], ["fmt", "FILE"], ["fmt", "-w", "FILE"], ["fmt", "--check", "FILE"], ["convert", "--to", "json", "FILE"],
        ["info", "FILE"], ["split", "FILE", "-o", "out"], ["count", "FILE"], ["graph", "FILE"],
        ["diff", "FILE", "good.yaml"], ["diff", "good.yaml", "FILE"], ["lint", "good.yaml", "FILE"], ["count", "good.yaml", "FILE"],
    ]

    /// (file name, what the message must say), after `setUp` made them in `dir`.
    static func setUp(_ dir: String) throws -> [(String, String)] {
        let fm = FileManager.default
        try CLI.write("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n", to: dir + "/good.yaml")
        try fm.createDirectory(atPath: dir + "/folder.yaml", withIntermediateDirectories: false)
        var binary: [UInt8] = []
        var x: UInt32 = 11
        for _ in 0..<4096 {
            x = x &* 1_664_525 &+ 1_013_904_223
            binary.append(UInt8(truncatingIfNeeded: x >> 24))
        }
        try Data(binary).write(to: URL(fileURLWithPath: dir + "/binary.yaml"))
        try Data(binary).write(to: URL(fileURLWithPath: dir + "/binary.json"))
        let latin1 = Array("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: caf".utf8) + [0xE9, 0x0A]
        try Data(latin1).write(to: URL(fileURLWithPath: dir + "/latin1.yaml"))
        let json =
            Array("{\"Resources\": {\"Queue\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {\"QueueName\": \"caf".utf8) + [0xE9]
            + Array("\"}}}}".utf8)
        try Data(json).write(to: URL(fileURLWithPath: dir + "/latin1.json"))
        return [
            ("missing.yaml", "no such file"), ("nodir/missing.yaml", "no such file"), ("good.yaml/x.yaml", "not a directory"),
            ("folder.yaml", "is a directory"), ("binary.yaml", "binary file"), ("binary.json", "binary file"), ("latin1.yaml", "not UTF-8"),
            ("latin1.json", "not UTF-8"),
        ]
    }

    @Test("missing files, folders, binary and invalid UTF-8: exit 2 with the path and the reason, never a hang")
    func everyCommand() throws {
        let dir = try CLI.scratch()
        for (name, reason) in try Self.setUp(dir) {
            for command in Self.commands {
                // lint, fmt --check and -w, info and count search a folder for templates: this
                // one has none, which is an error of its own.
                let searches = ["lint", "info", "count", "--check", "-w"].contains { command.prefix(2).contains($0) }
                let expected = searches && name == "folder.yaml" ? "no CloudFormation template in this folder" : reason
                try? FileManager.default.removeItem(atPath: dir + "/out")
                let args = command.map { $0 == "FILE" ? name : $0 }
                let r = try Self.run(args, cwd: dir)
                #expect(r.status == 2, "\(args): exit \(r.status): \(r.output)")
                #expect(r.output.contains(name), "\(args): the message does not name the file: \(r.output)")
                #expect(r.output.contains(expected), "\(args): the message does not say \(expected): \(r.output)")
                #expect(r.seconds < 60, "\(args) took \(r.seconds) s: a hang")
                #expect(!FileManager.default.fileExists(atPath: dir + "/out"), "\(args): split wrote output")
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/binary.yaml")).count == 4096, "fmt -w changed a file it could not read")
    }

    @Test("fmt -w and split -o where nothing may be written: exit 2, permission denied, the file unchanged")
    func readOnly() throws {
        // Root ignores permission bits (CI runs the tests as root): nothing to check there.
        guard getuid() != 0 else { return }
        let dir = try CLI.scratch()
        let messy = "Resources:\n  Queue: {Properties: {DelaySeconds: 5}, Type: AWS::SQS::Queue}\n"
        try FileManager.default.createDirectory(atPath: dir + "/ro", withIntermediateDirectories: false)
        try CLI.write(messy, to: dir + "/ro/t.yaml")
        try CLI.write(messy, to: dir + "/secret.yaml")
        chmod(dir + "/ro", 0o555)
        chmod(dir + "/secret.yaml", 0o000)
        defer {
            chmod(dir + "/ro", 0o755)
            chmod(dir + "/secret.yaml", 0o644)
        }
        let w = try Self.run(["fmt", "-w", "ro/t.yaml"], cwd: dir)
        #expect(w.status == 2 && w.output.contains("ro/t.yaml") && w.output.contains("permission denied"), "\(w.output)")
        #expect(try CLI.read(dir + "/ro/t.yaml") == messy)
        let s = try Self.run(["split", "ro/t.yaml", "-o", "ro/out"], cwd: dir)
        #expect(s.status == 2 && s.output.contains("ro/out"), "\(s.output)")
        for command in Self.commands {
            let args = command.map { $0 == "FILE" ? "secret.yaml" : $0 }
            let r = try Self.run(args, cwd: dir)
            #expect(r.status == 2 && r.output.contains("secret.yaml") && r.output.contains("permission denied"), "\(args): \(r.output)")
        }
    }
}
