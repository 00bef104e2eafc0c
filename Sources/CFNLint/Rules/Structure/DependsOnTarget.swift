import CFNModel

/// E3005: every `DependsOn` names another resource of the template that exists whenever the
/// dependent resource does.
struct DependsOnTarget: Rule {
    static let info = RuleInfo(
        id: "E3005",
        title: "DependsOn target",
        description: """
            DependsOn must name other resources of the same template: a resource cannot wait for \
            itself, nor for a name that is not under Resources. When the target has a Condition \
            and the dependent resource is not created under that same condition (or one that \
            implies it: an Fn::And that includes it, a branch of its Fn::Or), the target may be \
            absent while the dependent resource is created, and the deployment fails.
            """,
        passing: [
            """
            Conditions:
              IsProd: !Equals [!Ref AWS::AccountId, "123456789012"]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: IsProd
              Queue:
                Type: AWS::SQS::Queue
                Condition: IsProd
                DependsOn: Topic
            """
        ],
        failing: [
            """
            Conditions:
              IsProd: !Equals [!Ref AWS::AccountId, "123456789012"]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: IsProd
              Queue:
                Type: AWS::SQS::Queue
                DependsOn:
                  - Topic # <-
                  - Missing # <-
                  - Queue # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        guard let resources = template.root["Resources"]?.mapValue else { return }
        let conditions = template.root["Conditions"]?.mapValue
        for r in resources {
            guard let d = r.value[entry: "DependsOn"] else { continue }
            let names: [Node] = d.value.stringValue != nil ? [d.value] : (d.value.listValue ?? [])
            let ownCondition = r.value["Condition"]?.stringValue
            for n in names {
                guard let name = n.stringValue else { continue }
                let at = d.value.stringValue != nil ? d.keyRange : n.range
                let path = ["Resources", r.key, "DependsOn"]
                if name == r.key {
                    findings.append(context.finding(Self.self, "'\(r.key)' cannot depend on itself", at: at, path: path))
                    continue
                }
                guard let target = resources[name] else {
                    if template.hasForEach { continue }
                    findings.append(
                        context.finding(
                            Self.self,
                            "DependsOn names '\(name)', which is not a resource of this template",
                            at: at,
                            path: path
                        )
                    )
                    continue
                }
                guard let targetCondition = target["Condition"]?.stringValue, conditions?[targetCondition] != nil else { continue }
                if let ownCondition, implies(ownCondition, targetCondition, conditions, depth: 0) { continue }
                let when = ownCondition.map { " while '\($0)' is true" } ?? ""
                findings.append(
                    context.finding(
                        Self.self,
                        "'\(name)' is not created when condition '\(targetCondition)' is false\(when), but '\(r.key)' waits for it",
                        at: at,
                        path: path
                    )
                )
            }
        }
    }

    /// Whether condition `a` being true makes `b` true, as far as names and Fn::And tell.
    private func implies(_ a: String, _ b: String, _ conditions: Map?, depth: Int) -> Bool {
        if a == b { return true }
        guard depth < 20, let expr = conditions?[a], let bExpr = conditions?[b] else { return false }
        if expr.isSemanticallyEqual(to: bExpr) { return true }
        // b is an Fn::Or with a branch that a implies.
        if let g = bExpr.functionValue, g.name == .or, let items = g.argument.listValue {
            for item in items {
                if let h = item.functionValue, h.name == .condition, let c = h.argument.stringValue,
                    implies(a, c, conditions, depth: depth + 1)
                {
                    return true
                }
                if item.isSemanticallyEqual(to: expr) { return true }
            }
        }
        guard let f = expr.functionValue else { return false }
        if f.name == .condition, let c = f.argument.stringValue { return implies(c, b, conditions, depth: depth + 1) }
        if f.name == .and, let items = f.argument.listValue {
            for item in items {
                if let g = item.functionValue, g.name == .condition, let c = g.argument.stringValue,
                    implies(c, b, conditions, depth: depth + 1)
                {
                    return true
                }
                if item.isSemanticallyEqual(to: bExpr) { return true }
            }
        }
        return false
    }
}
