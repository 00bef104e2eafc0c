import CFNModel

/// The condition functions (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`) written under
/// `Conditions`, each with the place a finding about its whole argument belongs: the key that
/// holds the function (the condition's name for a short form, the `Fn::` key for a long one),
/// or the list item it is.
///
/// A problem anywhere inside a condition is reported under the rule of the condition's
/// outermost function (an `Fn::Equals` error inside an `Fn::Or` is E8006's), as cfn-lint does.
struct ConditionFunctionSite {
    /// The function.
    var function: Intrinsic
    /// Where a finding about the function as a whole goes.
    var site: SourceRange
    /// The path to the function.
    var path: [String]
    /// The outermost function of the condition this one is in.
    var root: FunctionName

    /// The functions that combine conditions.
    static let logical: Set<FunctionName> = [.and, .or, .not]
    /// The functions a condition may be written with.
    static let conditionFunctions: Set<FunctionName> = [.condition, .equals, .and, .or, .not]

    /// Every condition function under `Conditions`, outermost first.
    static func all(in template: Template) -> [ConditionFunctionSite] {
        guard let conditions = template.root["Conditions"]?.mapValue else { return [] }
        var out: [ConditionFunctionSite] = []
        for c in conditions {
            guard let root = c.value.functionValue?.name else { continue }
            visit(c.value, keyRange: c.keyRange, path: ["Conditions", c.key], root: root, into: &out)
        }
        return out
    }

    private static func visit(
        _ node: Node,
        keyRange: SourceRange?,
        path: [String],
        root: FunctionName,
        into out: inout [ConditionFunctionSite]
    ) {
        guard let f = node.functionValue, f.name == .equals || logical.contains(f.name) else { return }
        let site: SourceRange
        if f.form == .long && f.keyRange.isKnown {
            site = f.keyRange
        } else {
            site = keyRange ?? node.range
        }
        out.append(ConditionFunctionSite(function: f, site: site, path: path + [f.name.rawValue], root: root))
        guard logical.contains(f.name), let items = f.argument.listValue else { return }
        for (i, item) in items.enumerated() {
            visit(item, keyRange: nil, path: path + [f.name.rawValue, String(i)], root: root, into: &out)
        }
    }

    /// Whether `node` can stand for a condition's truth: a boolean, or a condition function.
    static func isBoolean(_ node: Node) -> Bool {
        if let f = node.functionValue { return conditionFunctions.contains(f.name) }
        return CloudFormationType.boolean.accepts(node)
    }

    /// Functions whose value `Fn::Equals` can compare.
    static let comparable: Set<FunctionName> = [.ref, .findInMap, .sub, .join, .select, .split, .length, .toJsonString]

    /// Reports, as `rule`, the problems of every condition whose outermost function is `root`.
    static func check<R: Rule>(_ rule: R.Type, root: FunctionName, _ context: LintContext, into findings: inout [Finding]) {
        let names = context.template.root["Conditions"]?.mapValue
        for s in all(in: context.template) where s.root == root {
            switch s.function.name {
            case .equals: s.checkEquals(rule, context, &findings)
            case .and, .or: s.checkLogical(rule, min: 2, max: 10, names, context, &findings)
            case .not: s.checkLogical(rule, min: 1, max: 1, names, context, &findings)
            default: break
            }
        }
    }

    private func checkEquals<R: Rule>(_ rule: R.Type, _ context: LintContext, _ findings: inout [Finding]) {
        let arg = function.argument
        guard let items = arg.listValue else {
            findings.append(
                context.finding(rule, "Fn::Equals takes a list of two values, not \(arg.kindDescription)", at: site, path: path)
            )
            return
        }
        if items.count != 2 {
            findings.append(context.finding(rule, "Fn::Equals takes exactly two values, not \(items.count)", at: site, path: path))
        }
        for (i, item) in items.enumerated() {
            let ok = item.functionValue.map { Self.comparable.contains($0.name) } ?? CloudFormationType.string.accepts(item)
            if !ok {
                findings.append(
                    context.finding(
                        rule,
                        "Fn::Equals compares strings, numbers or booleans, not \(item.kindDescription)",
                        at: item.range,
                        path: path + [String(i)]
                    )
                )
            }
        }
    }

    private func checkLogical<R: Rule>(
        _ rule: R.Type,
        min: Int,
        max: Int,
        _ names: Map?,
        _ context: LintContext,
        _ findings: inout [Finding]
    ) {
        let name = function.name
        let arg = function.argument
        guard let items = arg.listValue else {
            findings.append(
                context.finding(rule, "\(name) takes a list of conditions, not \(arg.kindDescription)", at: site, path: path)
            )
            return
        }
        if items.count < min || items.count > max {
            let wanted = min == max ? "exactly \(min) condition" : "\(min) to \(max) conditions"
            findings.append(context.finding(rule, "\(name) takes \(wanted), not \(items.count)", at: site, path: path))
        }
        for (i, item) in items.enumerated() {
            if let f = item.functionValue, f.name == .condition, let target = f.argument.stringValue, names?[target] == nil {
                findings.append(
                    context.finding(
                        rule,
                        "\(name) refers to condition '\(target)', which does not exist",
                        at: item.range,
                        path: path + [String(i)]
                    )
                )
                continue
            }
            guard !Self.isBoolean(item) else { continue }
            findings.append(
                context.finding(
                    rule,
                    "\(name) takes conditions (Condition, Fn::Equals, Fn::And, Fn::Or, Fn::Not), not \(item.kindDescription)",
                    at: item.range,
                    path: path + [String(i)]
                )
            )
        }
    }
}
