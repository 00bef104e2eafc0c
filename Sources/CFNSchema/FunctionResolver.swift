import CFNModel

/// The values a function can give before deployment, worked out from what the template says:
/// a parameter's values (as `ResolvedValue.parameters` reads them), the pseudo-parameters in the
/// region checked for, the zones `Fn::GetAZs` gives, a `Fn::FindInMap` with literal keys, and
/// the functions that build a value from others (`Fn::Sub`, `Fn::Join`, `Fn::Split`,
/// `Fn::Select`, `Fn::ToJsonString`, `Fn::If`), nested in any way. What depends on anything
/// else (`Fn::GetAtt`, a `Ref` to a resource, `Fn::ImportValue`, ...) cannot be resolved, and
/// then neither can the function around it: no value rather than a guess.
///
/// One mechanism for W1030-W1036 and W1040: each resolves its function with this and checks the
/// values against the property's schema, as cfn-lint 1.51.0 does.
struct FunctionResolver {
    /// One value, with what was chosen to get it.
    struct Resolution {
        /// The value: a tree of literals, no function in it (but as an unresolved part of a
        /// literal list or mapping that nothing above looks into).
        var value: Node
        /// The value each parameter was taken at: a parameter met twice takes the same value.
        var picks: [String: String] = [:]
        /// The branch taken at each condition's `Fn::If`: a condition met twice goes one way.
        var conditions: [String: Bool] = [:]
        /// Whether a parameter's value is in it, as cfn-lint counts it (a `Fn::Sub` forgets:
        /// its result counts as not from parameters, so that one value that fits is enough).
        var fromParameters = false
        /// The parameter value the value comes from, through a `Ref` and any `Fn::Split`,
        /// `Fn::Select` or `Fn::ToJsonString` of it (where cfn-lint places a problem the value
        /// itself has; a `Fn::Join`, `Fn::Sub` or `Fn::If` makes a value of its own).
        var parameterValue: ResolvedValue?
    }

    let context: ValueContext
    /// The `Fn::If`s around the function: a parameter value they rule out is not taken.
    let branches: [(condition: String, holds: Bool)]

    /// At most this many values for one function (cfn-lint stops at 512): past it, none.
    static let limit = 512

    /// The values `node` can give; empty when it cannot be resolved.
    func resolve(_ node: Node) -> [Resolution] {
        var budget = Self.limit
        return resolve(node, Resolution(value: node), &budget) ?? []
    }

    /// nil: cannot be resolved (or over the limit).
    private func resolve(_ node: Node, _ state: Resolution, _ budget: inout Int) -> [Resolution]? {
        guard case .function(let f) = node.value else {
            var done = state
            done.value = node
            return [done]
        }
        let out: [Resolution]?
        switch f.name {
        case .ref: out = ref(f, state)
        case .getAZs: out = getAZs(f, state)
        case .findInMap: out = findInMap(f, state)
        case .if: out = ifBranches(f, state, &budget)
        case .sub: out = sub(f, state, &budget)
        case .join: out = join(f, state, &budget)
        case .split: out = split(f, state, &budget)
        case .select: out = select(f, state, &budget)
        // Without the transform it is E1031's, and cfn-lint resolves nothing.
        case .toJsonString: out = context.hasLanguageExtensions ? toJsonString(f, state, &budget) : nil
        default: out = nil
        }
        guard let out else { return nil }
        budget -= out.count
        return budget < 0 ? nil : out
    }

    // MARK: - Values from the template

    private func ref(_ f: Intrinsic, _ state: Resolution) -> [Resolution]? {
        guard let name = f.refTarget else { return nil }
        if let values = context.parameterValues[name] {
            var out: [Resolution] = []
            for value in values {
                let text: String?
                if case .scalar(let t) = value.raw { text = t } else { text = nil }
                if let picked = state.picks[name], picked != (text ?? describeList(value)) { continue }
                // A value the Fn::Ifs around (or taken on the way) rule out is not one it can take here.
                if let text, value.source != nil, !possible(name, text, state) { continue }
                var next = state
                next.value = value.node(at: f.keyRange)
                next.picks[name] = text ?? describeList(value)
                next.fromParameters = true
                next.parameterValue = value
                out.append(next)
            }
            return out
        }
        guard let pseudo = ResolvedValue.pseudo(name, region: context.region) else { return nil }
        var next = state
        next.value = pseudo.node(at: f.keyRange)
        next.parameterValue = pseudo
        return [next]
    }

    private func getAZs(_ f: Intrinsic, _ state: Resolution) -> [Resolution]? {
        let region: String
        if let s = f.argument.stringValue {
            region = s.isEmpty ? context.region : s
        } else if f.argument.functionValue?.refTarget == "AWS::Region" {
            region = context.region
        } else {
            return nil
        }
        guard let zones = AvailabilityZones.of(region) else { return nil }
        var next = state
        next.value = Node(.list(zones.map { Node(.string($0)) }))
        return [next]
    }

    private func findInMap(_ f: Intrinsic, _ state: Resolution) -> [Resolution]? {
        guard let args = f.argument.listValue, args.count == 3 || args.count == 4, args.prefix(3).allSatisfy(\.isScalar) else {
            return nil
        }
        let keys = args.prefix(3).compactMap(\.scalarText)
        guard keys.count == 3, let found = context.mappings[keys[0]]?.mapValue?[keys[1]]?.mapValue?[keys[2]] else { return nil }
        // A text, or a list of texts, as CloudFormation passes a mapping's value on.
        var next = state
        if found.isScalar, let text = found.scalarText {
            next.value = Node(.string(text))
        } else if let items = found.listValue {
            let texts = items.compactMap { $0.isScalar ? $0.scalarText : nil }
            guard texts.count == items.count else { return nil }
            next.value = Node(.list(texts.map { Node(.string($0)) }))
        } else {
            return nil
        }
        return [next]
    }

    // MARK: - Functions that build values

    private func ifBranches(_ f: Intrinsic, _ state: Resolution, _ budget: inout Int) -> [Resolution]? {
        guard let args = f.argument.listValue, args.count == 3, let condition = args[0].stringValue,
            context.conditions.contains(condition)
        else { return nil }
        var out: [Resolution] = []
        for (i, branch) in args.enumerated().dropFirst() where !branch.isNoValue {
            let holds = i == 1
            if let taken = state.conditions[condition], taken != holds { continue }
            if branches.contains(where: { $0.condition == condition && $0.holds != holds }) { continue }
            // A parameter value already taken may decide the condition.
            if state.picks.contains(where: { context.scenarios.truth(of: condition, when: $0.key, is: $0.value) == !holds }) { continue }
            var next = state
            next.conditions[condition] = holds
            guard let values = resolve(branch, next, &budget) else { return nil }
            out += values.map { v in
                var r = v
                r.parameterValue = nil
                return r
            }
        }
        return out
    }

    private func sub(_ f: Intrinsic, _ state: Resolution, _ budget: inout Int) -> [Resolution]? {
        let text: String
        var variables = Map()
        if let s = f.argument.stringValue {
            text = s
        } else if let args = f.argument.listValue, args.count == 2, let s = args[0].stringValue, let map = args[1].mapValue {
            text = s
            variables = map
        } else {
            return nil
        }
        let pieces = Self.subPieces(text)
        // cfn-lint resolves every variable of the map, used or not: one it cannot resolve
        // leaves the whole Fn::Sub unresolved.
        for e in variables.entries where !pieces.contains(.variable(e.key)) {
            guard let values = resolve(e.value, state, &budget), !values.isEmpty else { return nil }
        }
        var partial = [(text: "", state: state)]
        for piece in pieces {
            switch piece {
            case .literal(let s):
                for i in partial.indices { partial[i].text += s }
            case .variable(let name):
                let expression: Node
                if let given = variables[name] {
                    expression = given
                } else if !name.isEmpty, !name.contains("."), !name.hasPrefix("!") {
                    expression = Node(.function(Intrinsic(.ref, Node(.string(name)))), range: f.keyRange)
                } else {
                    return nil
                }
                var next: [(text: String, state: Resolution)] = []
                for (sofar, s) in partial {
                    guard let values = resolve(expression, s, &budget) else { return nil }
                    for v in values {
                        guard let piece = Self.text(v.value) else { return nil }
                        next.append((sofar + piece, v))
                    }
                }
                guard next.count <= Self.limit else { return nil }
                partial = next
            }
        }
        return partial.map { p in
            var r = p.state
            r.value = Node(.string(p.text))
            r.fromParameters = false
            r.parameterValue = nil
            return r
        }
    }

    private func join(_ f: Intrinsic, _ state: Resolution, _ budget: inout Int) -> [Resolution]? {
        guard let args = f.argument.listValue, args.count == 2, let delimiter = args[0].stringValue else { return nil }
        guard let lists = resolve(args[1], state, &budget) else { return nil }
        var out: [Resolution] = []
        for list in lists {
            guard let items = list.value.listValue else { return nil }
            var partial = [(texts: [String](), state: list)]
            for item in items {
                var next: [(texts: [String], state: Resolution)] = []
                for (sofar, s) in partial {
                    guard let values = resolve(item, s, &budget) else { return nil }
                    for v in values {
                        guard let piece = Self.text(v.value) else { return nil }
                        next.append((sofar + [piece], v))
                    }
                }
                guard next.count <= Self.limit else { return nil }
                partial = next
            }
            for p in partial {
                var r = p.state
                r.value = Node(.string(p.texts.joined(separator: delimiter)))
                r.parameterValue = nil
                out.append(r)
            }
        }
        return out
    }

    private func split(_ f: Intrinsic, _ state: Resolution, _ budget: inout Int) -> [Resolution]? {
        guard let args = f.argument.listValue, args.count == 2, let delimiter = args[0].stringValue, !delimiter.isEmpty,
            let sources = resolve(args[1], state, &budget)
        else { return nil }
        var out: [Resolution] = []
        for source in sources {
            guard let text = source.value.stringValue else { return nil }
            var r = source
            r.value = Node(.list(Self.split(text, by: delimiter).map { Node(.string($0)) }))
            out.append(r)
        }
        return out
    }

    private func select(_ f: Intrinsic, _ state: Resolution, _ budget: inout Int) -> [Resolution]? {
        guard let args = f.argument.listValue, args.count == 2, let indexes = resolve(args[0], state, &budget) else { return nil }
        var out: [Resolution] = []
        for index in indexes {
            guard let text = index.value.isScalar ? index.value.scalarText : nil, let i = Int(text), i >= 0 else { return nil }
            guard let lists = resolve(args[1], index, &budget) else { return nil }
            for list in lists {
                guard let items = list.value.listValue else { return nil }
                guard i < items.count else { continue }
                guard let values = resolve(items[i], list, &budget) else { return nil }
                out += values
            }
        }
        return out
    }

    private func toJsonString(_ f: Intrinsic, _ state: Resolution, _ budget: inout Int) -> [Resolution]? {
        guard let values = resolve(f.argument, state, &budget) else { return nil }
        var out: [Resolution] = []
        for v in values {
            guard let json = Self.pythonJSON(v.value) else { return nil }
            var r = v
            r.value = Node(.string(json))
            out.append(r)
        }
        return out
    }

    // MARK: - Text

    /// A piece of a `Fn::Sub` text.
    enum SubPiece: Equatable {
        case literal(String)
        case variable(String)
    }

    /// A `Fn::Sub` text cut as cfn-lint cuts it: a variable is `${`, a character other than
    /// `!`, and what follows up to the first `}` on the line, its name trimmed; anything else
    /// is literal, `${!Literal}` included, which cfn-lint keeps as written (CloudFormation
    /// writes `${Literal}`: cfn-lint checks the text it has).
    static func subPieces(_ text: String) -> [SubPiece] {
        let s = Array(text.unicodeScalars)
        var out: [SubPiece] = []
        var literal = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "$", i + 2 < s.count, s[i + 1] == "{", s[i + 2] != "!" {
                var j = i + 3
                while j < s.count, s[j] != "}", s[j] != "\n" { j += 1 }
                if j < s.count, s[j] == "}" {
                    if !literal.isEmpty {
                        out.append(.literal(String(literal)))
                        literal = String.UnicodeScalarView()
                    }
                    var name = String.UnicodeScalarView(s[(i + 2)..<j])
                    while let c = name.first, c == " " || c == "\t" || c == "\n" || c == "\r" { name.removeFirst() }
                    while let c = name.last, c == " " || c == "\t" || c == "\n" || c == "\r" { name.removeLast() }
                    out.append(.variable(String(name)))
                    i = j + 1
                    continue
                }
            }
            literal.append(s[i])
            i += 1
        }
        if !literal.isEmpty { out.append(.literal(String(literal))) }
        return out
    }

    /// `text` cut at each `delimiter` (not empty), empty pieces kept, as `Fn::Split` cuts.
    static func split(_ text: String, by delimiter: String) -> [String] {
        let t = Array(text.utf8)
        let d = Array(delimiter.utf8)
        var pieces: [String] = []
        var start = 0
        var i = 0
        while i + d.count <= t.count {
            if t[i..<(i + d.count)].elementsEqual(d) {
                pieces.append(String(decoding: t[start..<i], as: UTF8.self))
                i += d.count
                start = i
            } else {
                i += 1
            }
        }
        pieces.append(String(decoding: t[start...], as: UTF8.self))
        return pieces
    }

    /// Whether a parameter can have `value` here: no `Fn::If` around, nor one taken on the
    /// way, rules it out.
    private func possible(_ parameter: String, _ value: String, _ state: Resolution) -> Bool {
        if branches.contains(where: { context.scenarios.truth(of: $0.condition, when: parameter, is: value) == !$0.holds }) {
            return false
        }
        return !state.conditions.contains { context.scenarios.truth(of: $0.key, when: parameter, is: value) == !$0.value }
    }

    private func describeList(_ value: ResolvedValue) -> String {
        if case .list(let items) = value.raw { return items.joined(separator: ",") }
        return ""
    }

    /// A scalar as a function that makes text of it writes it (`str()` in cfn-lint: `True`,
    /// `5`); nil for a list, a mapping, a null, a function, or a float (whose spelling would
    /// be a guess).
    static func text(_ node: Node) -> String? {
        switch node.value {
        case .string(let s): return s
        case .number(let n): return n.kind == .integer ? n.canonical : nil
        case .bool(let b): return b ? "True" : "False"
        default: return nil
        }
    }

    /// `node` as Python's `json.dumps` writes it (cfn-lint's `Fn::ToJsonString`): `", "` and
    /// `": "` between items, non-ASCII escaped; nil when a function or a float is in it.
    static func pythonJSON(_ node: Node) -> String? {
        switch node.value {
        case .string(let s): return quoted(s)
        case .number(let n): return n.kind == .integer ? n.canonical : nil
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .list(let items):
            var parts: [String] = []
            for item in items {
                guard let p = pythonJSON(item) else { return nil }
                parts.append(p)
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .map(let map):
            var parts: [String] = []
            for e in map.entries {
                guard let p = pythonJSON(e.value) else { return nil }
                parts.append(quoted(e.key) + ": " + p)
            }
            return "{" + parts.joined(separator: ", ") + "}"
        case .function: return nil
        }
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 || u.value > 0x7F {
                    // UTF-16 units, as json.dumps escapes them.
                    for unit in String(u).utf16 { out += "\\u" + hex4(unit) }
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    private static func hex4(_ v: UInt16) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(v >> 12)], digits[Int((v >> 8) & 0xF)], digits[Int((v >> 4) & 0xF)], digits[Int(v & 0xF)]])
    }
}
