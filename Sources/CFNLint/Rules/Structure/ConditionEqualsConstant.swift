import CFNModel

/// W8003: an `Fn::Equals` whose answer is known before the stack is deployed.
struct ConditionEqualsConstant: Rule {
    static let info = RuleInfo(
        id: "W8003",
        title: "Fn::Equals with a fixed answer",
        description: """
            An `Fn::Equals` that compares two literal values (strings, numbers, booleans), or a \
            value with an identical copy of itself, gives the same answer on every deployment, \
            so the condition built on it decides nothing; it is usually a placeholder left in or \
            a `Ref` that was meant. Checked in `Conditions` and in the `RuleCondition` and \
            `Assert` of `Rules`, through `Fn::And`, `Fn::Or` and `Fn::Not`. An `Fn::Equals` that \
            is malformed (E8003) is not looked at.
            """,
        passing: [
            """
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              NotProd: !Not [!Equals [!Ref Env, prod]]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Condition: IsProd
            """
        ],
        failing: [
            """
            Parameters:
              Env:
                Type: String
            Conditions:
              Always: !Equals [prod, prod] # <-
              Same: !Equals [!Ref Env, !Ref Env] # <-
              Nested: !Not [!Equals [a, b]] # <-
              Listed:
                Fn::And:
                  - !Equals [!Ref Env, prod]
                  - Fn::Equals: ["1", 1] # <-
            Rules:
              Check:
                RuleCondition: !Equals [x, x] # <-
                Assertions:
                  - Assert: !Equals [y, z] # <-
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """,
            """
            Conditions:
              Never: # <-
                Fn::Equals: [true, false]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """,
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        // The names a `Ref` in Fn::Equals may give: a string, not a list (E1020 reports those).
        var names = FunctionWalker.refTargets(template)
        names.remove("AWS::NotificationARNs")
        for p in template.parameters where Self.isList(p.type) { names.remove(p.name) }
        for c in template.root["Conditions"]?.mapValue ?? Map() {
            visit(c.value, at: c.keyRange, path: ["Conditions", c.key], names, context, &findings)
        }
        for rule in template.root["Rules"]?.mapValue ?? Map() {
            let path = ["Rules", rule.key]
            if let c = rule.value[entry: "RuleCondition"] {
                visit(c.value, at: c.keyRange, path: path + ["RuleCondition"], names, context, &findings)
            }
            for (i, assertion) in (rule.value["Assertions"]?.listValue ?? []).enumerated() {
                if let a = assertion[entry: "Assert"] {
                    visit(a.value, at: a.keyRange, path: path + ["Assertions", String(i), "Assert"], names, context, &findings)
                }
            }
        }
    }

    /// Looks at a condition function written at `at` (the key it is the value of, or the
    /// node itself in a list: where cfn-lint places the finding), and at those it combines.
    private func visit(
        _ node: Node,
        at: SourceRange,
        path: [String],
        _ names: Set<String>,
        _ context: LintContext,
        _ findings: inout [Finding]
    ) {
        guard let f = node.functionValue else { return }
        switch f.name {
        case .and, .or, .not:
            for (i, item) in (f.argument.listValue ?? []).enumerated() {
                visit(item, at: item.range, path: path + [f.name.rawValue, String(i)], names, context, &findings)
            }
        case .equals:
            guard let items = f.argument.listValue, items.count == 2, items.allSatisfy({ comparable($0, names) }) else { return }
            let sides = items.map { ConditionEqualsConstant.json($0) }
            let message: String
            if let a = items[0].scalarText, let b = items[1].scalarText {
                message = "Fn::Equals compares two fixed values ('\(a)' and '\(b)'): it is always \(a == b)"
            } else if sides[0] == sides[1] {
                message = "Fn::Equals compares a value with itself (\(sides[0])): it is always true"
            } else {
                return
            }
            findings.append(context.finding(Self.self, message, at: at, path: path))
        default:
            return
        }
    }

    /// Whether a parameter of this type is a list.
    static func isList(_ type: String?) -> Bool {
        guard let type else { return false }
        return type == "CommaDelimitedList" || type.hasPrefix("List<") || type.hasPrefix("AWS::SSM::Parameter::Value<List<")
            || type == "AWS::SSM::Parameter::Value<CommaDelimitedList>"
    }

    /// The value as compact JSON, for comparing and quoting.
    private static func json(_ node: Node) -> String {
        var bytes = Formatter.json(node, indent: 0)
        while let last = bytes.last, last == 0x20 || last == 0x0A { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `Fn::Equals` may compare the value (E8003 reports the others, and cfn-lint then
    /// says nothing more of that `Fn::Equals`): a scalar, or a function giving a string whose
    /// `Ref` names something that exists and is no list.
    private func comparable(_ node: Node, _ names: Set<String>) -> Bool {
        guard let f = node.functionValue else { return CloudFormationType.string.accepts(node) }
        guard ConditionFunctionSite.comparable.contains(f.name) else { return false }
        if f.name == .ref { return f.argument.stringValue.map(names.contains) ?? false }
        return true
    }
}
