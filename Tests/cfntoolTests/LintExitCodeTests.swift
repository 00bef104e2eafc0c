import Foundation
import Testing

@Suite("lint --exit-codes cfn-lint", .serialized)
struct LintExitCodeTests {
    /// One comparison: the files, the level (our --fail-level, cfn-lint's --non-zero-exit-code)
    /// and any options both take alike.
    struct Case: Sendable {
        var files: [String]
        var level = "informational"
        var options: [String] = []
    }

    static let corpus = CLI.root + "/../shared/corpus/templates/aws-cloudformation-templates/"

    static func setUp() throws -> String {
        let dir = try NotTemplates.folder()
        try CLI.write("Resources:\n  Topic: {Type: AWS::SNS::Topic}\n", to: dir + "/clean.yaml")
        try CLI.write("Parameters:\n  Unused: {Type: String}\nResources:\n  Topic: {Type: AWS::SNS::Topic}\n", to: dir + "/warn.yaml")
        try CLI.write("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    DependsOn: Missing\n", to: dir + "/err.yaml")
        try CLI.write("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n  B: [\n", to: dir + "/bad.yaml")
        // 455 resources: both tools' informational "approaching the limit of 500" (I3010) only.
        var many = "Resources:\n"
        for i in 0..<455 { many += "  Topic\(i):\n    Type: AWS::SNS::Topic\n" }
        try CLI.write(many, to: dir + "/many.yaml")
        return dir
    }

    static let cases: [Case] = [
        Case(files: ["clean.yaml"]),
        Case(files: ["warn.yaml", "err.yaml"]),
        Case(files: ["warn.yaml", "err.yaml"], level: "error"),
        Case(files: ["warn.yaml", "many.yaml"], level: "warning", options: ["--include-checks", "I"]),
        Case(files: ["many.yaml"], options: ["--include-checks", "I"]),
        Case(files: ["bad.yaml", "warn.yaml"]),
        Case(files: ["missing.yaml", "warn.yaml"]),
        Case(files: ["docker-compose.yaml"]),
        Case(files: [corpus + "NeptuneDB/Neptune.yaml"]),
        Case(files: [corpus + "IoT/amzn2-greengrass-cfn.yaml"]),
    ]

    @Test("the exit code cfn-lint 1.51.0 gives for the same files (cfn-lint run on each set)")
    func sameAsCfnLint() throws {
        let dir = try Self.setUp()
        let cases = Self.cases
        // cfn-lint takes about 2 s a run: the runs go side by side.
        let codes = UnsafeMutableBufferPointer<(Int32, Int32)>.allocate(capacity: cases.count)
        defer { codes.deallocate() }
        nonisolated(unsafe) let slots = codes
        DispatchQueue.concurrentPerform(iterations: cases.count) { i in
            let c = cases[i]
            let theirs =
                (try? CLI.run(
                    ["cfn-lint", "--non-zero-exit-code", c.level] + c.options + ["--"] + c.files,
                    cwd: dir,
                    executable: "/usr/bin/env"
                ))?.status ?? -1
            let ours =
                (try? CLI.run(["lint", "--exit-codes", "cfn-lint", "--fail-level", c.level] + c.options + ["--"] + c.files, cwd: dir))?
                .status ?? -1
            slots[i] = (theirs, ours)
        }
        for (i, c) in cases.enumerated() {
            #expect(codes[i].1 == codes[i].0, "\(c.files) at \(c.level) \(c.options): cfn-lint \(codes[i].0), cfntool \(codes[i].1)")
        }
        // The cases reach every bit and their mixes (or cfn-lint is missing: pip install cfn-lint==1.51.0).
        #expect(Set(codes.map(\.0)).isSuperset(of: [0, 2, 4, 6, 8]), "\(codes.map(\.0))")
    }

    @Test("exit_codes: cfn-lint in the config; --exit-codes cfntool overrides it; usage errors stay 64")
    func config() throws {
        let dir = try Self.setUp()
        #expect(try CLI.run(["lint", "warn.yaml", "err.yaml"], cwd: dir).status == 1)
        #expect(try CLI.run(["lint", "--exit-codes", "cfn-lint", "warn.yaml", "err.yaml"], cwd: dir).status == 6)
        try CLI.write("exit_codes: cfn-lint\n", to: dir + "/.cfntool.yaml")
        #expect(try CLI.run(["lint", "warn.yaml", "err.yaml"], cwd: dir).status == 6)
        #expect(try CLI.run(["lint", "--exit-codes", "cfntool", "warn.yaml", "err.yaml"], cwd: dir).status == 1)
        // --fail-level still decides what counts.
        #expect(try CLI.run(["lint", "--fail-level", "error", "warn.yaml", "err.yaml"], cwd: dir).status == 2)
        #expect(try CLI.run(["lint", "--fail-level", "error", "warn.yaml"], cwd: dir).status == 0)
        #expect(try CLI.run(["lint", "--exit-codes", "eslint", "warn.yaml"], cwd: dir).status == 64)
        #expect(try CLI.run(["lint", "--frobnicate", "warn.yaml"], cwd: dir).status == 64)
        try CLI.write("exit_codes: loud\n", to: dir + "/.cfntool.yaml")
        let bad = try CLI.run(["lint", "warn.yaml"], cwd: dir)
        #expect(bad.status == 2 && bad.stdout.hasSuffix(".cfntool.yaml:1:13: E0003 exit_codes takes cfntool or cfn-lint\n"), "\(bad.stdout)")
    }
}
