import CFNModel

/// The template's conditions as formulas over their `Fn::Equals` tests, so that a value holding
/// `Fn::If`s can be read once per combination of conditions that can hold together: with
/// `IsProd` and `IsNotProd: !Not [!Condition IsProd]`, `IsProd` true and `IsNotProd` true is no
/// scenario. Two tests of one parameter with `AllowedValues` against different values are never
/// both true, and when the tests cover every entry one of them is (as cfn-lint reasons). A test of
/// two literals (`!Equals [true, false]`) is a test like any other, not a known answer: cfn-lint
/// reads it so (W8003 reports it), and both branches of its `Fn::If`s are checked.
public struct ConditionScenarios: Sendable {
    indirect enum Formula: Sendable {
        case atom(Int)
        case not(Formula)
        case and([Formula])
        case or([Formula])
    }

    /// One `Fn::Equals` test; `parameter`/`value` when it compares a parameter with a literal.
    struct Test: Sendable {
        var key: String
        var parameter: String?
        var value: String?
        /// Its answer when it compares two literals, or a value with itself.
        var fixed: Bool?
    }

    private(set) var formulas: [String: Formula] = [:]
    private(set) var tests: [Test] = []
    /// The parameters one of whose tests is always true: every `AllowedValues` entry is
    /// compared with, and a value outside the list cannot be given. As cfn-lint counts: each
    /// test written in a condition (one condition's tests counted again where another names
    /// it) takes one entry off the list, and the list must come out empty.
    private var covered: Set<String> = []
    /// The parameters with `AllowedValues`: only their tests against different values are
    /// taken as exclusive (cfn-lint reads the others as unrelated, unless asked otherwise).
    private var listed: Set<String> = []
    /// Each listed parameter's `AllowedValues`.
    private var allowed: [String: Set<String>] = [:]
    /// Each parameter's tests, across the whole template.
    private var testsOf: [String: Set<Int>] = [:]
    /// `possibleCombinations`, by list of names: a template asks the same of many resources.
    private let cache = Locked<[String: Set<Int>?]>([:])

    /// At most this many combinations are tried for one value (cfn-lint's limit too).
    static let maxScenarios = 128
    /// Tests beyond this many in one question: the combination is taken as possible.
    static let maxTests = 12

    /// Reads the template's parameters and conditions.
    public init(template: Template) {
        let parameters = template.root["Parameters"]?.mapValue ?? Map()
        var allowedValues: [String: [String]] = [:]
        for e in parameters {
            if let allowed = e.value["AllowedValues"]?.listValue {
                allowedValues[e.key] = allowed.compactMap(\.scalarText)
            }
        }
        let definitions = template.root["Conditions"]?.mapValue ?? Map()
        var testIndex: [String: Int] = [:]
        var building: Set<String> = []

        func formula(_ node: Node, depth: Int) -> Formula {
            guard depth < 32, let f = node.functionValue else { return opaque() }
            let args = f.argument.listValue ?? []
            switch f.name {
            case .not:
                return args.count == 1 ? .not(formula(args[0], depth: depth + 1)) : opaque()
            case .and:
                return args.isEmpty ? opaque() : .and(args.map { formula($0, depth: depth + 1) })
            case .or:
                return args.isEmpty ? opaque() : .or(args.map { formula($0, depth: depth + 1) })
            case .condition:
                guard let name = f.argument.stringValue else { return opaque() }
                return named(name)
            case .equals:
                guard args.count == 2 else { return opaque() }
                return equals(args[0], args[1])
            default:
                return opaque()
            }
        }

        func named(_ name: String) -> Formula {
            if let done = formulas[name] { return done }
            guard let definition = definitions[name], !building.contains(name) else { return opaque() }
            building.insert(name)
            let built = formula(definition, depth: 0)
            building.remove(name)
            formulas[name] = built
            return built
        }

        func equals(_ a: Node, _ b: Node) -> Formula {
            let sides = [a, b].map { String(decoding: Formatter.json($0, indent: 0), as: UTF8.self) }.sorted()
            let key = sides.joined(separator: " == ")
            if let k = testIndex[key] { return .atom(k) }
            var test = Test(key: key)
            if let x = a.scalarText, let y = b.scalarText {
                test.fixed = x == y
            } else if sides[0] == sides[1] {
                test.fixed = true
            }
            for (ref, literal) in [(a, b), (b, a)] {
                if let target = ref.functionValue?.refTarget, parameters[target] != nil, let text = literal.scalarText {
                    test.parameter = target
                    test.value = text
                }
            }
            testIndex[key] = tests.count
            tests.append(test)
            return .atom(tests.count - 1)
        }

        /// A condition this reasoning does not take apart: a test of its own.
        func opaque() -> Formula {
            tests.append(Test(key: "#\(tests.count)"))
            return .atom(tests.count - 1)
        }

        for e in definitions { _ = named(e.key) }
        listed = Set(allowedValues.filter { !$0.value.isEmpty }.keys)
        for p in listed { allowed[p] = Set(allowedValues[p] ?? []) }

        var left = allowedValues
        func countOff(_ f: Formula) {
            switch f {
            case .atom(let k):
                guard let p = tests[k].parameter, let v = tests[k].value else { return }
                testsOf[p, default: []].insert(k)
                if let i = left[p]?.firstIndex(of: v) { left[p]?.remove(at: i) }
            case .not(let g): countOff(g)
            case .and(let gs), .or(let gs): gs.forEach(countOff)
            }
        }
        for e in definitions { if let f = formulas[e.key] { countOff(f) } }
        covered = Set(left.filter { !(allowedValues[$0.key] ?? []).isEmpty && $0.value.isEmpty && testsOf[$0.key] != nil }.keys)
    }

    /// The combinations of `names` that can hold together, each as a number whose bit
    /// `names.count - 1 - i` is clear when `names[i]` is true (so 0 is all true); nil when the
    /// conditions rest on too many tests to tell (every combination is taken as possible).
    /// Found once per list of names: every way the tests can come out is tried.
    /// `everyParameter`: tests of any parameter against different values are exclusive, not
    /// only those of parameters with `AllowedValues`, a test against a value outside them is
    /// never true, and a test of two literals has its answer (as cfn-lint reasons about the
    /// conditions of references, W1001).
    func possibleCombinations(_ names: [String], everyParameter: Bool = false) -> Set<Int>? {
        let key = (everyParameter ? "*" : "") + names.joined(separator: "\u{0}")
        if let hit = cache.withLock({ $0[key] }) { return hit }
        var used: [Int] = []
        func collect(_ f: Formula) {
            switch f {
            case .atom(let k): if !used.contains(k) { used.append(k) }
            case .not(let g): collect(g)
            case .and(let gs), .or(let gs): gs.forEach(collect)
            }
        }
        let known = names.map { formulas[$0] }
        for f in known { if let f { collect(f) } }
        var result: Set<Int>?
        if used.count <= ConditionScenarios.maxTests {
            // The parameters the tests compare, with the values compared.
            var byParameter: [String: [(slot: Int, value: String)]] = [:]
            for (slot, k) in used.enumerated() {
                if let p = tests[k].parameter, let v = tests[k].value, everyParameter || listed.contains(p) {
                    byParameter[p, default: []].append((slot, v))
                }
            }
            var slot: [Int: Int] = [:]
            for (i, k) in used.enumerated() { slot[k] = i }
            var found: Set<Int> = []
            for mask in 0..<(1 << used.count) where consistent(mask, byParameter, used, outsideAllowed: everyParameter) {
                func eval(_ f: Formula) -> Bool {
                    switch f {
                    case .atom(let k): return mask & (1 << slot[k]!) != 0
                    case .not(let g): return !eval(g)
                    case .and(let gs): return gs.allSatisfy(eval)
                    case .or(let gs): return gs.contains(where: eval)
                    }
                }
                var combination = 0
                for (i, f) in known.enumerated() where f.map(eval) == false {
                    combination |= 1 << (names.count - 1 - i)
                }
                found.insert(combination)
            }
            result = found
        }
        cache.withLock { $0[key] = .some(result) }
        return result
    }

    /// What condition `name` comes to when `parameter` has the value `value`: nil when that
    /// does not decide it (it rests on other parameters, or is not known).
    func truth(of name: String, when parameter: String, is value: String) -> Bool? {
        guard let f = formulas[name] else { return nil }
        func eval(_ f: Formula) -> Bool? {
            switch f {
            case .atom(let k):
                // A test of two literals has its answer here: the value is what is asked about.
                if let fixed = tests[k].fixed { return fixed }
                guard tests[k].parameter == parameter, let compared = tests[k].value else { return nil }
                return compared == value
            case .not(let g): return eval(g).map { !$0 }
            case .and(let gs):
                let all = gs.map(eval)
                if all.contains(false) { return false }
                return all.contains(nil) ? nil : true
            case .or(let gs):
                let all = gs.map(eval)
                if all.contains(true) { return true }
                return all.contains(nil) ? nil : false
            }
        }
        return eval(f)
    }

    /// The truth values of `names` that can hold together, all true first (cfn-lint's order,
    /// and no more than its 128 tries); every combination when the conditions rest on too many
    /// tests to tell. Names that are not conditions of the template are left out.
    public func truths(of names: [String]) -> [[String: Bool]] {
        let names = names.filter { formulas[$0] != nil }
        guard !names.isEmpty else { return [] }
        let possible = possibleCombinations(names)
        var out: [[String: Bool]] = []
        for n in 0..<(names.count < 7 ? 1 << names.count : ConditionScenarios.maxScenarios) {
            guard possible?.contains(n) ?? true else { continue }
            var truth: [String: Bool] = [:]
            for (i, name) in names.enumerated() { truth[name] = n & (1 << (names.count - 1 - i)) == 0 }
            out.append(truth)
        }
        return out
    }

    /// Whether the template defines a condition of this name.
    public func isDefined(_ name: String) -> Bool { formulas[name] != nil }

    /// Whether the named conditions can have these values together (`false` when no way the
    /// tests can come out gives them all). Names the template does not define are left out, as
    /// cfn-lint leaves them out; too many tests to tell is taken as possible.
    public func canHold(_ status: [String: Bool], everyParameter: Bool = false) -> Bool {
        let names = status.keys.filter { formulas[$0] != nil }.sorted()
        guard !names.isEmpty, let possible = possibleCombinations(names, everyParameter: everyParameter) else { return true }
        var wanted = 0
        for (i, name) in names.enumerated() where status[name] == false { wanted |= 1 << (names.count - 1 - i) }
        return possible.contains(wanted)
    }

    /// `outsideAllowed`: a test against a value its parameter's `AllowedValues` lacks is never
    /// true, and a test of two literals has its answer (cfn-lint's relationship check reads
    /// them so; its condition context does not).
    private func consistent(
        _ mask: Int,
        _ byParameter: [String: [(slot: Int, value: String)]],
        _ used: [Int],
        outsideAllowed: Bool
    ) -> Bool {
        if outsideAllowed {
            for (slot, k) in used.enumerated() {
                if let b = tests[k].fixed, (mask & (1 << slot) != 0) != b { return false }
            }
        }
        for (parameter, compared) in byParameter {
            let truths = compared.filter { mask & (1 << $0.slot) != 0 }
            if Set(truths.map(\.value)).count > 1 { return false }
            if outsideAllowed, let values = allowed[parameter], truths.contains(where: { !values.contains($0.value) }) { return false }
            // None of these tests true: another of the parameter's tests must be, if it has one.
            guard truths.isEmpty, covered.contains(parameter) else { continue }
            // (A test outside AllowedValues is no other test that could be true, when read so.)
            let others = (testsOf[parameter] ?? []).filter { k in
                !outsideAllowed || allowed[parameter]?.contains(tests[k].value ?? "") ?? true
            }
            if others.isSubset(of: used) { return false }
        }
        return true
    }

    /// The names of the conditions whose `Fn::If`s decide the entries of a mapping: its values'
    /// own `Fn::If`s (and those of the lists in them), not those of mappings nested deeper; only
    /// the entries under `keys` when given (the others are not looked at).
    static func deciding(_ map: Map, keys: Set<String>? = nil) -> [String] {
        var names: [String] = []
        func visit(_ node: Node) {
            switch node.value {
            case .list(let items): items.forEach(visit)
            case .function(let f) where f.name == .if:
                guard let args = f.argument.listValue, args.count == 3, let c = args[0].stringValue else { return }
                if !names.contains(c) { names.append(c) }
                visit(args[1])
                visit(args[2])
            default: break
            }
        }
        for e in map where keys?.contains(e.key) ?? true { visit(e.value) }
        return names
    }

    /// The mapping as each possible combination of the conditions deciding its entries (those
    /// under `keys`, when given) makes it: each `Fn::If` of theirs replaced by its chosen branch,
    /// `!Ref AWS::NoValue` left out. Nil when the mapping has no such `Fn::If`.
    func instances(of node: Node, _ map: Map, keys: Set<String>? = nil) -> [Node]? {
        let names = ConditionScenarios.deciding(map, keys: keys).filter { formulas[$0] != nil }
        guard !names.isEmpty else { return nil }
        let possible = possibleCombinations(names)
        var out: [Node] = []
        // All true first, as cfn-lint enumerates them, and no more tries than it makes.
        for n in 0..<(names.count < 7 ? 1 << names.count : ConditionScenarios.maxScenarios) {
            guard possible?.contains(n) ?? true else { continue }
            var truth: [String: Bool] = [:]
            for (i, name) in names.enumerated() { truth[name] = n & (1 << (names.count - 1 - i)) == 0 }
            out.append(
                Node(
                    .map(
                        Map(
                            map.entries.compactMap { e in
                                resolve(e.value, truth).map { v in
                                    var kept = e
                                    kept.value = v
                                    return kept
                                }
                            }
                        )
                    ),
                    range: node.range,
                    style: node.style
                )
            )
        }
        return out
    }

    private func resolve(_ node: Node, _ truth: [String: Bool]) -> Node? {
        switch node.value {
        case .function(let f):
            if node.isNoValue { return nil }
            guard f.name == .if, let args = f.argument.listValue, args.count == 3, let c = args[0].stringValue,
                let chosen = truth[c]
            else { return node }
            return resolve(chosen ? args[1] : args[2], truth)
        case .list(let items):
            return Node(.list(items.compactMap { resolve($0, truth) }), range: node.range, style: node.style)
        default:
            return node
        }
    }
}
