/// A cfntool command: its declarations, how it takes its values from a parsed command line,
/// and what it does.
protocol Command: Sendable {
    /// The name, documentation, options and arguments.
    static var spec: CommandSpec { get }
    /// The command with the values of `arguments` (parsed against `spec`).
    init(_ arguments: ParsedArguments) throws(UsageError)
    /// Values that parse but do not go together: a usage error.
    func validate() throws(UsageError)
    func run() throws
}

extension Command {
    func validate() throws(UsageError) {}

    /// Parses `words` (what follows the command's name), then validates and runs.
    static func main(_ words: [String]) throws {
        switch try spec.parse(words) {
        case .help: Console.out(bytes: Array(Help.text(spec).utf8))
        case .version: Console.out(CFNTool.versionLine)
        case .run(let arguments):
            let command = try Self(arguments)
            try command.validate()
            try command.run()
        }
    }
}
