import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Files beside templates that are none, as a repository holds them.
enum NotTemplates {
    static let compose =
        "version: \"3.8\"\n# Resources are limited below\nservices:\n  web:\n    image: nginx\n    deploy:\n      resources:\n        limits: {cpus: \"0.5\"}\n"
    static let package =
        "{\n  \"name\": \"app\",\n  \"description\": \"AWSTemplateFormatVersion and Resources in the text only\",\n  \"version\": \"1.0.0\"\n}\n"
    static let manifest = #"{"version": 1, "maxResources": 200, "parent": "parent.yaml", "stacks": {"A": {"file": "a.yaml"}}}"#
    static let template = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n"

    /// A folder with a template, a docker-compose file, a package.json and a split manifest.
    static func folder() throws -> String {
        let dir = try CLI.scratch()
        try CLI.write(compose, to: dir + "/docker-compose.yaml")
        try CLI.write(package, to: dir + "/package.json")
        try CLI.write(manifest, to: dir + "/manifest.json")
        try CLI.write(template, to: dir + "/queue.yaml")
        return dir
    }
}

@Suite("Nothing passes in silence", .serialized)
struct NothingSilentTests {
    /// Every lint format, and what in its output shows an E0000 finding for `file`.
    static let formats: [(String, @Sendable (String, String) -> Bool)] = [
        ("text", { out, file in out.contains(file + ":1:1: E0000 ") }),
        ("parseable", { out, file in out.contains(file + ":1:1:1:1:E0000:") }),
        ("github", { out, file in out.contains("::error file=\(file),line=1,col=1") && out.contains("title=E0000") }),
        (
            "json",
            { out, file in
                let list = (try? JSONSerialization.jsonObject(with: Data(out.utf8))) as? [[String: Any]] ?? []
                return list.contains { $0["Filename"] as? String == file && ($0["Rule"] as? [String: Any])?["Id"] as? String == "E0000" }
            }
        ),
        (
            "sarif",
            { out, file in
                let log = (try? JSONSerialization.jsonObject(with: Data(out.utf8))) as? [String: Any]
                let results = ((log?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
                return results.contains { r in
                    let uri =
                        (((r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"]
                        as? [String: Any])?["uri"] as? String
                    return r["ruleId"] as? String == "E0000" && r["level"] as? String == "error" && uri == file
                }
            }
        ),
        (
            "junit",
            { out, file in
                out.contains("<testsuite name=\"\(file)\" tests=\"1\" failures=\"1\">") && out.contains("<failure type=\"E0000\"")
            }
        ),
    ]

    @Test("a missing, an oversized and an unreadable file: an E0000 finding in every format, exit 2, the good file still linted")
    func unreadableInEveryFormat() throws {
        let dir = try CLI.scratch()
        try CLI.write(NotTemplates.template, to: dir + "/good.yaml")
        // 33 MiB without writing them: the size is refused before a byte is read.
        _ = FileManager.default.createFile(atPath: dir + "/big.yaml", contents: nil)
        #expect(truncate(dir + "/big.yaml", 33 << 20) == 0)
        var files = ["missing.yaml", "big.yaml"]
        if getuid() != 0 {
            try CLI.write(NotTemplates.template, to: dir + "/secret.yaml")
            chmod(dir + "/secret.yaml", 0o000)
            files.append("secret.yaml")
        }
        for (format, shows) in Self.formats {
            for file in files {
                let r = try CLI.run(["lint", "--format", format, file, "good.yaml"], cwd: dir)
                #expect(r.status == 2, "\(format) \(file): exit \(r.status)")
                #expect(shows(r.stdout, file), "\(format) \(file): no E0000 finding in\n\(r.stdout)")
            }
        }
        let text = try CLI.run(["lint", "missing.yaml", "big.yaml", "good.yaml"], cwd: dir)
        #expect(text.stdout.contains("missing.yaml:1:1: E0000 no such file\n"))
        #expect(text.stdout.contains("big.yaml:1:1: E0000 the file is 34603008 bytes, over the 33554432-byte limit"))
        let junit = try CLI.run(["lint", "--format", "junit", "missing.yaml", "good.yaml"], cwd: dir)
        #expect(
            junit.stdout.contains("tests=\"2\" failures=\"1\"")
                && junit.stdout.contains("<testcase classname=\"cfntool.lint\" name=\"good.yaml\"/>")
        )
        // Ignoring E0000 hides the finding, not the failure: exit 2, the reason on stderr.
        let ignored = try CLI.run(["lint", "--ignore-checks", "E0000", "--format", "json", "missing.yaml"], cwd: dir)
        #expect(ignored.status == 2 && ignored.stderr == "missing.yaml:1:1: no such file\n")
    }

    @Test("a folder or pattern that holds no template: exit 2 with a message, for lint, count, info and fmt --check")
    func emptyFolderOrPattern() throws {
        let dir = try CLI.scratch()
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: dir + "/app", withIntermediateDirectories: false)
        try CLI.write(NotTemplates.compose, to: dir + "/app/docker-compose.yaml")
        try CLI.write(NotTemplates.package, to: dir + "/app/package.json")
        let folderMessage = "no CloudFormation template in this folder (searched for *.yaml, *.yml, *.json and *.template files)"
        for folder in ["empty", "app"] {
            let lint = try CLI.run(["lint", folder], cwd: dir)
            #expect(lint.status == 2 && lint.stdout == "\(folder):1:1: E0000 \(folderMessage)\n", "\(lint.stdout)")
            let json = try CLI.run(["lint", "--format", "json", folder], cwd: dir)
            #expect(json.status == 2 && json.stdout.contains("\"Filename\": \"\(folder)\"") && json.stdout.contains("\"Id\": \"E0000\""))
            for command in [["count"], ["info"], ["fmt", "--check"], ["fmt", "-w"]] {
                let r = try CLI.run(command + [folder], cwd: dir)
                #expect(r.status == 2 && r.stderr == "error: \(folder): \(folderMessage)\n", "\(command) \(folder): \(r.stderr)")
                #expect(r.stdout.isEmpty)
            }
        }
        let pattern = try CLI.run(["lint", "--format", "parseable", "stacks/**/*.yaml"], cwd: dir)
        // A pattern that matches no file at all is a configuration error (E0003), as in cfn-lint;
        // one whose files are none of them templates is E0000.
        #expect(pattern.status == 2 && pattern.stdout == "stacks/**/*.yaml:1:1:1:1:E0003:no file matches this pattern\n")
        let noTemplates = try CLI.run(["lint", "app/*.yaml"], cwd: dir)
        #expect(noTemplates.status == 2 && noTemplates.stdout == "app/*.yaml:1:1: E0000 no CloudFormation template matches this pattern\n")
        let info = try CLI.run(["info", "app/*.yaml"], cwd: dir)
        #expect(info.status == 2 && info.stderr == "error: app/*.yaml: no CloudFormation template matches this pattern\n")
        // A config's templates are patterns too: a wrong one is no green build.
        try CLI.write("templates: ['templates/*.yaml']\n", to: dir + "/.cfntool.yaml")
        let config = try CLI.run(["lint"], cwd: dir)
        #expect(config.status == 2 && config.stdout.contains("templates/*.yaml:1:1: E0003 no file matches this pattern"))
        // A template beside the others: they are skipped without a word.
        try CLI.write(NotTemplates.template, to: dir + "/app/queue.yaml")
        for command in [["lint"], ["count"], ["info"], ["fmt", "--check"]] {
            let r = try CLI.run(command + ["app"], cwd: dir)
            #expect(r.status == 0 && r.stderr.isEmpty, "\(command): \(r.stdout) \(r.stderr)")
            #expect(!r.stdout.contains("docker-compose") && !r.stdout.contains("package.json"))
        }
    }

    @Test("a named file that is no template: every command exits 2 with 'not a CloudFormation template'; lint reports one E0000")
    func refusesNamedNonTemplates() throws {
        let dir = try NotTemplates.folder()
        let reasons = [
            (
                "docker-compose.yaml",
                "no Resources, AWSTemplateFormatVersion or Transform: AWS::Serverless-2016-10-31 at the top level (it has version, services)"
            ),
            (
                "package.json",
                "no Resources, AWSTemplateFormatVersion or Transform: AWS::Serverless-2016-10-31 at the top level (it has name, description, version)"
            ),
            ("manifest.json", "it is a split manifest (cfntool count takes it; cfntool lint reads it beside the templates it lists)"),
        ]
        for (file, reason) in reasons {
            let message = "not a CloudFormation template: " + reason
            var commands: [[String]] = [
                ["fmt", file], ["fmt", "--check", file], ["fmt", "-w", file], ["convert", "--to", "json", file], ["info", file],
                ["graph", file], ["split", file, "-o", "out"],
            ]
            // count and diff take a split manifest: the hierarchy it names (DiffCommandTests.manifests).
            if file != "manifest.json" { commands += [["count", file], ["diff", file, "queue.yaml"], ["diff", "queue.yaml", file]] }
            for command in commands {
                let r = try CLI.run(command, cwd: dir)
                #expect(r.status == 2 && r.stderr == "\(file):1:1: \(message)\n" && r.stdout.isEmpty, "\(command): \(r.status) \(r.stderr)")
                let skipped = try CLI.run(command + ["--only-templates"], cwd: dir)
                #expect(
                    skipped.status == 0 && skipped.stderr.isEmpty && skipped.stdout.isEmpty,
                    "\(command) --only-templates: \(skipped.stderr)"
                )
            }
            let lint = try CLI.run(["lint", "--format", "parseable", file], cwd: dir)
            #expect(lint.status == 2 && lint.stdout == "\(file):1:1:1:1:E0000:\(message)\n", "\(lint.stdout)")
            let only = try CLI.run(["lint", "--only-templates", file, "queue.yaml"], cwd: dir)
            #expect(only.status == 0 && only.stdout.isEmpty && only.stderr.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"), "split wrote output for a file that is no template")
        // Detection reads keys: a template with only AWSTemplateFormatVersion is a template
        // missing its Resources (E1001), not an E0000.
        try CLI.write("AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  P: {Type: String}\n", to: dir + "/versioned.yaml")
        let versioned = try CLI.run(["lint", "--format", "parseable", "versioned.yaml"], cwd: dir)
        #expect(versioned.stdout.contains(":E1001:") && !versioned.stdout.contains("E0000"), "\(versioned.stdout)")
    }

    @Test("count, info and fmt --check take folders; count still takes a named manifest and skips one found in a folder")
    func foldersForCountInfoFmt() throws {
        let dir = try NotTemplates.folder()
        try FileManager.default.createDirectory(atPath: dir + "/nested", withIntermediateDirectories: false)
        try CLI.write("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n", to: dir + "/nested/topic.yaml")
        try CLI.write(NotTemplates.template, to: dir + "/parent.yaml")
        try CLI.write(NotTemplates.template, to: dir + "/a.yaml")
        let count = try CLI.run(["count", "."], cwd: dir)
        #expect(count.status == 0, "\(count.stderr)")
        let counted = count.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map { $0.prefix { $0 != ":" } }
        #expect(counted == ["./a.yaml", "./nested/topic.yaml", "./parent.yaml", "./queue.yaml"])
        let manifest = try CLI.run(["count", "manifest.json"], cwd: dir)
        #expect(manifest.status == 0 && manifest.stdout.contains("manifest.json: split manifest, 2 templates"))
        let info = try CLI.run(["info", "."], cwd: dir)
        #expect(info.status == 0 && info.stdout.contains("./nested/topic.yaml: yaml") && !info.stdout.contains("package.json"))
        // fmt --check lists what would change, -w rewrites it: only templates are touched.
        try CLI.write("Resources:\n  Queue: {Properties: {DelaySeconds: 5}, Type: AWS::SQS::Queue}\n", to: dir + "/nested/messy.yaml")
        let check = try CLI.run(["fmt", "--check", "."], cwd: dir)
        #expect(check.status == 1 && check.stdout == "./nested/messy.yaml\n", "\(check.stdout) \(check.stderr)")
        #expect(try CLI.run(["fmt", "-w", "nested"], cwd: dir).status == 0)
        #expect(try CLI.run(["fmt", "--check", "."], cwd: dir).status == 0)
        #expect(try CLI.read(dir + "/docker-compose.yaml") == NotTemplates.compose)
    }

    @Test("the pre-commit hooks skip the files that are no template, and still fail on a bad one")
    func preCommitHooks() throws {
        let hooks = try CLI.read(CLI.root + "/.pre-commit-hooks.yaml")
        let entries = hooks.split(separator: "\n").compactMap { line -> [String]? in
            guard let r = line.range(of: "entry: cfntool ") else { return nil }
            return line[r.upperBound...].split(separator: " ").map(String.init)
        }
        #expect(entries.count == 6)
        let dir = try NotTemplates.folder()
        // What pre-commit hands over: every staged file the `files` pattern matches.
        let staged = ["docker-compose.yaml", "manifest.json", "package.json", "queue.yaml"]
        for entry in entries {
            let r = try CLI.run(entry + staged, cwd: dir)
            #expect(r.status == 0 && r.stdout.isEmpty && r.stderr.isEmpty, "\(entry): \(r.status) \(r.stdout) \(r.stderr)")
        }
        try CLI.write("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  B: [\n", to: dir + "/broken.yaml")
        for entry in entries {
            #expect(try CLI.run(entry + staged + ["broken.yaml"], cwd: dir).status == 2, "\(entry)")
        }
    }
}
