import CFNModel
import CFNSchema

/// E3601: a Step Functions state machine whose definition is not a well-formed Amazon States
/// Language document.
struct StateMachineDefinition: Rule {
    static let info = RuleInfo(
        id: "E3601",
        title: "State machine definition malformed",
        description: """
            The `Definition` (a mapping, or JSON text) and the `DefinitionString` (JSON text, or a \
            mapping) of an `AWS::StepFunctions::StateMachine` must be an Amazon States Language \
            document: `StartAt` naming one of its `States`, and each state of a known `Type` \
            (`Pass`, `Task`, `Wait`, `Choice`, `Succeed`, `Fail`, `Parallel`, `Map`) with only the \
            fields that type has, the ones it needs (a task's `Resource`, an ARN; a parallel \
            state's `Branches`; a choice's `Choices`, each one comparison and a `Next`), and \
            exactly one of `Next` and `End` where the type goes on. The branches of a parallel \
            state and the processor of a map state are state machines too, whose `StartAt` must \
            name one of their own states. A machine whose `QueryLanguage` is `JSONata` is read as \
            one: its states cannot use the JSONPath fields (`InputPath`, `Parameters`, \
            `ResultPath`, ...). A value that is a placeholder of `DefinitionSubstitutions` \
            (`${FunctionArn}`) is not judged, nor a definition given by an intrinsic function, \
            nor a state holding one (its value is known only at deployment). A problem inside \
            JSON text is reported at the property, with where in the text it is. In a SAM \
            template only `Definition` is read (SAM writes the `DefinitionString` of its own \
            state machines). Step Functions refuses a malformed definition when the stack is \
            deployed. The schema is cfn-lint 1.51.0's.
            """,
        passing: [
            """
            Resources:
              Machine:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/machine
                  DefinitionSubstitutions:
                    Worker: !GetAtt Worker.Arn
                  Definition:
                    StartAt: Check
                    States:
                      Check:
                        Type: Choice
                        Choices:
                          - Variable: $.ready
                            BooleanEquals: true
                            Next: Work
                        Default: Wait
                      Wait:
                        Type: Wait
                        Seconds: 10
                        Next: Check
                      Work:
                        Type: Task
                        Resource: ${Worker}
                        Retry:
                          - ErrorEquals: [States.ALL]
                            MaxAttempts: 2
                        Next: Both
                      Both:
                        Type: Parallel
                        Branches:
                          - StartAt: Done
                            States:
                              Done:
                                Type: Succeed
                        End: true
              Text:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/machine
                  DefinitionString: '{"StartAt": "Go", "States": {"Go": {"Type": "Pass", "End": true}}}'
            """
        ],
        failing: [
            """
            Resources:
              Machine:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/machine
                  Definition:
                    StartAt: Begin # <-
                    States:
                      Work:
                        Type: Task
                        Resource: worker # <-
                        End: true
                      Rest: # <-
                        Type: Pass
                        Result: 1
                        Comments: none # <-
              Text:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/machine
                  DefinitionString: '{"StartAt": "Go", "States": {"Go": {"Type": "Sleep", "End": true}}}' # <-
            """
        ]
    )

    /// The compiled schema of each query language a machine can be written in.
    static let schemas: [String: SchemaNode] = {
        guard let root = SchemaNode.compile(json: StepFunctionsSchema.json) else { return [:] }
        var out: [String: SchemaNode] = [:]
        for language in ["JSONPath", "JSONata"] { out[language] = root.properties[language] }
        return out
    }()

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let machines = context.template.resources.filter { $0.type == "AWS::StepFunctions::StateMachine" }
        guard !machines.isEmpty, let values = context.shared.values(context) else { return }
        // SAM writes its own machines' DefinitionString; cfn-lint reads only Definition there.
        let keys = context.written.hasServerlessTransform ? ["Definition"] : ["Definition", "DefinitionString"]
        for machine in machines {
            guard let properties = machine.node["Properties"]?.mapValue else { continue }
            var placeholders: Set<String> = []
            if let given = properties["DefinitionSubstitutions"]?.mapValue { placeholders = Set(given.keys) }
            for key in keys {
                guard let entry = properties[entry: key] else { continue }
                let path = ["Resources", machine.logicalId, "Properties", key]
                if let text = entry.value.stringValue {
                    // JSON text that does not parse is not read, nor anything after it (as cfn-lint).
                    guard !text.isEmpty else { continue }
                    guard let json = JSONValue.parse(Array(text.utf8)) else { break }
                    var places = Places()
                    let document = places.node(json, at: entry.keyRange, path: "")
                    for problem in Self.problems(document, places, placeholders, values) {
                        let suffix = problem.path.isEmpty ? "" : " (at \(problem.path) in the text)"
                        findings.append(context.finding(Self.self, problem.message + suffix, at: entry.keyRange, path: path))
                    }
                } else if Self.isTruthy(entry.value) {
                    let document = Self.nullsLeftOut(entry.value)
                    var places = Places()
                    places.index(document, at: entry.keyRange)
                    for problem in Self.problems(document, places, placeholders, values) {
                        findings.append(context.finding(Self.self, problem.message, at: problem.range, path: path))
                    }
                }
            }
        }
    }

    /// Whether cfn-lint reads the value as a definition: not a function, and not empty, zero,
    /// false or null (what Python takes as false). A list or a number is read, and is no mapping.
    static func isTruthy(_ node: Node) -> Bool {
        switch node.value {
        case .map(let m): return !m.isEmpty
        case .list(let items): return !items.isEmpty
        case .bool(let b): return b
        case .number(let n): return n.doubleValue != 0
        case .string(let s): return !s.isEmpty
        case .null, .function: return false
        }
    }

    /// One problem with a definition: what, where, and (in JSON text) the path to it.
    struct Problem {
        var message: String
        var range: SourceRange
        var path: String
    }

    /// The problems of one definition, in the schema of its query language, then the `StartAt`s
    /// that name no state.
    static func problems(_ document: Node, _ places: Places, _ placeholders: Set<String>, _ values: ValueContext) -> [Problem] {
        // The top-level QueryLanguage decides the schema; a value that is neither language (or
        // is a function) leaves the definition unread, as in cfn-lint.
        let language: String
        switch document.mapValue?["QueryLanguage"] {
        case nil: language = "JSONPath"
        case .some(let node):
            guard let s = node.stringValue, s == "JSONPath" || s == "JSONata" else { return [] }
            language = s
        }
        guard let schema = schemas[language] else { return [] }
        var validator = Validator(context: values)
        validator.validate(document, schema, at: places.root)
        var out: [Problem] = []
        for v in validator.violations {
            switch v.keyword {
            // What a function's value, a YAML spelling or a Ref's kind does is other rules'.
            case .resolved, .functionType, .implicitConversion, .format, .refFormat, .getAttFormat, .duplicateItems: continue
            default: break
            }
            let place = places.at[v.range.start.offset]
            // As cfn-lint reads a definition, a null is of every type, and a number with a
            // fraction is an integer (it is cut to one).
            if v.keyword == .type, let node = place?.node {
                if case .null = node.value { continue }
                if case .number(let n) = node.value, v.message.hasSuffix("of type 'integer'"), n.doubleValue.isFinite { continue }
            }
            // A placeholder filled in from DefinitionSubstitutions is what it stands for.
            if let s = place?.node.stringValue, placeholders.contains(placeholderName(s)) { continue }
            out.append(Problem(message: reworded(v), range: v.range, path: place?.path ?? ""))
        }
        if let map = document.mapValue { missingStarts(map, at: [], places, into: &out) }
        return out
    }

    /// A choice rule's comparisons are some forty: named by what they are, not one by one.
    static func reworded(_ v: Violation) -> String {
        guard v.keyword == .requiredXor, v.message.contains("'BooleanEquals', 'BooleanEqualsPath'") else { return v.message }
        let what = "A choice rule needs exactly one comparison ('StringEquals', 'NumericGreaterThan', 'IsPresent', 'And', 'Not', ...)"
        guard let cut = v.message.firstRange(of: "must be given, and ") else { return what }
        return what + ", and " + v.message[cut.upperBound...]
    }

    /// The definition with each null written in a mapping or a list left out (`!Ref
    /// AWS::NoValue` in its place): in a definition written as a mapping, cfn-lint reads a key
    /// whose value is null as absent (a state's `End:` with nothing after it is no end).
    static func nullsLeftOut(_ node: Node) -> Node {
        switch node.value {
        case .null:
            return Node(.function(Intrinsic(.ref, Node(.string("AWS::NoValue"), range: node.range))), range: node.range)
        case .map(let m):
            return Node(
                .map(Map(m.entries.map { Map.Entry(key: $0.key, value: nullsLeftOut($0.value), keyRange: $0.keyRange) })),
                range: node.range
            )
        case .list(let items):
            return Node(.list(items.map(nullsLeftOut)), range: node.range)
        default:
            return node
        }
    }

    /// The text without its `${` and `}`, trimmed: the name a placeholder stands for.
    static func placeholderName(_ s: String) -> String {
        var out = ""
        var rest = Substring(s)
        while !rest.isEmpty {
            if rest.hasPrefix("${") {
                rest = rest.dropFirst(2)
            } else {
                if rest.first != "}" { out.append(rest.first!) }
                rest = rest.dropFirst()
            }
        }
        let blank: Set<Character> = [" ", "\t", "\n", "\r"]
        return String(out.drop(while: { blank.contains($0) }).reversed().drop(while: { blank.contains($0) }).reversed())
    }

    /// `StartAt`s naming no state of their machine: the top level's, each parallel branch's and
    /// each map processor's (`ItemProcessor`, or the older `Iterator`), at any depth.
    static func missingStarts(_ machine: Map, at path: [String], _ places: Places, into out: inout [Problem]) {
        guard let start = machine[entry: "StartAt"], let name = start.value.stringValue, let states = machine["States"]?.mapValue
        else { return }
        if states[name] == nil {
            let where_ = (path + ["StartAt"]).joined(separator: "/")
            out.append(Problem(message: "StartAt names '\(name)', which is not one of the states", range: start.keyRange, path: where_))
        }
        for state in states {
            guard let fields = state.value.mapValue else { continue }
            let here = path + ["States", state.key]
            switch fields["Type"]?.stringValue {
            case "Parallel":
                for (i, branch) in (fields["Branches"]?.listValue ?? []).enumerated() {
                    if let m = branch.mapValue { missingStarts(m, at: here + ["Branches", String(i)], places, into: &out) }
                }
            case "Map":
                for key in ["ItemProcessor", "Iterator"] {
                    if let m = fields[key]?.mapValue { missingStarts(m, at: here + [key], places, into: &out) }
                }
            default: break
            }
        }
    }
}

/// Where the validator's problems in a definition are: the value each reported place stands
/// for (a mapping entry is reported at its key, a list item at itself), and in JSON text the
/// path to it.
struct Places {
    var at: [Int: (node: Node, path: String)] = [:]
    /// Where the definition itself is reported.
    var root = SourceRange.unknown
    /// How many parts of JSON text were placed: each gets an offset of its own (counted down
    /// from the largest, past any file's), so that each problem can be told apart although all
    /// are reported at the property.
    private var next = 0

    /// A template node's parts, from the definition down (the branches of a `Fn::If` too).
    mutating func index(_ node: Node, at range: SourceRange) {
        if root == .unknown { root = range }
        at[range.start.offset] = (node, "")
        switch node.value {
        case .map(let m): for e in m.entries { index(e.value, at: e.keyRange) }
        case .list(let items): for item in items { index(item, at: item.range) }
        case .function(let f) where f.name == .if:
            for branch in (f.argument.listValue ?? []).dropFirst() { index(branch, at: branch.range) }
        default: break
        }
    }

    /// JSON text as a template node: every part placed at `property` (its line and column) with
    /// an offset of its own; `{"Ref": ...}` in the text is a mapping, as Step Functions reads it.
    mutating func node(_ json: JSONValue, at property: SourceRange, path: String) -> Node {
        let range = place(property)
        if root == .unknown { root = range }
        let built: Node
        switch json {
        case .string(let s): built = Node(.string(s), range: range)
        case .number(let d):
            let text = d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
            built = Node(.number(Number(text: text, kind: d == d.rounded() ? .integer : .float, canonical: text)), range: range)
        case .bool(let b): built = Node(.bool(b), range: range)
        case .null: built = Node(.null, range: range)
        case .array(let items):
            var nodes: [Node] = []
            for (i, item) in items.enumerated() { nodes.append(node(item, at: property, path: join(path, String(i)))) }
            built = Node(.list(nodes), range: range)
        case .object(let members):
            var entries: [Map.Entry] = []
            for (key, value) in members {
                let keyRange = place(property)
                let child = node(value, at: property, path: join(path, key))
                at[keyRange.start.offset] = (child, join(path, key))
                entries.append(Map.Entry(key: key, value: child, keyRange: keyRange))
            }
            built = Node(.map(Map(entries)), range: range)
        }
        if at[range.start.offset] == nil { at[range.start.offset] = (built, path) }
        return built
    }

    private mutating func place(_ property: SourceRange) -> SourceRange {
        next += 1
        let p = SourcePosition(line: property.start.line, column: property.start.column, offset: Int(UInt32.max) - next)
        return SourceRange(start: p, end: p)
    }

    private func join(_ path: String, _ part: String) -> String { path.isEmpty ? part : path + "/" + part }
}
