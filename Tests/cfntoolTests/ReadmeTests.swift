import Foundation
import Testing

@Suite("README commands run as written")
struct ReadmeTests {
    /// The `cfntool ...` lines of the README's `sh` blocks.
    static func commands() throws -> [String] {
        let readme = try String(contentsOfFile: CLI.root + "/README.md", encoding: .utf8)
        var inShell = false
        var out: [String] = []
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inShell = line == "```sh"
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
}
