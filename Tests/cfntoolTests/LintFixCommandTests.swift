import Foundation
import Testing

/// `cfntool lint --fix`, `--unsafe-fixes` and `--diff`, through the binary.
@Suite("lint --fix")
struct LintFixCommandTests {
    /// A template with one safe fix (W3091), one unsafe fix (E3002) and a comment on each line.
    static let template = """
        # Parameters first.
        Resources:
          Flag:
            Type: AWS::SSM::Parameter
            Properties:
              Type: String
              Value: yes # the feature is on
          Bucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketNme: logs # the name

        """

    @Test("--fix rewrites the file with the safe fixes only, says so on stderr, and exits by what remains")
    func fixSafe() throws {
        let dir = try CLI.scratch()
        let path = dir + "/t.yaml"
        try CLI.write(Self.template, to: path)
        let r = try CLI.run(["lint", "--fix", "--as-of", "2026-11-25", path])
        let fixed = try CLI.read(path)
        #expect(fixed == Self.template.replacingOccurrences(of: "Value: yes #", with: "Value: \"yes\" #"))
        #expect(r.stderr.contains("fixed 1 finding in 1 file; 1 finding remains (1 with an unsafe fix: --unsafe-fixes)"))
        // E3002 remains: an error, exit 1.
        #expect(r.status == 1)
        #expect(r.stdout.contains("E3002") && !r.stdout.contains("W3091"))
        #expect(r.stdout.contains("unsafe fix: --fix --unsafe-fixes"))
        // No scratch file is left beside it (the write is atomic: a temporary renamed).
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["t.yaml"])
    }

    @Test("--unsafe-fixes adds the others; nothing remains, exit 0; a second run changes nothing")
    func fixUnsafe() throws {
        let dir = try CLI.scratch()
        let path = dir + "/t.yaml"
        try CLI.write(Self.template, to: path)
        let r = try CLI.run(["lint", "--fix", "--unsafe-fixes", "--as-of", "2026-11-25", path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let fixed = try CLI.read(path)
        #expect(fixed.contains("BucketName: logs # the name") && fixed.contains("Value: \"yes\" # the feature is on"))
        #expect(fixed.contains("# Parameters first."))
        let again = try CLI.run(["lint", "--fix", "--unsafe-fixes", "--as-of", "2026-11-25", path])
        let reread = try CLI.read(path)
        #expect(again.status == 0 && reread == fixed)
        #expect(again.stderr.isEmpty && again.stdout.isEmpty)
    }

    @Test("--diff prints a unified diff, writes nothing, and exits 1 when something would change, 0 when not")
    func diff() throws {
        let dir = try CLI.scratch()
        let path = dir + "/t.yaml"
        try CLI.write(Self.template, to: path)
        let r = try CLI.run(["lint", "--diff", "--unsafe-fixes", path])
        #expect(r.status == 1)
        #expect(try CLI.read(path) == Self.template)
        #expect(r.stdout.hasPrefix("--- a/\(path)\n+++ b/\(path)\n@@ "))
        #expect(r.stdout.contains("\n-      Value: yes # the feature is on\n+      Value: \"yes\" # the feature is on\n"))
        #expect(r.stdout.contains("\n-      BucketNme: logs # the name\n+      BucketName: logs # the name\n"))
        #expect(r.stderr.contains("would fix 2 findings in 1 file"))
        // Nothing to fix: no diff, exit 0.
        let clean = dir + "/clean.yaml"
        try CLI.write("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n", to: clean)
        let none = try CLI.run(["lint", "--diff", clean])
        #expect(none.status == 0 && none.stdout.isEmpty)
        // The diff is one `patch` applies.
        let patch = try CLI.run(
            ["-p1", "-d", "/", "--dry-run"],
            stdin: r.stdout.replacingOccurrences(of: "a//", with: "a/").replacingOccurrences(of: "b//", with: "b/"),
            executable: "/usr/bin/patch"
        )
        #expect(patch.status == 0, "\(patch.stdout)\(patch.stderr)")
    }

    @Test("- reads standard input and writes the fixed text to standard output, the report to standard error")
    func stdin() throws {
        let r = try CLI.run(["lint", "--fix", "--as-of", "2026-11-25", "-"], stdin: Self.template)
        #expect(r.stdout == Self.template.replacingOccurrences(of: "Value: yes #", with: "Value: \"yes\" #"))
        #expect(r.stderr.contains("-:11:7: E3002"))
        #expect(r.status == 1)
        let json = try CLI.run(
            ["lint", "--fix", "-"],
            stdin: "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\": {\"Fn::Sub\": \"logs\"}}}}}\n"
        )
        #expect(json.stdout == "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"BucketName\": \"logs\"}}}}\n")
        #expect(json.status == 0)
    }

    @Test("the JSON and SARIF reports carry each fix's edits")
    func reports() throws {
        let r = try CLI.run(["lint", "--format", "json", "-"], stdin: Self.template)
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let w3091 = try #require(findings.first { ($0["Rule"] as? [String: Any])?["Id"] as? String == "W3091" })
        let fix = try #require(w3091["Fix"] as? [String: Any])
        #expect(fix["Safety"] as? String == "safe")
        let edit = try #require((fix["Edits"] as? [[String: Any]])?.first)
        let start = try #require(edit["Start"] as? Int)
        let end = try #require(edit["End"] as? Int)
        #expect(String(decoding: Array(Self.template.utf8)[start..<end], as: UTF8.self) == "yes")
        #expect(edit["Text"] as? String == "\"yes\"")
        let sarif = try CLI.run(["lint", "--format", "sarif", "-"], stdin: Self.template)
        #expect(sarif.stdout.contains("\"deletedRegion\"") && sarif.stdout.contains("\"insertedContent\""))
    }

    @Test("usage: --unsafe-fixes alone is an error; a file whose fix cannot be written is exit 2 and stays as it was")
    func usage() throws {
        let r = try CLI.run(["lint", "--unsafe-fixes", "templates/"])
        #expect(r.status == 64 && r.stderr.contains("--unsafe-fixes goes with --fix or --diff"))
        // A name of 250 bytes: the file exists, but the temporary one beside it
        // (`.NAME.cfntool-XXXXXX`) is over the 255 bytes a name may have, for root too.
        let dir = try CLI.scratch()
        let path = dir + "/" + String(repeating: "t", count: 245) + ".yaml"
        try CLI.write(Self.template, to: path)
        let failed = try CLI.run(["lint", "--fix", path])
        #expect(failed.status == 2, "\(failed.stdout)\(failed.stderr)")
        #expect(failed.stderr.contains(path), "\(failed.stderr)")
        // Nothing is counted as fixed, and the finding is still reported.
        #expect(failed.stderr.contains("fixed 0 findings in 0 files; 2 findings remain"), "\(failed.stderr)")
        #expect(failed.stdout.contains("W3091"))
        #expect(try CLI.read(path) == Self.template)
    }
}
