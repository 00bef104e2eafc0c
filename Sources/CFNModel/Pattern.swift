/// A regular expression matched in linear time: a template's own `AllowedPattern` is untrusted
/// input (`^(a+)+$` against a long value must not hang anything), and Swift's `Regex`
/// backtracks with no step limit.
///
/// Compiled to a Thompson NFA and run as a set of states (no backtracking): time is
/// O(pattern size x text length), memory O(pattern size). Supported: literals, `.`, classes
/// (`[a-z_]`, `[^...]`, `\d \w \s \D \W \S`), anchors `^ $` (also `\A \Z \z`), groups `(...)`,
/// `(?:...)` and named groups, alternation, `* + ? {n} {n,} {n,m}` and their lazy forms (the
/// same yes/no answer). Not supported, reported by `Pattern.init` as an error so callers can say
/// "skipped": back-references, look-around, possessive quantifiers, inline flags.
public struct Pattern: Sendable {
    /// Why a pattern could not be compiled.
    public struct Unsupported: Error, Sendable, CustomStringConvertible {
        /// What is not supported, and where.
        public var description: String
        /// Whether the text is no regular expression at all (an unbalanced parenthesis, an
        /// unterminated class, a reversed range, ...), which Python's regex engine rejects too,
        /// rather than one that uses what this matcher does not take.
        public var isMalformed = false
    }

    fileprivate enum Inst: Sendable {
        case scalar(Unicode.Scalar)
        case set(CharSet)
        case any
        case split(Int, Int)
        case jump(Int)
        case begin
        case end
        case match

        /// Whether the step reads `c` (the steps that read no character read none).
        func reads(_ c: Unicode.Scalar) -> Bool {
            switch self {
            case .scalar(let s): return s == c
            case .set(let set): return set.contains(c)
            case .any: return c != "\n"
            default: return false
            }
        }
    }

    private let program: [Inst]
    /// The source text of the pattern.
    public let source: String
    /// The thread sets met so far and their moves, for searches (index 0) and matches from the
    /// start (index 1): each is the NFA's step, worked out once and then looked up.
    private let states = [Locked(StateTable()), Locked(StateTable())]

    /// Most instructions a pattern may compile to (counted repetition multiplies).
    public static let maxProgramSize = 20_000

    /// Compiles `source`.
    public init(_ source: String) throws(Unsupported) {
        self.source = source
        var parser = Parser(Array(source.unicodeScalars))
        let ast = try parser.parse()
        var compiler = Compiler()
        try compiler.emit(ast)
        compiler.program.append(.match)
        if compiler.program.count > Pattern.maxProgramSize {
            throw Unsupported(description: "the pattern expands to more than \(Pattern.maxProgramSize) steps")
        }
        program = compiler.program
    }

    /// Whether the pattern matches somewhere in `text` (JSON Schema's `pattern`, Python's `re.search`).
    public func search(_ text: String) -> Bool { run(text, anchoredStart: false, wholeText: false) }

    /// Whether the pattern matches at the start of `text` (Python's `re.match`).
    public func matchesPrefix(_ text: String) -> Bool { run(text, anchoredStart: true, wholeText: false) }

    /// Whether the pattern matches all of `text` (CloudFormation's `AllowedPattern`).
    public func matchesWhole(_ text: String) -> Bool { run(text, anchoredStart: true, wholeText: true) }

    private func run(_ text: String, anchoredStart: Bool, wholeText: Bool) -> Bool {
        // `$` also holds before a newline that ends the text, one step before the end: the set
        // simulation decides those texts.
        if text.utf8.last == 10 { return simulate(Array(text.unicodeScalars), anchoredStart: anchoredStart, wholeText: wholeText) }
        return states[anchoredStart ? 1 : 0].withLock { table in
            var state = table.start(program)
            for c in text.unicodeScalars {
                if !wholeText && table.matches[state] { return true }
                state = table.move(state, c, program, searching: !anchoredStart)
                if anchoredStart && table.dead[state] { return false }
            }
            if text.isEmpty { return table.matches[state] || StateTable.acceptsAtEnd(table.sets[state], atStart: true, program) }
            return table.matches[state] || table.endAccepts[state]
        }
    }

    /// The thread sets (sorted program counters of the steps that read a character, `$` and the
    /// match) met so far, numbered, with the move of each ASCII character from each.
    fileprivate struct StateTable {
        /// More sets than this and the table starts over: memory stays bounded for a pattern
        /// whose sets multiply.
        static let limit = 2_000
        var ids: [[Int]: Int] = [:]
        var sets: [[Int]] = []
        var matches: [Bool] = []
        /// `moves[state * 128 + c]`: the state after ASCII `c`, -1 until worked out.
        var moves: [Int32] = []

        /// The state at the start of the text (nil until first asked, and after starting over).
        var startState: Int?
        /// Whether each state has no thread left.
        var dead: [Bool] = []
        /// Whether each state matches where the text ends (after its first character): worked
        /// out with the state, not at the end of every match.
        var endAccepts: [Bool] = []

        /// Whether a thread of `set` reaches the match at the end of the text, where `$` holds
        /// (and `^` too when the text is empty).
        static func acceptsAtEnd(_ set: [Int], atStart: Bool, _ program: [Inst]) -> Bool {
            var stack = set.filter { if case .end = program[$0] { return true } else { return false } }.map { $0 + 1 }
            var seen = Set<Int>()
            while let p = stack.popLast() {
                guard seen.insert(p).inserted else { continue }
                switch program[p] {
                case .match: return true
                case .split(let a, let b): stack += [a, b]
                case .jump(let a): stack.append(a)
                case .begin: if atStart { stack.append(p + 1) }
                case .end: stack.append(p + 1)
                case .scalar, .set, .any: continue
                }
            }
            return false
        }

        mutating func start(_ program: [Inst]) -> Int {
            if let startState { return startState }
            let made = id(closure(from: [0], atStart: true, program), program)
            startState = made
            return made
        }

        mutating func move(_ state: Int, _ c: Unicode.Scalar, _ program: [Inst], searching: Bool) -> Int {
            let ascii = c.value < 128
            if ascii, moves[state * 128 + Int(c.value)] >= 0 { return Int(moves[state * 128 + Int(c.value)]) }
            var seeds: [Int] = []
            for p in sets[state] where program[p].reads(c) { seeds.append(p + 1) }
            if searching { seeds.append(0) }
            let next = closure(from: seeds, atStart: false, program)
            if sets.count >= StateTable.limit {
                // Start over; the caller goes on from the new numbering of `next`.
                self = StateTable()
                return id(next, program)
            }
            let to = id(next, program)
            if ascii { moves[state * 128 + Int(c.value)] = Int32(to) }
            return to
        }

        private mutating func id(_ set: [Int], _ program: [Inst]) -> Int {
            if let known = ids[set] { return known }
            let n = sets.count
            ids[set] = n
            sets.append(set)
            matches.append(set.contains { if case .match = program[$0] { return true } else { return false } })
            dead.append(set.isEmpty)
            endAccepts.append(StateTable.acceptsAtEnd(set, atStart: false, program))
            moves += repeatElement(-1, count: 128)
            return n
        }

        /// The steps reached from `seeds` without reading a character, `^` holding only at the start.
        private func closure(from seeds: [Int], atStart: Bool, _ program: [Inst]) -> [Int] {
            var stack = Array(seeds.reversed())
            var seen = Set<Int>()
            var out: [Int] = []
            while let p = stack.popLast() {
                guard seen.insert(p).inserted else { continue }
                switch program[p] {
                case .split(let a, let b):
                    stack.append(b)
                    stack.append(a)
                case .jump(let a): stack.append(a)
                case .begin: if atStart { stack.append(p + 1) }
                default: out.append(p)
                }
            }
            return out.sorted()
        }
    }

    /// The set simulation itself, one step of every thread at each character.
    func simulate(_ text: [Unicode.Scalar], anchoredStart: Bool, wholeText: Bool) -> Bool {
        let n = program.count
        var current: [Int] = []
        var next: [Int] = []
        var mark = Array(repeating: -1, count: n)
        var generation = 0

        func add(_ pc: Int, _ pos: Int, _ list: inout [Int]) {
            var stack = [pc]
            while let p = stack.popLast() {
                if mark[p] == generation { continue }
                mark[p] = generation
                switch program[p] {
                case .split(let a, let b):
                    stack.append(b)
                    stack.append(a)
                case .jump(let a):
                    stack.append(a)
                case .begin:
                    if pos == 0 { stack.append(p + 1) }
                case .end:
                    if pos == text.count || (pos == text.count - 1 && text[pos] == "\n") { stack.append(p + 1) }
                default:
                    list.append(p)
                }
            }
        }

        generation = 1
        for pos in 0...text.count {
            // A new thread may start here (threads already here were marked with this generation).
            if pos == 0 || !anchoredStart { add(0, pos, &current) }
            for p in current {
                if case .match = program[p], !wholeText || pos == text.count { return true }
            }
            guard pos < text.count else { break }
            let c = text[pos]
            generation += 1
            next.removeAll(keepingCapacity: true)
            for p in current where program[p].reads(c) { add(p + 1, pos + 1, &next) }
            swap(&current, &next)
            if current.isEmpty && anchoredStart { return false }
        }
        return false
    }

    // MARK: syntax

    fileprivate indirect enum Node {
        case empty
        case scalar(Unicode.Scalar)
        case set(CharSet)
        case any
        case begin, end
        case concat([Node])
        case alternation([Node])
        case repeatNode(Node, min: Int, max: Int?)
    }

    fileprivate struct Parser {
        let s: [Unicode.Scalar]
        var i = 0
        var depth = 0

        init(_ s: [Unicode.Scalar]) { self.s = s }

        func fail(_ what: String) -> Unsupported { Unsupported(description: "\(what) at character \(i + 1)") }

        /// A failure because the text is no regular expression (not a missing feature).
        func malformed(_ what: String) -> Unsupported {
            Unsupported(description: "\(what) at character \(i + 1)", isMalformed: true)
        }

        mutating func parse() throws(Unsupported) -> Node {
            let node = try alternation()
            if i < s.count { throw malformed("unbalanced ')'") }
            return node
        }

        mutating func alternation() throws(Unsupported) -> Node {
            var branches = [try concatenation()]
            while i < s.count && s[i] == "|" {
                i += 1
                branches.append(try concatenation())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func concatenation() throws(Unsupported) -> Node {
            var items: [Node] = []
            while i < s.count && s[i] != "|" && s[i] != ")" {
                var atom = try self.atom()
                atom = try quantified(atom)
                items.append(atom)
            }
            return items.count == 1 ? items[0] : items.isEmpty ? .empty : .concat(items)
        }

        mutating func quantified(_ atom: Node) throws(Unsupported) -> Node {
            var atom = atom
            // An anchor may take quantifiers one after another (they change nothing); anything
            // else may take one: `a**` is no regular expression ("multiple repeat" in Python).
            let anchor: Bool
            switch atom {
            case .begin, .end: anchor = true
            default: anchor = false
            }
            var repeated = false
            while i < s.count {
                var minimum = 0
                var maximum: Int? = nil
                if repeated && !anchor, s[i] == "*" || s[i] == "+" || s[i] == "?" || (s[i] == "{" && braces() != nil) {
                    throw malformed("a quantifier after a quantifier")
                }
                switch s[i] {
                case "*": i += 1
                case "+":
                    minimum = 1
                    i += 1
                case "?":
                    maximum = 1
                    i += 1
                case "{":
                    guard let (a, b, len) = braces() else { return atom }
                    if let b, b < a { throw malformed("a repetition whose minimum is over its maximum") }
                    minimum = a
                    maximum = b
                    i += len
                default:
                    return atom
                }
                repeated = true
                if i < s.count && s[i] == "?" { i += 1 } else if i < s.count && s[i] == "+" { throw fail("a possessive quantifier") }
                if case .begin = atom { continue }
                if case .end = atom { continue }
                atom = .repeatNode(atom, min: minimum, max: maximum)
            }
            return atom
        }

        /// `{n}`, `{n,}`, `{n,m}` at `i`: (min, max, length), or nil when it is a literal `{`.
        func braces() -> (Int, Int?, Int)? {
            var j = i + 1
            func number() -> Int? {
                var v = 0
                let start = j
                while j < s.count, let d = s[j].properties.numericType != nil ? Int(String(s[j])) : nil {
                    v = v * 10 + d
                    if v > 100_000 { return nil }
                    j += 1
                }
                return j > start ? v : nil
            }
            guard let a = number() else { return nil }
            var b: Int? = a
            if j < s.count && s[j] == "," {
                j += 1
                b = number()
            }
            guard j < s.count, s[j] == "}" else { return nil }
            return (a, b, j - i + 1)
        }

        mutating func atom() throws(Unsupported) -> Node {
            let c = s[i]
            switch c {
            case "(":
                i += 1
                if i < s.count && s[i] == "?" {
                    guard i + 1 < s.count else { throw malformed("an unfinished group") }
                    switch s[i + 1] {
                    case ":": i += 2
                    case "P" where i + 2 < s.count && s[i + 2] == "<", "<" where i + 2 < s.count && s[i + 2] != "=" && s[i + 2] != "!":
                        while i < s.count && s[i] != ">" { i += 1 }
                        i += 1
                    case "=", "!", "<": throw fail("look-around")
                    default: throw fail("an inline flag")
                    }
                }
                depth += 1
                if depth > 200 { throw fail("groups nested too deep") }
                let inner = try alternation()
                depth -= 1
                guard i < s.count && s[i] == ")" else { throw malformed("a group without ')'") }
                i += 1
                return inner
            case "[":
                return .set(try charClass())
            case ".":
                i += 1
                return .any
            case "^":
                i += 1
                return .begin
            case "$":
                i += 1
                return .end
            case "\\":
                return try escape()
            case "*", "+", "?":
                throw malformed("a quantifier with nothing to repeat")
            default:
                i += 1
                return .scalar(c)
            }
        }

        mutating func escape() throws(Unsupported) -> Node {
            i += 1
            guard i < s.count else { throw malformed("a trailing backslash") }
            let c = s[i]
            i += 1
            switch c {
            case "d", "w", "s", "D", "W", "S": return .set(CharSet.shorthand(c))
            case "A": return .begin
            case "Z", "z": return .end
            case "b", "B": throw fail("a word boundary")
            case "1"..."9": throw fail("a back-reference")
            default: return .scalar(try literalEscape(c))
            }
        }

        mutating func literalEscape(_ c: Unicode.Scalar) throws(Unsupported) -> Unicode.Scalar {
            switch c {
            case "n": return "\n"
            case "t": return "\t"
            case "r": return "\r"
            case "f": return "\u{0C}"
            case "v": return "\u{0B}"
            case "0": return "\u{0}"
            case "x", "u":
                let len = c == "x" ? 2 : 4
                guard i + len <= s.count, let v = UInt32(String(String.UnicodeScalarView(s[i..<(i + len)])), radix: 16),
                    let scalar = Unicode.Scalar(v)
                else { throw fail("a bad \\\(c) escape") }
                i += len
                return scalar
            default:
                if c.properties.isAlphabetic { throw fail("the escape \\\(c)") }
                return c
            }
        }

        mutating func charClass() throws(Unsupported) -> CharSet {
            i += 1
            var set = CharSet()
            if i < s.count && s[i] == "^" {
                set.negated = true
                i += 1
            }
            var first = true
            while i < s.count && (s[i] != "]" || first) {
                first = false
                var lo: Unicode.Scalar
                if s[i] == "\\" {
                    i += 1
                    guard i < s.count else { throw malformed("an unfinished class") }
                    let c = s[i]
                    i += 1
                    if "dwsDWS".unicodeScalars.contains(c) {
                        set.classes.append(CharSet.shorthand(c))
                        continue
                    }
                    lo = c == "b" ? "\u{08}" : try literalEscape(c)
                } else if s[i] == "[" && i + 1 < s.count && s[i + 1] == ":" {
                    throw fail("a POSIX class")
                } else {
                    lo = s[i]
                    i += 1
                }
                if i + 1 < s.count && s[i] == "-" && s[i + 1] != "]" {
                    i += 1
                    var hi: Unicode.Scalar
                    if s[i] == "\\" {
                        i += 1
                        guard i < s.count else { throw malformed("an unfinished class") }
                        let c = s[i]
                        i += 1
                        hi = try literalEscape(c)
                    } else {
                        hi = s[i]
                        i += 1
                    }
                    guard lo.value <= hi.value else { throw malformed("a reversed range") }
                    set.ranges.append((lo.value, hi.value))
                } else {
                    set.ranges.append((lo.value, lo.value))
                }
            }
            guard i < s.count else { throw malformed("a class without ']'") }
            i += 1
            return set
        }
    }

    fileprivate struct Compiler {
        var program: [Inst] = []

        mutating func emit(_ node: Node) throws(Unsupported) {
            if program.count > Pattern.maxProgramSize {
                throw Unsupported(description: "the pattern expands to more than \(Pattern.maxProgramSize) steps")
            }
            switch node {
            case .empty: break
            case .scalar(let c): program.append(.scalar(c))
            case .set(let s): program.append(.set(s))
            case .any: program.append(.any)
            case .begin: program.append(.begin)
            case .end: program.append(.end)
            case .concat(let items): for n in items { try emit(n) }
            case .alternation(let branches):
                var jumps: [Int] = []
                for (k, b) in branches.enumerated() {
                    if k < branches.count - 1 {
                        let split = program.count
                        program.append(.split(0, 0))
                        try emit(b)
                        jumps.append(program.count)
                        program.append(.jump(0))
                        program[split] = .split(split + 1, program.count)
                    } else {
                        try emit(b)
                    }
                }
                for j in jumps { program[j] = .jump(program.count) }
            case .repeatNode(let inner, let minimum, let maximum):
                for _ in 0..<minimum { try emit(inner) }
                if let maximum {
                    var splits: [Int] = []
                    for _ in minimum..<maximum {
                        splits.append(program.count)
                        program.append(.split(0, 0))
                        try emit(inner)
                    }
                    for s in splits { program[s] = .split(s + 1, program.count) }
                } else {
                    let split = program.count
                    program.append(.split(0, 0))
                    try emit(inner)
                    program.append(.jump(split))
                    program[split] = .split(split + 1, program.count)
                }
            }
        }
    }
}

/// A set of characters: ranges and shorthand classes, possibly negated.
struct CharSet: Sendable {
    var ranges: [(UInt32, UInt32)] = []
    var classes: [CharSet] = []
    var negated = false
    var predicate: Predicate? = nil

    enum Predicate: Sendable { case digit, word, space }

    static func shorthand(_ c: Unicode.Scalar) -> CharSet {
        var s = CharSet()
        switch c {
        case "d", "D": s.predicate = .digit
        case "w", "W": s.predicate = .word
        default: s.predicate = .space
        }
        s.negated = c == "D" || c == "W" || c == "S"
        return s
    }

    func contains(_ c: Unicode.Scalar) -> Bool {
        var hit = false
        if let predicate {
            switch predicate {
            case .digit: hit = c.properties.numericType == .decimal
            case .word: hit = c.properties.isAlphabetic || c.properties.numericType == .decimal || c == "_"
            case .space:
                hit = c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0B}" || c == "\u{0C}" || c.properties.isWhitespace
            }
        }
        if !hit { hit = ranges.contains { c.value >= $0.0 && c.value <= $0.1 } }
        if !hit { hit = classes.contains { $0.contains(c) } }
        return hit != negated
    }
}
