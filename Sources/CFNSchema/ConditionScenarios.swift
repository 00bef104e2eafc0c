import CFNModel

/// The template's conditions as formulas over their `Fn::Equals` tests, so that a value holding
/// `Fn::If`s can be read once per combination of conditions that can hold together: with
/// `IsProd` and `IsNotProd: !Not [!Condition IsProd]`, `IsProd` true and `IsNotProd` true is no
/// scenario. Two tests of one parameter against different values are never both true, and when
/// the tests cover every `AllowedValues` entry one of them is (as cfn-lint reasons).
struct ConditionScenarios: Sendable {
    indirect enum Formula: Sendable {
        case atom(Int)
        case constant(Bool)
        case not(Formula)
        case and([Formula])
        case or([Formula])
    }

    /// One `Fn::Equals` test; `parameter`/`value` when it compares a parameter with a literal.
    struct Test: Sendable {
        var key: String
        var parameter: String?
        var value: String?
    }

    private(set) var formulas: [String: Formula] = [:]
    private(set) var tests: [Test] = []
    private var allowedValues: [String: [String]] = [:]
    /// `possibleCombinations`, by list of names: a template asks the same of many resources.
    private let cache = Locked<[String: Set<Int>?]>([:])

    /// At most this many combinations are tried for one value (cfn-lint's limit too).
    static let maxScenarios = 128
    /// Tests beyond this many in one question: the combination is taken as possible.
    static let maxTests = 12

    init(template: Template) {
        let parameters = template.root["Parameters"]?.mapValue ?? Map()
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
            if let x = a.scalarText, let y = b.scalarText { return .constant(x == y) }
            let sides = [a, b].map { String(decoding: Formatter.json($0, indent: 0), as: UTF8.self) }.sorted()
            let key = sides.joined(separator: " == ")
            if let k = testIndex[key] { return .atom(k) }
            var test = Test(key: key)
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
    }

    /// The combinations of `names` that can hold together, each as a number whose bit
    /// `names.count - 1 - i` is clear when `names[i]` is true (so 0 is all true); nil when the
    /// conditions rest on too many tests to tell (every combination is taken as possible).
    /// Found once per list of names: every way the tests can come out is tried.
    func possibleCombinations(_ names: [String]) -> Set<Int>? {
        let key = names.joined(separator: "\u{0}")
        if let hit = cache.withLock({ $0[key] }) { return hit }
        var used: [Int] = []
        func collect(_ f: Formula) {
            switch f {
            case .atom(let k): if !used.contains(k) { used.append(k) }
            case .constant: break
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
                if let p = tests[k].parameter, let v = tests[k].value { byParameter[p, default: []].append((slot, v)) }
            }
            var slot: [Int: Int] = [:]
            for (i, k) in used.enumerated() { slot[k] = i }
            var found: Set<Int> = []
            for mask in 0..<(1 << used.count) where consistent(mask, byParameter) {
                func eval(_ f: Formula) -> Bool {
                    switch f {
                    case .atom(let k): return mask & (1 << slot[k]!) != 0
                    case .constant(let b): return b
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
                guard tests[k].parameter == parameter, let compared = tests[k].value else { return nil }
                return compared == value
            case .constant(let b): return b
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

    private func consistent(_ mask: Int, _ byParameter: [String: [(slot: Int, value: String)]]) -> Bool {
        for (parameter, compared) in byParameter {
            let truths = compared.filter { mask & (1 << $0.slot) != 0 }
            if Set(truths.map(\.value)).count > 1 { return false }
            if truths.isEmpty, let allowed = allowedValues[parameter], !allowed.isEmpty,
                Set(allowed).isSubset(of: Set(compared.map(\.value)))
            {
                return false
            }
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
