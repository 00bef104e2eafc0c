import Foundation
import Testing

@Suite("README commands run as written")
struct ReadmeTests {
    /// The marker before each block of the Serverless deploy recipe, which `make check-deploy`
    /// runs as written against moto (it needs `serverless package` output and an AWS endpoint).
    static let recipeMarker = "<!-- check-deploy: "

    /// The `cfntool ...` lines of the README's `sh` blocks, but for the deploy recipe's.
    static func commands() throws -> [String] {
        let readme = try String(contentsOfFile: CLI.root + "/README.md", encoding: .utf8)
        var inShell = false
        var recipe = false
        var out: [String] = []
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(recipeMarker) {
                recipe = true
                continue
            }
            if line.hasPrefix("```") {
                inShell = line == "```sh" && !recipe
                if line != "```sh" { recipe = false }
                continue
            }
            guard inShell else { continue }
            let command = line.split(separator: "#", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if command.contains("cfntool ") && !command.hasPrefix("cp ") { out.append(command) }
        }
        return out
    }

    @Test("every cfntool command in README.md exits 0 or 1, never 2 or 64")
    func readmeCommands() throws {
        let commands = try Self.commands()
        #expect(commands.count >= 8)
        let binDir = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().path
        for command in commands {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", command + " > /dev/null"]
            p.currentDirectoryURL = URL(fileURLWithPath: CLI.root)
            var env = ProcessInfo.processInfo.environment
            env["PATH"] = binDir + ":" + (env["PATH"] ?? "/usr/bin:/bin")
            p.environment = env
            try p.run()
            p.waitUntilExit()
            #expect([0, 1].contains(p.terminationStatus), "\(command) exited \(p.terminationStatus)")
        }
    }

    @Test("every code fence in README.md closes, so no section is hidden in a code block")
    func fencesClose() throws {
        let readme = try String(contentsOfFile: CLI.root + "/README.md", encoding: .utf8)
        var open: Int? = nil
        for (n, line) in readme.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("```") {
                open = open == nil ? n + 1 : nil
            } else if let start = open, line.hasPrefix("## ") || line.hasPrefix("### ") || line.hasPrefix("#### ") {
                Issue.record("README.md:\(n + 1): the heading \"\(line)\" is inside the code block opened at line \(start)")
            }
        }
        #expect(open == nil, "README.md: the code block opened at line \(open ?? 0) never closes")
    }

    @Test("the deploy recipe's first, later and every blocks are sh blocks that make check-deploy finds")
    func recipeBlocks() throws {
        let lines = try String(contentsOfFile: CLI.root + "/README.md", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        for block in ["first", "later", "every"] {
            let marker = try #require(
                lines.firstIndex(of: Substring(Self.recipeMarker + block + " -->")),
                "README.md has no \(Self.recipeMarker)\(block) -->"
            )
            #expect(lines[marker + 1] == "```sh", "the \(block) block must follow its marker")
            let body = lines[(marker + 2)...].prefix { !$0.hasPrefix("```") }
            #expect(!body.isEmpty && marker + 2 + body.count < lines.count, "the \(block) block is empty or never closes")
        }
    }

    @Test("every subcommand of cfntool --help appears in README.md")
    func subcommandsDocumented() throws {
        let help = try CLI.run(["--help"]).stdout
        let readme = try String(contentsOfFile: CLI.root + "/README.md", encoding: .utf8)
        var inSub = false
        for line in help.split(separator: "\n") {
            if line.hasPrefix("SUBCOMMANDS:") {
                inSub = true
                continue
            }
            // `  name   description`; wrapped description lines are indented further.
            guard inSub, line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first,
                name.first?.isLowercase == true, name != "help"
            else { continue }
            #expect(readme.contains("cfntool \(name)"), "README.md never shows cfntool \(name)")
        }
    }

    @Test("the pre-commit example's rev is a commit of this repository, and the hooks it names exist")
    func preCommitRev() throws {
        let readme = try String(contentsOfFile: CLI.root + "/README.md", encoding: .utf8)
        let section = try #require(readme.range(of: "### pre-commit"))
        let text = readme[section.upperBound...]
        let revLine = try #require(text.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("rev:") })
        let rev = String(revLine.split(separator: ":")[1].split(separator: "#")[0].trimmingCharacters(in: .whitespaces))
        #expect(rev.count == 40 && rev.allSatisfy(\.isHexDigit), "a commit id, which travels where tags may not: \(rev)")
        let shallow = try CLI.run(["rev-parse", "--is-shallow-repository"], executable: "/usr/bin/git")
        if shallow.stdout.hasPrefix("false") {
            let exists = try CLI.run(["cat-file", "-e", rev + "^{commit}"], executable: "/usr/bin/git")
            #expect(exists.status == 0, "\(rev) is no commit of this repository")
        }
        let hooks = try String(contentsOfFile: CLI.root + "/.pre-commit-hooks.yaml", encoding: .utf8)
        for id in ["cfntool-lint", "cfntool-fmt", "cfntool-fix"] {
            #expect(text.contains("- id: \(id)\n") && hooks.contains("- id: \(id)\n"))
        }
    }
}
