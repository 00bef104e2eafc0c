/// The command line, declared as data: each command lists its options and arguments in a
/// `CommandSpec`, `CommandSpec.parse` checks a command line against it, and the command reads
/// its values from the `ParsedArguments` by name.
///
/// Written for cfntool instead of a general argument library: a table lookup per argument costs
/// next to nothing at start-up, where reflecting over property wrappers cost half of a one-file
/// lint's instructions (and that library brought Foundation into the binary).

/// One `--name` a command takes.
struct OptionSpec: Sendable {
    /// What follows the name on the command line.
    enum Value: Sendable, Equatable {
        /// Nothing: a flag, true when given.
        case flag
        /// Any text; the help shows it as `<placeholder>`.
        case text(placeholder: String)
        /// A whole number; the help shows it as `<placeholder>`.
        case number(placeholder: String)
        /// One of these words.
        case choice([String])
    }

    var long: String
    var short: Character?
    var value: Value
    /// The command cannot run without it (no default).
    var required = false
    /// Given more than once, each value is kept (else the last one counts).
    var repeats = false
    /// Takes every following argument up to the next option (`--files a b c --format json`).
    var upToNextOption = false
    /// A flag that `--no-NAME` turns off.
    var invertible = false
    /// What the command uses when the option is not given, for the help.
    var defaultText: String?
    var help: String

    static func flag(
        _ long: String,
        short: Character? = nil,
        invertible: Bool = false,
        default on: Bool = false,
        help: String
    )
        -> OptionSpec
    {
        OptionSpec(
            long: long,
            short: short,
            value: .flag,
            invertible: invertible,
            defaultText: invertible ? (on ? long : "no-" + long) : nil,
            help: help
        )
    }

    static func text(
        _ long: String,
        short: Character? = nil,
        placeholder: String? = nil,
        repeats: Bool = false,
        upToNextOption: Bool = false,
        required: Bool = false,
        default value: String? = nil,
        help: String
    ) -> OptionSpec {
        OptionSpec(
            long: long,
            short: short,
            value: .text(placeholder: placeholder ?? long),
            required: required,
            repeats: repeats || upToNextOption,
            upToNextOption: upToNextOption,
            defaultText: value,
            help: help
        )
    }

    static func number(_ long: String, placeholder: String = "n", default value: Int? = nil, help: String) -> OptionSpec {
        OptionSpec(long: long, value: .number(placeholder: placeholder), defaultText: value.map { "\($0)" }, help: help)
    }

    /// An option whose value is one of `T`'s cases, by raw value.
    static func choice<T: CaseIterable & RawRepresentable>(
        _ long: String,
        _ type: T.Type,
        required: Bool = false,
        repeats: Bool = false,
        default value: T? = nil,
        help: String
    ) -> OptionSpec where T.RawValue == String {
        OptionSpec(
            long: long,
            value: .choice(T.allCases.map(\.rawValue)),
            required: required,
            repeats: repeats,
            defaultText: value?.rawValue,
            help: help
        )
    }

    /// `--name <placeholder>`, as usage lines and errors name it.
    var label: String {
        switch value {
        case .flag: return invertible ? "--[no-]\(long)" : "--\(long)"
        case .text(let p), .number(let p): return "--\(long) <\(p)>"
        case .choice: return "--\(long) <\(long)>"
        }
    }
}

/// One positional argument.
struct ArgumentSpec: Sendable {
    /// As the help and errors name it: FILE, OLD, TYPE.
    var name: String
    var required: Bool
    /// Takes every remaining argument.
    var repeats = false
    var help: String
}

/// A command's name, documentation, options and arguments.
struct CommandSpec: Sendable {
    var name: String
    var abstract: String
    var discussion = ""
    var options: [OptionSpec] = []
    var arguments: [ArgumentSpec] = []

    /// What the command line asked for.
    enum Request {
        case run(ParsedArguments)
        case help
        case version
    }

    /// `words` (what follows the command's name) checked against the declarations. `--help`
    /// or `-h` anywhere before `--` asks for the help, whatever else is there; `--version` for
    /// the version.
    func parse(_ words: [String]) throws(UsageError) -> Request {
        let end = words.firstIndex(of: "--") ?? words.endIndex
        if words[..<end].contains(where: { $0 == "--help" || $0 == "-h" }) { return .help }
        if words[..<end].contains("--version") { return .version }
        var parsed = ParsedArguments(spec: self)
        var loose: [String] = []
        var i = 0
        func isOption(_ word: String) -> Bool { word.count > 1 && word.hasPrefix("-") }
        /// The value of `option`, inline (`--name=value`, `-ovalue`) or the next word.
        func value(for option: OptionSpec, named name: String, inline: String?) throws(UsageError) -> String {
            if let inline { return inline }
            guard i + 1 < words.count, !isOption(words[i + 1]) else {
                throw UsageError("\(name) needs a value: \(option.label)")
            }
            i += 1
            return words[i]
        }
        while i < words.count {
            let word = words[i]
            if word == "--" {
                loose += words[(i + 1)...]
                break
            }
            guard isOption(word) else {
                loose.append(word)
                i += 1
                continue
            }
            if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                let inline = body.contains("=") ? String(body[body.index(after: body.firstIndex(of: "=")!)...]) : nil
                if let option = options.first(where: { $0.long == name }) {
                    if option.value == .flag {
                        if inline != nil { throw UsageError("--\(name) takes no value") }
                        parsed.set(option, "true")
                    } else {
                        try parsed.add(option, try value(for: option, named: "--" + name, inline: inline))
                        if option.upToNextOption && inline == nil {
                            while i + 1 < words.count, !isOption(words[i + 1]) {
                                i += 1
                                try parsed.add(option, words[i])
                            }
                        }
                    }
                } else if name.hasPrefix("no-"), inline == nil,
                    let option = options.first(where: { $0.invertible && $0.long == name.dropFirst(3) })
                {
                    parsed.set(option, "false")
                } else {
                    throw UsageError("unknown option '--\(name)'" + suggestion(for: name))
                }
            } else {
                // One or more short names: -w, -o DIR, -oDIR, -o=DIR.
                var rest = Substring(word.dropFirst())
                while let c = rest.first {
                    rest = rest.dropFirst()
                    guard let option = options.first(where: { $0.short == c }) else {
                        throw UsageError("unknown option '-\(c)'")
                    }
                    if option.value == .flag {
                        parsed.set(option, "true")
                        continue
                    }
                    let inline = rest.isEmpty ? nil : String(rest.hasPrefix("=") ? rest.dropFirst() : rest)
                    try parsed.add(option, try value(for: option, named: "-\(c)", inline: inline))
                    break
                }
            }
            i += 1
        }
        // The positional arguments, in order; a repeating one takes what is left.
        var next = loose[...]
        for argument in arguments {
            let taken = argument.repeats ? Array(next) : Array(next.prefix(1))
            next = next.dropFirst(taken.count)
            if taken.isEmpty && argument.required {
                throw UsageError("missing \(argument.name)\(argument.repeats ? " (one or more)" : "")")
            }
            parsed.arguments[argument.name] = taken
        }
        if let extra = next.first { throw UsageError("unexpected argument '\(extra)'") }
        if let missing = options.first(where: { $0.required && parsed.given[$0.long] == nil }) {
            throw UsageError("missing \(missing.label)")
        }
        return .run(parsed)
    }

    /// " (did you mean --x?)" for a long name one typo away from a declared one.
    private func suggestion(for name: String) -> String {
        let close = options.map(\.long).first { candidate in
            let a = Array(name)
            let b = Array(candidate)
            guard abs(a.count - b.count) <= 1 else { return false }
            // One insertion, deletion, substitution or swap of two neighbours.
            var i = 0
            while i < min(a.count, b.count) && a[i] == b[i] { i += 1 }
            if a.dropFirst(i + (a.count >= b.count ? 1 : 0)) == b.dropFirst(i + (b.count >= a.count ? 1 : 0)) { return true }
            return a.count == b.count && i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && a.dropFirst(i + 2) == b.dropFirst(i + 2)
        }
        return close.map { " (did you mean '--\($0)'?)" } ?? ""
    }
}

/// A command line that does not fit the command's declarations, or values that do not go
/// together: the message goes to standard error with a usage hint, and cfntool exits 64.
struct UsageError: Error, Equatable {
    var message: String

    init(_ message: String) { self.message = message }
}

/// The process's exit code, thrown by a command that has already said why.
struct ExitCode: Error, Equatable {
    var code: Int32
    init(_ code: Int32) { self.code = code }
}

/// The values of one command line, by the names the command declared.
struct ParsedArguments: Sendable {
    let spec: CommandSpec
    /// Each given option's values by long name (a flag: "true" or "false").
    fileprivate var given: [String: [String]] = [:]
    /// Each positional argument's words.
    fileprivate(set) var arguments: [String: [String]] = [:]

    init(spec: CommandSpec) { self.spec = spec }

    fileprivate mutating func set(_ option: OptionSpec, _ value: String) { given[option.long] = [value] }

    fileprivate mutating func add(_ option: OptionSpec, _ value: String) throws(UsageError) {
        switch option.value {
        case .flag, .text: break
        case .number:
            if Int(value) == nil { throw UsageError("--\(option.long) takes a whole number, not '\(value)'") }
        case .choice(let words):
            if !words.contains(value) {
                throw UsageError("--\(option.long) takes \(Help.list(words)), not '\(value)'")
            }
        }
        given[option.long] = option.repeats ? (given[option.long] ?? []) + [value] : [value]
    }

    /// The declaration of `name`: asking for an undeclared name is a programming error.
    private func declared(_ name: String) -> OptionSpec {
        guard let option = spec.options.first(where: { $0.long == name }) else {
            preconditionFailure("\(spec.name) declares no --\(name)")
        }
        return option
    }

    /// A flag: whether it was given (`--no-NAME` gives false); `otherwise` when it was not.
    func flag(_ name: String, otherwise: Bool = false) -> Bool {
        precondition(declared(name).value == .flag, "--\(name) is no flag")
        return given[name].map { $0 == ["true"] } ?? otherwise
    }

    /// An option's value (the last one given), nil when it was not given.
    func value(_ name: String) -> String? {
        _ = declared(name)
        return given[name]?.last
    }

    /// A repeatable option's values, in order.
    func values(_ name: String) -> [String] {
        _ = declared(name)
        return given[name] ?? []
    }

    /// A number option's value (checked while parsing).
    func number(_ name: String) -> Int? {
        guard case .number = declared(name).value else { preconditionFailure("--\(name) is no number") }
        return value(name).flatMap { Int($0) }
    }

    /// A choice option's value as `T` (the word was checked against `T`'s cases while parsing).
    func choice<T: RawRepresentable>(_ name: String, as type: T.Type) -> T? where T.RawValue == String {
        value(name).map { T(rawValue: $0)! }
    }

    /// A repeatable choice option's values as `T`.
    func choices<T: RawRepresentable>(_ name: String, as type: T.Type) -> [T] where T.RawValue == String {
        values(name).map { T(rawValue: $0)! }
    }

    /// A positional argument's word, nil when it was not given.
    func argument(_ name: String) -> String? { words(name).first }

    /// A repeating positional argument's words.
    func words(_ name: String) -> [String] {
        precondition(spec.arguments.contains { $0.name == name }, "\(spec.name) declares no argument \(name)")
        return arguments[name] ?? []
    }
}

/// The help text and usage lines, wrapped at 80 columns.
enum Help {
    static let width = 80
    /// Where an option's help starts.
    static let column = 28

    /// `a, b or c`.
    static func list(_ words: [String]) -> String {
        words.count < 2 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words.last!
    }

    /// `text` broken into lines of at most `width` columns, each starting with `indent` spaces
    /// (the very first with `first`); blank lines (paragraphs) are kept.
    static func wrap(_ text: String, indent: Int = 0, first: Int? = nil) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lead = lines.isEmpty ? (first ?? indent) : indent
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty && lead + line.count + 1 + word.count > width {
                    lines.append(String(repeating: " ", count: lead) + line)
                    line = ""
                    lead = indent
                }
                line += line.isEmpty ? String(word) : " " + word
            }
            lines.append(line.isEmpty ? "" : String(repeating: " ", count: lead) + line)
        }
        return lines
    }

    /// `  label   help`, the help in its column (on the next line when the label is too long).
    static func entry(_ label: String, _ help: String) -> [String] {
        let head = "  " + label
        if help.isEmpty { return [head] }
        if head.count + 2 > column { return [head] + wrap(help, indent: column) }
        var lines = wrap(help, indent: column)
        lines[0] = head + String(repeating: " ", count: column - head.count) + lines[0].dropFirst(column)
        return lines
    }

    /// `cfntool lint [<options>] [FILE ...]`.
    static func usage(_ spec: CommandSpec) -> String {
        var parts = ["cfntool", spec.name]
        let required = spec.options.filter(\.required)
        parts += required.map(\.label)
        if spec.options.count > required.count { parts.append("[<options>]") }
        for a in spec.arguments {
            let word = a.repeats ? "\(a.name) ..." : a.name
            parts.append(a.required ? word : "[\(word)]")
        }
        return parts.joined(separator: " ")
    }

    /// The whole help of one command.
    static func text(_ spec: CommandSpec) -> String {
        var lines = wrap("OVERVIEW: " + spec.abstract) + [""]
        if !spec.discussion.isEmpty { lines += wrap(spec.discussion) + [""] }
        lines += wrap("USAGE: " + usage(spec), indent: 7, first: 0) + [""]
        if !spec.arguments.isEmpty {
            lines.append("ARGUMENTS:")
            for a in spec.arguments { lines += entry(a.repeats ? "\(a.name) ..." : a.name, a.help) }
            lines.append("")
        }
        lines.append("OPTIONS:")
        for o in spec.options {
            let names = (o.short.map { "-\($0), " } ?? "") + o.label
            var help = o.help
            if let d = o.defaultText { help += " (default: \(d))" }
            lines += entry(names, help)
        }
        lines += entry("-h, --help", "Show this help.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A usage error's message with the short hint after it: the command's usage line (nil:
    /// cfntool's own) and where its help is.
    static func hint(_ error: UsageError, for spec: CommandSpec?) -> String {
        let line = spec.map { usage($0) } ?? "cfntool <command> [<options>]"
        let more = spec.map { "cfntool \($0.name) --help" } ?? "cfntool --help"
        return "error: \(error.message)\nusage: \(line)\n  See '\(more)' for more."
    }
}
