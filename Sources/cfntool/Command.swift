import ArgumentParser

/// A cfntool command: a `ParsableCommand` whose name comes from its configuration alone.
///
/// ArgumentParser's default `_commandName` falls back to `String(describing: Self.self)`, and in
/// an optimised build that fallback runs even when `commandName` is set. Each call scans every
/// protocol conformance in the binary (about 0.7 M instructions, once per subcommand on every
/// start), which made a third of `cfntool --version`'s instructions.
protocol Command: ParsableCommand {}

extension Command {
    static var _commandName: String {
        guard let name = configuration.commandName else { preconditionFailure("\(Self.self) has no commandName") }
        return name
    }
}
