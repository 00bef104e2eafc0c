import Foundation
import Testing

/// A template that is not in canonical form: sections out of order, needless quotes, a comment.
let messy = """
    Resources:
      # the queue
      Queue:
        Properties: {DelaySeconds: "5", VisibilityTimeout: 0755}
        Type: "AWS::SQS::Queue"
    AWSTemplateFormatVersion: '2010-09-09'

    """

let canonical = """
    AWSTemplateFormatVersion: '2010-09-09'

    Resources:
      # the queue
      Queue:
        Type: AWS::SQS::Queue
        Properties:
          DelaySeconds: "5"
          VisibilityTimeout: 0755

    """

@Suite("cfntool commands, run as a user runs them", .serialized)
struct CommandTests {
    @Test("--version names the version; --help lists the exit codes")
    func version() throws {
        let v = try CLI.run(["--version"])
        #expect(v.status == 0 && v.stdout.hasPrefix("cfntool "))
        // The version and the schema data in use, with where it was read from (here the source tree).
        #expect(v.stdout.hasPrefix("cfntool 0.2.0 (schemas: cfn-lint 1.51.0 from /"), "\(v.stdout)")
        #expect(v.stdout.hasSuffix("/Sources/CFNSchema/Data)\n"), "\(v.stdout)")
        let elsewhere = try CLI.run(["--version"], env: ["CFNTOOL_SCHEMAS": CLI.root + "/templates"])
        #expect(elsewhere.stdout.hasSuffix("/Sources/CFNSchema/Data)\n"), "a folder without an index is passed over")
        let h = try CLI.run(["--help"])
        #expect(h.status == 0 && h.stdout.contains("64 usage error"))
    }

    @Test("fmt prints the canonical form and leaves the file alone")
    func fmtPrints() throws {
        let dir = try CLI.scratch()
        try CLI.write(messy, to: dir + "/t.yaml")
        let r = try CLI.run(["fmt", "t.yaml"], cwd: dir)
        #expect(r.status == 0)
        #expect(r.stdout == canonical)
        #expect(try CLI.read(dir + "/t.yaml") == messy)
    }

    @Test("fmt --check lists the files that would change, says which command fixes them, exits 1; 0 when all are canonical")
    func fmtCheck() throws {
        let dir = try CLI.scratch()
        try CLI.write(messy, to: dir + "/a.yaml")
        try CLI.write(messy, to: dir + "/c d.yaml")
        try CLI.write(canonical, to: dir + "/b.yaml")
        let r = try CLI.run(["fmt", "--check", "a.yaml", "b.yaml", "c d.yaml"], cwd: dir)
        #expect(r.status == 1 && r.stdout == "a.yaml\nc d.yaml\n")
        #expect(r.stderr == "2 files are not in canonical form: run `cfntool fmt -w a.yaml 'c d.yaml'` to rewrite, then commit again\n")
        // The command it names does fix them.
        #expect(try CLI.run(["fmt", "-w", "a.yaml", "c d.yaml"], cwd: dir).status == 0)
        let clean = try CLI.run(["fmt", "--check", "a.yaml", "b.yaml", "c d.yaml"], cwd: dir)
        #expect(clean.status == 0 && clean.stdout.isEmpty && clean.stderr.isEmpty)
    }

    @Test("fmt -w rewrites in place, keeps the file mode, leaves no temporary file")
    func fmtWrite() throws {
        let dir = try CLI.scratch()
        let path = dir + "/t.yaml"
        try CLI.write(messy, to: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        let r = try CLI.run(["fmt", "-w", "t.yaml"], cwd: dir)
        #expect(r.status == 0 && r.stdout.isEmpty)
        #expect(try CLI.read(path) == canonical)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["t.yaml"])
        #expect(try CLI.run(["fmt", "--check", "t.yaml"], cwd: dir).status == 0)
    }

    @Test("JSON stays JSON under fmt, with the indent asked for")
    func fmtJSON() throws {
        let dir = try CLI.scratch()
        try CLI.write("{\"Resources\":{\"Q\":{\"Properties\":{},\"Type\":\"AWS::SQS::Queue\"}}}", to: dir + "/t.json")
        let r = try CLI.run(["fmt", "--indent", "4", "t.json"], cwd: dir)
        #expect(r.status == 0)
        #expect(
            r.stdout
                == "{\n    \"Resources\": {\n        \"Q\": {\n            \"Type\": \"AWS::SQS::Queue\",\n            \"Properties\": {}\n        }\n    }\n}\n"
        )
    }

    @Test("- reads standard input for every command")
    func stdin() throws {
        let f = try CLI.run(["fmt", "-"], stdin: messy)
        #expect(f.status == 0 && f.stdout == canonical)
        let c = try CLI.run(["convert", "--to", "json", "-"], stdin: messy)
        #expect(c.status == 0 && c.stdout.contains("\"VisibilityTimeout\": 493"))
        let i = try CLI.run(["info", "-"], stdin: messy)
        #expect(i.status == 0 && i.stdout.contains("resources 1"))
    }

    @Test("convert writes JSON with resolved values, and YAML with short tags; -o writes a file")
    func convert() throws {
        let dir = try CLI.scratch()
        try CLI.write(
            "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata:\n      A: !GetAtt Fn.Arn\n      B: yes\n      C: 0755\n      D: '0755'\n",
            to: dir + "/t.yaml"
        )
        let j = try CLI.run(["convert", "--to", "json", "t.yaml"], cwd: dir)
        #expect(j.status == 0)
        let root = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any]
        let obj = ((root?["Resources"] as? [String: Any])?["Q"] as? [String: Any])?["Metadata"] as? [String: Any]
        #expect((obj?["A"] as? [String: Any])?["Fn::GetAtt"] as? [String] == ["Fn", "Arn"])
        #expect(obj?["B"] as? Bool == true)
        #expect(obj?["C"] as? Int == 493)
        #expect(obj?["D"] as? String == "0755")
        let o = try CLI.run(["convert", "--to", "json", "t.yaml", "-o", "out.json"], cwd: dir)
        #expect(o.status == 0 && o.stdout.isEmpty)
        let back = try CLI.run(["convert", "--to", "yaml", "out.json"], cwd: dir)
        #expect(
            back.status == 0
                && back.stdout
                    == "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata:\n      A: !GetAtt Fn.Arn\n      B: true\n      C: 493\n      D: \"0755\"\n"
        )
    }

    @Test("bad input: file:line:col on stderr, exit 2, the other files still done")
    func badInput() throws {
        let dir = try CLI.scratch()
        try CLI.write("Resources:\n  A: {Type: X}\n  A: {Type: Y}\n", to: dir + "/dup.yaml")
        try CLI.write(canonical, to: dir + "/ok.yaml")
        let r = try CLI.run(["fmt", "dup.yaml", "ok.yaml"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr == "dup.yaml:3:3: duplicate key 'A' (first defined at line 2)\n")
        #expect(r.stdout == canonical)
        let check = try CLI.run(["fmt", "--check", "dup.yaml", "ok.yaml"], cwd: dir)
        #expect(check.status == 2)
    }

    @Test("missing files, directories and unreadable bytes: exit 2 with the path and the reason")
    func unreadable() throws {
        let dir = try CLI.scratch()
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        let missing = try CLI.run(["fmt", "nope.yaml"], cwd: dir)
        #expect(missing.status == 2 && missing.stderr == "nope.yaml:1:1: no such file\n")
        let directory = try CLI.run(["convert", "--to", "json", "sub"], cwd: dir)
        #expect(directory.status == 2 && directory.stderr.hasPrefix("sub:1:1: is a directory"))
        // info searches a folder: one without a template is an error too.
        let folder = try CLI.run(["info", "sub"], cwd: dir)
        #expect(
            folder.status == 2
                && folder.stderr
                    == "error: sub: no CloudFormation template in this folder (searched for *.yaml, *.yml, *.json and *.template files)\n"
        )
        try Data([0x41, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: dir + "/bin.yaml"))
        let binary = try CLI.run(["convert", "--to", "json", "bin.yaml"], cwd: dir)
        #expect(binary.status == 2 && binary.stderr.hasPrefix("bin.yaml:1:4: the file is not UTF-8 text"))
    }

    @Test("usage errors exit 64")
    func usage() throws {
        #expect(try CLI.run(["fmt", "--write", "--check", "x.yaml"]).status == 64)
        #expect(try CLI.run(["convert", "--to", "xml", "x.yaml"]).status == 64)
        #expect(try CLI.run(["fmt"]).status == 64)
        #expect(try CLI.run(["frobnicate"]).status == 64)
    }

    @Test("the bundled templates are canonical and clean: the main job passes")
    func templates() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: CLI.root + "/templates").sorted().map { "templates/" + $0 }
        #expect(files.count >= 3)
        let r = try CLI.run(["fmt", "--check"] + files)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let i = try CLI.run(["info"] + files)
        #expect(i.status == 0 && i.stdout.contains("AWS::Lambda::Function"))
    }
}
