import Foundation
import Testing

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
