import Foundation
import Testing

@Suite("cfntool's command line: help, version and usage errors, through the binary")
struct UsageCommandTests {
    @Test("cfntool --help, -h, help and no arguments print the overview, the exit codes and every command; exit 0")
    func rootHelp() throws {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0 && help.stderr.isEmpty)
        #expect(help.stdout.hasPrefix("OVERVIEW: A fast CloudFormation toolkit"))
        for name in ["lint", "rules", "fmt", "convert", "info", "split", "count", "graph", "schema", "diff", "transform", "lsp", "help"] {
            #expect(help.stdout.contains("\n  \(name) "), "--help does not list \(name)")
        }
        for words in [["-h"], ["help"], []] {
            let other = try CLI.run(words)
            #expect(other.status == 0 && other.stdout == help.stdout, "\(words)")
        }
    }

    @Test("a command's --help, -h and cfntool help COMMAND list its options with their help; exit 0")
    func commandHelp() throws {
        let help = try CLI.run(["lint", "--help"])
        #expect(help.status == 0 && help.stderr.isEmpty)
        #expect(help.stdout.hasPrefix("OVERVIEW: Check templates"))
        #expect(help.stdout.contains("USAGE: cfntool lint [<options>] [FILE ...]"))
        #expect(help.stdout.contains("--format <format>") && help.stdout.contains("(default: text)"))
        #expect(help.stdout.contains("--deployment-files <files>") && help.stdout.contains("--only-templates"))
        #expect(help.stdout.contains("-h, --help"))
        #expect(try CLI.run(["help", "lint"]).stdout == help.stdout)
        #expect(try CLI.run(["lint", "x.yaml", "-h"]).stdout == help.stdout, "-h wins over the rest of the line")
        let split = try CLI.run(["split", "--help"])
        #expect(split.status == 0 && split.stdout.contains("USAGE: cfntool split --output <dir> [<options>] FILE"))
        #expect(split.stdout.contains("-o, --output <dir>") && split.stdout.contains("--[no-]verify"))
    }

    @Test("--version after a command prints the same version line as cfntool --version; exit 0")
    func commandVersion() throws {
        let root = try CLI.run(["--version"])
        #expect(root.status == 0 && root.stdout.hasPrefix("cfntool "))
        for words in [["lint", "--version"], ["fmt", "x.yaml", "--version"]] {
            let r = try CLI.run(words)
            #expect(r.status == 0 && r.stdout == root.stdout && r.stderr.isEmpty, "\(words)")
        }
        #expect(try CLI.run(["lint", "--", "--version"]).status == 2, "after --, a file named --version (missing)")
    }

    @Test("an unknown option exits 64 naming it, with the command's usage on stderr and nothing on stdout")
    func unknownOption() throws {
        let r = try CLI.run(["lint", "--frobnicate", "templates/vpc.yaml"])
        #expect(r.status == 64 && r.stdout.isEmpty)
        #expect(
            r.stderr
                == "error: unknown option '--frobnicate'\nusage: cfntool lint [<options>] [FILE ...]\n  See 'cfntool lint --help' for more.\n"
        )
        let typo = try CLI.run(["lint", "--fail-levle", "error", "templates/vpc.yaml"])
        #expect(typo.status == 64 && typo.stderr.hasPrefix("error: unknown option '--fail-levle' (did you mean '--fail-level'?)\n"))
        let root = try CLI.run(["--frobnicate"])
        #expect(root.status == 64 && root.stderr.hasPrefix("error: unknown option '--frobnicate'\nusage: cfntool <command>"))
    }

    @Test("an option without its value, or with one it does not take, exits 64 naming the option and what it takes")
    func badValues() throws {
        let missing = try CLI.run(["lint", "templates/vpc.yaml", "--format"])
        #expect(missing.status == 64 && missing.stderr.hasPrefix("error: --format needs a value: --format <format>\n"))
        let wrong = try CLI.run(["lint", "--format", "xml", "templates/vpc.yaml"])
        #expect(
            wrong.status == 64 && wrong.stderr.hasPrefix("error: --format takes text, json, sarif, junit, github or parseable, not 'xml'\n")
        )
        let number = try CLI.run(["fmt", "--indent", "two", "templates/vpc.yaml"])
        #expect(number.status == 64 && number.stderr.hasPrefix("error: --indent takes a whole number, not 'two'\n"))
        let required = try CLI.run(["convert", "templates/vpc.yaml"])
        #expect(required.status == 64 && required.stderr.hasPrefix("error: missing --to <to>\n"))
        let argument = try CLI.run(["diff", "templates/vpc.yaml"])
        #expect(argument.status == 64 && argument.stderr.hasPrefix("error: missing NEW\nusage: cfntool diff [<options>] OLD NEW\n"))
        let extra = try CLI.run(["graph", "templates/vpc.yaml", "more.yaml"])
        #expect(extra.status == 64 && extra.stderr.hasPrefix("error: unexpected argument 'more.yaml'\n"))
        // A command's own check of its values gives the same form.
        let together = try CLI.run(["fmt", "--write", "--check", "templates/vpc.yaml"])
        #expect(
            together.status == 64 && together.stderr.hasPrefix("error: --write and --check cannot be used together\nusage: cfntool fmt")
        )
    }

    @Test("an unknown command exits 64 naming it; help of an unknown command too")
    func unknownCommand() throws {
        let r = try CLI.run(["frobnicate", "x.yaml"])
        #expect(r.status == 64 && r.stdout.isEmpty)
        #expect(r.stderr == "error: unknown command 'frobnicate'\nusage: cfntool <command> [<options>]\n  See 'cfntool --help' for more.\n")
        let help = try CLI.run(["help", "frobnicate"])
        #expect(help.status == 64 && help.stderr.hasPrefix("error: unknown command 'frobnicate'\n"))
    }

    @Test("-- ends the options: a file named like an option is linted as a file")
    func doubleDash() throws {
        let dir = try CLI.scratch()
        try CLI.write("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n", to: dir + "/--format")
        let r = try CLI.run(["lint", "--", "--format"], cwd: dir)
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        let without = try CLI.run(["lint", "--format"], cwd: dir)
        #expect(without.status == 64)
    }

    @Test("options may follow the files, short names take their value attached, --no-verify turns split's check off")
    func forms() throws {
        let dir = try CLI.scratch()
        let r = try CLI.run(["convert", CLI.root + "/templates/vpc.yaml", "--to=json", "-o" + dir + "/out.json"])
        #expect(r.status == 0 && r.stdout.isEmpty)
        #expect(try CLI.read(dir + "/out.json").hasPrefix("{"))
        let split = try CLI.run(["split", "--no-verify", "-o", dir + "/split", CLI.root + "/templates/vpc.yaml"])
        #expect(split.status == 0, "\(split.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/split/manifest.json"))
    }
}
