import CFNModel

/// A value a `Ref` can stand for before deployment, as the linter reads it: each of a
/// parameter's `AllowedValues` (or, without them, its `Default`, `MinValue` and `MaxValue`), or
/// the value a pseudo-parameter takes in the region the template is checked for.
struct ResolvedValue: Sendable {
    /// Text, or the items of a list parameter.
    enum Raw: Sendable {
        case scalar(String)
        case list([String])
    }

    var raw: Raw
    /// Where the parameter writes it (nil for a pseudo-parameter).
    var source: SourceRange?
    /// `Default`, `AllowedValues`, ... (for messages).
    var origin: String

    /// The value as a node placed at `range` (the items of a list have no place of their own:
    /// a problem with one is reported where the whole is).
    func node(at range: SourceRange) -> Node {
        switch raw {
        case .scalar(let s): return Node(.string(s), range: range)
        case .list(let items): return Node(.list(items.map { Node(.string($0)) }), range: range)
        }
    }

    /// What each parameter of `template` can be: SSM parameters are left out (their `Default`
    /// is a parameter name in SSM, not the value).
    static func parameters(_ template: Template) -> [String: [ResolvedValue]] {
        var out: [String: [ResolvedValue]] = [:]
        for e in template.root["Parameters"]?.mapValue ?? Map() {
            guard let type = e.value["Type"]?.stringValue, !type.hasPrefix("AWS::SSM::Parameter::") else { continue }
            let isList = type == "CommaDelimitedList" || type.hasPrefix("List<")
            func raw(_ node: Node) -> Raw? { ResolvedValue.raw(node, isList: isList) }
            var values: [ResolvedValue] = []
            if let allowed = e.value["AllowedValues"]?.listValue, !allowed.isEmpty {
                // The default is taken to be one of them.
                for item in allowed {
                    if let r = raw(item) { values.append(ResolvedValue(raw: r, source: item.range, origin: "AllowedValues")) }
                }
            } else {
                for key in ["Default", "MinValue", "MaxValue"] {
                    guard let entry = e.value.mapValue?[entry: key],
                        let r = key == "Default" ? raw(entry.value) : pythonText(entry.value).map(Raw.scalar)
                    else { continue }
                    values.append(ResolvedValue(raw: r, source: entry.keyRange, origin: key))
                }
            }
            if !values.isEmpty { out[e.key] = values }
        }
        return out
    }

    /// A parameter's value as CloudFormation takes it: text, or for a list parameter the items
    /// of a comma-separated text; nil for what is neither.
    static func raw(_ node: Node, isList: Bool) -> Raw? {
        if isList, let items = node.listValue {
            let texts = items.compactMap(pythonText)
            return texts.count == items.count ? .list(texts) : nil
        }
        guard let text = pythonText(node) else { return nil }
        guard isList else { return .scalar(text) }
        if case .string = node.value { return .list(text.split(separator: ",", omittingEmptySubsequences: false).map { trim($0) }) }
        return .list([trim(text[...])])
    }

    /// What each parameter can be when the template is deployed with each of `deployments`
    /// (a deployment or parameter file's values): a file's value for the parameter, else what
    /// the parameter can be without it (`usual`).
    static func deployed(
        _ deployments: [(file: String, values: [String: Node])],
        types: [String: String],
        usual: [String: [ResolvedValue]]
    ) -> [String: [ResolvedValue]] {
        var out: [String: [ResolvedValue]] = [:]
        for (name, type) in types where !type.hasPrefix("AWS::SSM::Parameter::") {
            let isList = type == "CommaDelimitedList" || type.hasPrefix("List<")
            var values: [ResolvedValue] = []
            for d in deployments {
                if let node = d.values[name], let r = raw(node, isList: isList) {
                    let shown: String
                    switch r {
                    case .scalar(let t): shown = "'\(t)'"
                    case .list(let items): shown = "[" + items.map { "'\($0)'" }.joined(separator: ", ") + "]"
                    }
                    values.append(ResolvedValue(raw: r, source: nil, origin: "value \(shown) from \(d.file)"))
                } else {
                    values += usual[name] ?? []
                }
            }
            if !values.isEmpty { out[name] = values }
        }
        return out
    }

    /// The values of the pseudo-parameters in `region` (the account and stack are examples).
    static func pseudo(_ name: String, region: String) -> ResolvedValue? {
        let partition =
            region.hasPrefix("cn-") ? "aws-cn" : region.hasPrefix("us-gov-") ? "aws-us-gov" : "aws"
        let raw: Raw
        switch name {
        case "AWS::AccountId": raw = .scalar("123456789012")
        case "AWS::StackName": raw = .scalar("teststack")
        case "AWS::Region": raw = .scalar(region)
        case "AWS::Partition": raw = .scalar(partition)
        case "AWS::URLSuffix": raw = .scalar(partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com")
        case "AWS::StackId":
            raw = .scalar("arn:\(partition):cloudformation:\(region):123456789012:stack/teststack/51af3dc0-da77-11e4-872e-1234567db123")
        case "AWS::NotificationARNs": raw = .list(["arn:\(partition):sns:\(region):123456789012:notification"])
        default: return nil
        }
        return ResolvedValue(raw: raw, source: nil, origin: "value in \(region)")
    }

    /// A parameter attribute as CloudFormation passes it: text (`true` is `True`, as cfn-lint
    /// spells a YAML boolean); nil for a list or a mapping.
    private static func pythonText(_ node: Node) -> String? {
        switch node.value {
        case .string(let s): return s
        case .number(let n): return n.text
        case .bool(let b): return b ? "True" : "False"
        case .null: return "None"
        default: return nil
        }
    }

    private static func trim(_ s: Substring) -> String {
        var t = s
        while let c = t.first, c == " " || c == "\t" || c == "\n" || c == "\r" { t.removeFirst() }
        while let c = t.last, c == " " || c == "\t" || c == "\n" || c == "\r" { t.removeLast() }
        return String(t)
    }
}

extension SchemaNode {
    /// Whether the schema asks anything of a value beyond its type (an enum, a pattern, a
    /// length, a range, a format, a combination, ...), here or in its items or properties: only
    /// then is a function's resolved value worth checking.
    func constrainsValues(depth: Int = 0) -> Bool {
        guard depth < 16 else { return false }
        if ref != nil || enumValues != nil || constValue != nil || pattern != nil || skippedPattern != nil
            || minLength != nil || maxLength != nil || minimum != nil || maximum != nil || exclusiveMinimum != nil
            || exclusiveMaximum != nil || multipleOf != nil || format != nil || !allOf.isEmpty || !anyOf.isEmpty
            || !oneOf.isEmpty || not != nil || ifSchema != nil
        {
            return true
        }
        if let items, items.constrainsValues(depth: depth + 1) { return true }
        if properties.values.contains(where: { $0.constrainsValues(depth: depth + 1) }) { return true }
        if patternProperties.contains(where: { $0.1.constrainsValues(depth: depth + 1) }) { return true }
        if case .schema(let s) = additional, s.constrainsValues(depth: depth + 1) { return true }
        return false
    }
}
