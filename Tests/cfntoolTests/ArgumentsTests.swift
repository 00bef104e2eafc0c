import Testing

@testable import cfntool

/// A command with one of each kind of declaration, as the real commands use them.
private let sample = CommandSpec(
    name: "sample",
    abstract: "A command for the parser's tests.",
    options: [
        .choice("format", Sample.Format.self, default: .text, help: "text or json."),
        .text("output", short: "o", placeholder: "dir", help: "Where to write."),
        .number("indent", default: 2, help: "Spaces."),
        .text("regions", repeats: true, help: "Regions, repeated."),
        .text("deployment-files", upToNextOption: true, help: "Files up to the next option."),
        .flag("write", short: "w", help: "Rewrite."),
        .flag("check", short: "c", help: "Check."),
        .flag("verify", invertible: true, default: true, help: "Prove it."),
    ],
    arguments: [
        ArgumentSpec(name: "OLD", required: true, help: "The first."),
        ArgumentSpec(name: "FILE", required: false, repeats: true, help: "The rest."),
    ]
)

private enum Sample {
    enum Format: String, CaseIterable {
        case text, json
    }
}

/// The parsed arguments of `words`, or the test fails.
private func parse(_ words: [String], _ spec: CommandSpec = sample) throws -> ParsedArguments {
    switch try spec.parse(words) {
    case .run(let parsed): return parsed
    case .help, .version: throw UsageError("asked for help or the version")
    }
}

/// The usage error `words` give.
private func failure(_ words: [String], _ spec: CommandSpec = sample) -> String? {
    do {
        _ = try spec.parse(words)
        return nil
    } catch {
        return error.message
    }
}

@Suite("the command-line parser: options declared as data")
struct ArgumentsTests {
    @Test("options by long name, with a space or =, and short names alone, with the value attached, or grouped")
    func names() throws {
        let p = try parse(["--format", "json", "--indent=4", "-o", "out", "a.yaml"])
        #expect(p.choice("format", as: Sample.Format.self) == .json)
        #expect(p.number("indent") == 4)
        #expect(p.value("output") == "out")
        #expect(p.argument("OLD") == "a.yaml")
        #expect(try parse(["-oout", "a"]).value("output") == "out")
        #expect(try parse(["-o=out", "a"]).value("output") == "out")
        let grouped = try parse(["-wc", "a"])
        #expect(grouped.flag("write") && grouped.flag("check"))
        #expect(try parse(["-wo", "x", "a"]).value("output") == "x")
        #expect(try parse(["--output", "-", "a"]).value("output") == "-", "- is a value (standard input or output)")
    }

    @Test("what is not given: defaults from the command, flags off, no value, no words")
    func absent() throws {
        let p = try parse(["a"])
        #expect(p.choice("format", as: Sample.Format.self) == nil && p.value("output") == nil && p.number("indent") == nil)
        #expect(!p.flag("write") && p.flag("verify", otherwise: true))
        #expect(p.values("regions").isEmpty && p.words("FILE").isEmpty)
    }

    @Test("a repeatable option keeps every value in order; any other keeps the last")
    func repeats() throws {
        let p = try parse(["--regions", "us-east-1", "a", "--regions=eu-west-1", "--format", "json", "--format", "text"])
        #expect(p.values("regions") == ["us-east-1", "eu-west-1"])
        #expect(p.choice("format", as: Sample.Format.self) == .text)
    }

    @Test("an up-to-next-option list takes the words until the next option")
    func upToNextOption() throws {
        let p = try parse(["--deployment-files", "x.yaml", "y.yaml", "--format", "json", "a", "b"])
        #expect(p.values("deployment-files") == ["x.yaml", "y.yaml"])
        #expect(p.argument("OLD") == "a" && p.words("FILE") == ["b"])
    }

    @Test("positional arguments in order, around the options; after -- everything is one, -h and --help too")
    func positional() throws {
        let p = try parse(["a", "--write", "b", "c"])
        #expect(p.argument("OLD") == "a" && p.words("FILE") == ["b", "c"] && p.flag("write"))
        let q = try parse(["--", "--format", "-h", "-"])
        #expect(q.argument("OLD") == "--format" && q.words("FILE") == ["-h", "-"])
        #expect(q.choice("format", as: Sample.Format.self) == nil)
    }

    @Test("--no-NAME turns an invertible flag off, and only an invertible one")
    func inversion() throws {
        #expect(try !parse(["--no-verify", "a"]).flag("verify", otherwise: true))
        #expect(try parse(["--verify", "a"]).flag("verify", otherwise: true))
        #expect(failure(["--no-write", "a"]) == "unknown option '--no-write'")
    }

    @Test("--help or -h anywhere asks for the help, even beside an error")
    func help() throws {
        for words in [["--help"], ["a", "-h"], ["--frobnicate", "--help"], ["--format", "xml", "-h"]] {
            guard case .help = try sample.parse(words) else {
                Issue.record("\(words) should ask for the help")
                continue
            }
        }
    }

    @Test("each usage error names what is wrong")
    func errors() {
        #expect(failure(["--frobnicate", "a"]) == "unknown option '--frobnicate'")
        #expect(failure(["--fromat", "json", "a"]) == "unknown option '--fromat' (did you mean '--format'?)")
        #expect(failure(["-x", "a"]) == "unknown option '-x'")
        #expect(failure(["a", "--format"]) == "--format needs a value: --format <format>")
        #expect(failure(["--output", "--write", "a"]) == "--output needs a value: --output <dir>")
        #expect(failure(["a", "-o"]) == "-o needs a value: --output <dir>")
        #expect(failure(["--format", "xml", "a"]) == "--format takes text or json, not 'xml'")
        #expect(failure(["--indent", "two", "a"]) == "--indent takes a whole number, not 'two'")
        #expect(failure(["--write=yes", "a"]) == "--write takes no value")
        #expect(failure([]) == "missing OLD")
        let one = CommandSpec(name: "one", abstract: "", arguments: [ArgumentSpec(name: "FILE", required: true, help: "")])
        #expect(failure(["a", "b"], one) == "unexpected argument 'b'")
        let needs = CommandSpec(name: "needs", abstract: "", options: [.text("to", required: true, help: "")])
        #expect(failure([], needs) == "missing --to <to>")
    }

    @Test("help text: every option with its help and default, wrapped within 80 columns, for every command")
    func helpText() throws {
        for command in CFNTool.commands {
            let spec = command.spec
            let text = Help.text(spec)
            #expect(text.hasPrefix("OVERVIEW: "))
            #expect(text.contains("USAGE: cfntool \(spec.name)"))
            for line in text.split(separator: "\n") {
                #expect(line.count <= Help.width, "\(spec.name): \(line)")
            }
            // The help's words, as the wrapping left them.
            let flat = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
            for option in spec.options {
                #expect(text.contains(option.label), "\(spec.name) --help misses \(option.label)")
                let help = option.help.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
                #expect(flat.contains(help), "\(spec.name) --help misses the help of \(option.label)")
                if let d = option.defaultText { #expect(flat.contains("(default: \(d))")) }
            }
            for argument in spec.arguments { #expect(text.contains("  " + argument.name)) }
        }
        #expect(Help.wrap("a b c", indent: 4) == ["    a b c"])
        #expect(Help.wrap(String(repeating: "word ", count: 30)).allSatisfy { $0.count <= 80 })
        #expect(Help.wrap("one\n\ntwo") == ["one", "", "two"])
    }

    @Test("every command's declarations are consistent (unique names) and each command reads its values from them")
    func declarations() throws {
        var names: Set<String> = []
        for command in CFNTool.commands {
            let spec = command.spec
            #expect(names.insert(spec.name).inserted)
            let longs = spec.options.map(\.long)
            #expect(Set(longs).count == longs.count, "\(spec.name) declares an option twice")
            let shorts = spec.options.compactMap(\.short)
            #expect(Set(shorts).count == shorts.count && !shorts.contains("h"), "\(spec.name): a short name twice, or -h")
            // Every option given once, every argument: the command reads each by a declared name
            // (an undeclared one stops the process).
            var words: [String] = []
            for o in spec.options {
                switch o.value {
                case .flag: words.append("--\(o.long)")
                case .text: words.append("--\(o.long)=k=v")
                case .number: words.append("--\(o.long)=1")
                case .choice(let choices): words.append("--\(o.long)=\(choices[0])")
                }
            }
            words += spec.arguments.map { _ in "x" }
            _ = try command.init(try parse(words, spec))
        }
    }
}
