import Foundation
import Testing

/// Templates written to hurt: every command ends, quickly, with an answer (0 or 1) or a clear
/// error (2), never a crash or a hang.
@Suite("Hostile templates through every command")
struct HostileTemplateTests {
    /// name -> text
    static func cases() -> [(String, String)] {
        var laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { laughs += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        laughs += "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata: *a9\n"
        let longDefault = String(repeating: "a", count: 50_000) + "!"
        let longSub = String(repeating: "${AWS::Region}-${Q.Arn}-", count: 40_000)
        return [
            // Every way a template can refer to itself.
            (
                "self-reference.yaml",
                """
                Parameters:
                  P: {Type: String, Default: !Ref P}
                Conditions:
                  A: !And [!Condition B, !Equals [!Ref P, x]]
                  B: !Or [!Condition A, !Condition B]
                  C: !Not [!Condition C]
                Resources:
                  Q:
                    Type: AWS::SQS::Queue
                    Condition: C
                    DependsOn: [Q, R]
                    Properties:
                      QueueName: !Sub "${Q}-${Q.Arn}-${R.Arn}"
                      DelaySeconds: !GetAtt Q.DelaySeconds
                      RedrivePolicy: !If [A, !GetAtt R.Arn, !Ref Q]
                  R:
                    Type: AWS::SQS::Queue
                    DependsOn: Q
                    Properties:
                      QueueName: !Join ["", [!Ref R, !GetAtt Q.QueueName, !Select [0, !Split [",", !Ref R]]]]
                Outputs:
                  O:
                    Condition: A
                    Value: !Sub "${O}${Q}"
                    Export: {Name: !Ref O}
                """
            ),
            // A catastrophic regular expression against a long default.
            (
                "redos.yaml",
                """
                Parameters:
                  P:
                    Type: String
                    AllowedPattern: ^(a+)+$
                    Default: \(longDefault)
                Resources:
                  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: !Ref P}}
                """
            ),
            // An alias expansion bomb: 10^10 nodes if expanded.
            ("laughs.yaml", laughs),
            // A very long Fn::Sub with 80,000 variables.
            ("long-sub.yaml", "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub \"\(longSub)\"\n"),
            // A merge key loop and a recursive alias.
            ("merge.yaml", "Resources:\n  Q: &q\n    Type: AWS::SQS::Queue\n    <<: *q\n"),
        ]
    }

    static let commands: [[String]] = [
        ["lint"], ["fmt"], ["convert", "--to", "json"], ["info"], ["count"], ["graph"],
        ["split", "--max-resources", "1", "-o"], ["diff"],
    ]

    @Test("every command ends (no hang) with 0, 1 or 2, and a message with the file on 2", arguments: cases().map(\.0))
    func hostile(_ name: String) throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = try #require(Self.cases().first { $0.0 == name }).1
        let path = dir + "/" + name
        try CLI.write(text, to: path)
        for command in Self.commands {
            var args = command
            switch command[0] {
            case "split": args += [dir + "/out-\(UUID().uuidString)", path]
            case "diff": args += [path, path]
            default: args.append(path)
            }
            let start = Date()
            let r = try CLI.run(args)
            let seconds = Date().timeIntervalSince(start)
            #expect([0, 1, 2].contains(r.status), "\(command[0]) on \(name): status \(r.status)\n\(r.stderr.prefix(500))")
            // A guard against hangs, not a speed check (make bench measures speed): a loaded CI
            // machine may take seconds where a quiet one takes milliseconds.
            #expect(seconds < 60, "\(command[0]) on \(name) took \(seconds) s")
            if r.status == 2 {
                #expect((r.stderr + r.stdout).contains(name), "\(command[0]) on \(name): the error names the file\n\(r.stderr.prefix(500))")
            }
        }
    }

    @Test("the alias bomb is refused with the limit named, at the alias")
    func aliasLimit() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/laughs.yaml"
        try CLI.write(try #require(Self.cases().first { $0.0 == "laughs.yaml" }).1, to: path)
        let r = try CLI.run(["fmt", path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("laughs.yaml:") && r.stderr.contains("alias"), "\(r.stderr)")
    }
}
