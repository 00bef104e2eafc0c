import CFNModel

/// How serious a finding is.
public enum Severity: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// Information (off by default; `--include-checks I`).
    case informational = 0
    /// Probably wrong, or risky.
    case warning = 1
    /// CloudFormation will reject it, or it cannot work.
    case error = 2

    /// cfn-lint's word for the level: `Error`, `Warning`, `Informational`.
    public var level: String {
        switch self {
        case .error: return "Error"
        case .warning: return "Warning"
        case .informational: return "Informational"
        }
    }

    /// The rule-id letter: `E`, `W`, `I`.
    public var letter: Character {
        switch self {
        case .error: return "E"
        case .warning: return "W"
        case .informational: return "I"
        }
    }

    /// The severity a rule id's first letter gives: `E`, `W`, else informational.
    public init(ruleId: String) {
        switch ruleId.first {
        case "E": self = .error
        case "W": self = .warning
        default: self = .informational
        }
    }

    /// Orders by seriousness.
    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
}

/// One problem found in a template. Findings are values, never thrown errors.
public struct Finding: Sendable, Hashable {
    /// The rule's id, e.g. `E3005`.
    public var ruleId: String
    /// How serious it is.
    public var severity: Severity
    /// What is wrong, in plain words.
    public var message: String
    /// The file.
    public var file: String
    /// Where it is: the offending key or value.
    public var range: SourceRange
    /// The path in the template (`Resources`, `Queue`, `Properties`, ...), when known.
    public var path: [String]

    /// Creates a finding.
    public init(ruleId: String, severity: Severity, message: String, file: String, range: SourceRange, path: [String] = []) {
        self.ruleId = ruleId
        self.severity = severity
        self.message = message
        self.file = file
        self.range = range
        self.path = path
    }

    /// Orders by file, position, rule id, message: the order every report is written in.
    public static func sortKey(_ a: Finding, _ b: Finding) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.range.start.line != b.range.start.line { return a.range.start.line < b.range.start.line }
        if a.range.start.column != b.range.start.column { return a.range.start.column < b.range.start.column }
        if a.ruleId != b.ruleId { return a.ruleId < b.ruleId }
        return a.message < b.message
    }
}
