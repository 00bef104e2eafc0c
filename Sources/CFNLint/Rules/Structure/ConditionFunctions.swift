import CFNModel

/// The condition functions (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`) written under
/// `Conditions`, each with the place a finding about its whole argument belongs: the key that
/// holds the function (the condition's name for a short form, the `Fn::` key for a long one),
/// or the list item it is.
struct ConditionFunctionSite {
    /// The function.
    var function: Intrinsic
    /// Where a finding about the function as a whole goes.
    var site: SourceRange
    /// The path to the function.
    var path: [String]

    /// The functions that combine conditions.
    static let logical: Set<FunctionName> = [.and, .or, .not]
    /// The functions a condition may be written with.
    static let conditionFunctions: Set<FunctionName> = [.condition, .equals, .and, .or, .not]

    /// Every condition function under `Conditions`, outermost first.
    static func all(in template: Template) -> [ConditionFunctionSite] {
        guard let conditions = template.root["Conditions"]?.mapValue else { return [] }
        var out: [ConditionFunctionSite] = []
        for c in conditions {
            visit(c.value, keyRange: c.keyRange, path: ["Conditions", c.key], into: &out)
        }
        return out
    }

    private static func visit(_ node: Node, keyRange: SourceRange?, path: [String], into out: inout [ConditionFunctionSite]) {
        guard let f = node.functionValue, f.name == .equals || logical.contains(f.name) else { return }
        let site: SourceRange
        if f.form == .long && f.keyRange.isKnown {
            site = f.keyRange
        } else {
            site = keyRange ?? node.range
        }
        out.append(ConditionFunctionSite(function: f, site: site, path: path + [f.name.rawValue]))
        guard logical.contains(f.name), let items = f.argument.listValue else { return }
        for (i, item) in items.enumerated() {
            visit(item, keyRange: nil, path: path + [f.name.rawValue, String(i)], into: &out)
        }
    }

    /// Whether `node` can stand for a condition's truth: a boolean, or a condition function.
    static func isBoolean(_ node: Node) -> Bool {
        if let f = node.functionValue { return conditionFunctions.contains(f.name) }
        return CloudFormationType.boolean.accepts(node)
    }

    /// Checks a logical function's argument: a list of `min...max` conditions.
    static func checkLogical<R: Rule>(
        _ rule: R.Type,
        _ name: FunctionName,
        min: Int,
        max: Int,
        _ context: LintContext,
        into findings: inout [Finding]
    ) {
        for s in all(in: context.template) where s.function.name == name {
            let arg = s.function.argument
            guard let items = arg.listValue else {
                findings.append(
                    context.finding(rule, "\(name) takes a list of conditions, not \(arg.kindDescription)", at: s.site, path: s.path)
                )
                continue
            }
            if items.count < min || items.count > max {
                let wanted = min == max ? "exactly \(min) condition" : "\(min) to \(max) conditions"
                findings.append(
                    context.finding(
                        rule,
                        "\(name) takes \(wanted), not \(items.count)",
                        at: s.site,
                        path: s.path
                    )
                )
            }
            let names = context.template.root["Conditions"]?.mapValue
            for (i, item) in items.enumerated() {
                if let f = item.functionValue, f.name == .condition, let target = f.argument.stringValue, names?[target] == nil {
                    findings.append(
                        context.finding(
                            rule,
                            "\(name) refers to condition '\(target)', which does not exist",
                            at: item.range,
                            path: s.path + [String(i)]
                        )
                    )
                    continue
                }
                guard !isBoolean(item) else { continue }
                findings.append(
                    context.finding(
                        rule,
                        "\(name) takes conditions (Condition, Fn::Equals, Fn::And, Fn::Or, Fn::Not), not \(item.kindDescription)",
                        at: item.range,
                        path: s.path + [String(i)]
                    )
                )
            }
        }
    }
}
