import CFNModel
import CFNSAM
import CFNSchema

extension LanguageServer {
    func hover(_ params: JSONValue) throws -> JSONValue {
        let (uri, doc, offset) = try target(params)
        guard let a = doc.analysis, let (text, range) = hoverText(a, offset, uri) else { return .null }
        var members: [(String, JSONValue)] = [("contents", .object([("kind", .string("markdown")), ("value", .string(text))]))]
        if let range { members.append(("range", lspRange(range, in: doc.text))) }
        return .object(members)
    }

    private func hoverText(_ a: Analysis, _ offset: Int, _ uri: String) -> (String, Range<Int>?)? {
        if let o = a.occurrence(at: offset) {
            return (describe(o, a), o.range)
        }
        let steps = a.path(at: offset)
        guard let last = steps.last else { return nil }
        if last.onKey, let key = last.key, let f = Signatures.all[key] {
            return (f, nil)
        }
        if steps.count >= 3, steps[0].key == "Resources", let logicalId = steps[1].key, let resource = a.template.resource(logicalId),
            let type = resource.type
        {
            if steps.count == 3, steps[2].key == "Type", !steps[2].onKey {
                var text = describeType(type)
                if type.hasPrefix("AWS::Serverless::"), let e = expansion(of: logicalId, uri) {
                    text +=
                        "\n\nDeploys \(e.resources.count) resources: \(e.summary)\n\n"
                        + e.resources.map { "- `\($0)`" }.joined(separator: "\n")
                }
                return (text, range(of: steps[2].node))
            }
            if steps.count >= 4, steps[2].key == "Properties", last.onKey {
                let path = steps.dropFirst(3).compactMap(\.key)
                return describeProperty(type, Array(path)).map { ($0, nil) }
            }
        }
        return nil
    }

    /// What the SAM transform makes of a SAM resource (nil when the template does not
    /// transform): the transform runs once per parse of the document, not once per hover.
    private func expansion(of logicalId: String, _ uri: String) -> Expansion? {
        guard var doc = documents[uri], let a = doc.analysis else { return nil }
        if doc.expansions == nil {
            doc.expansions = (try? SAMTransform().apply(to: a.template))?.expansions(of: a.template) ?? []
            documents[uri] = doc
        }
        return doc.expansions?.first { $0.logicalId == logicalId }
    }

    private func range(of node: Node) -> Range<Int>? {
        node.range.isKnown ? node.range.start.offset..<node.range.end.offset : nil
    }

    /// What a name refers to, in markdown.
    func describe(_ o: NameOccurrence, _ a: Analysis) -> String {
        if DependencyGraph.pseudoParameters.contains(o.name) {
            return "**\(o.name)**: pseudo parameter\n\n" + (Signatures.pseudo[o.name] ?? "")
        }
        let t = a.template
        switch o.kind {
        case .resource:
            guard let r = t.resource(o.name) else { return "**\(o.name)**: no resource or parameter of this name" }
            var s = "**\(o.name)**: resource `\(r.type ?? "?")`"
            if let c = r.condition { s += ", only when condition `\(c)` holds" }
            if let type = r.type, let schema = schemas?.schema(for: type), !schema.attributes.isEmpty {
                s += "\n\nFn::GetAtt attributes: " + schema.attributes.map { "`\($0.name)`" }.joined(separator: ", ")
            }
            return s
        case .parameter:
            guard let p = t.parameters.first(where: { $0.name == o.name }) else { return "**\(o.name)**: no parameter of this name" }
            var s = "**\(o.name)**: parameter of type `\(p.type ?? "?")`"
            if let d = p.defaultValue?.scalarText { s += ", default `\(d)`" }
            if let v = p.allowedValues {
                s += "\n\nallowed values: " + v.compactMap(\.scalarText).map { "`\($0)`" }.joined(separator: ", ")
            }
            if let d = p.description { s += "\n\n" + d }
            return s
        case .condition:
            guard let c = t.conditions.first(where: { $0.name == o.name }) else { return "**\(o.name)**: no condition of this name" }
            let text = String(decoding: Formatter.json(c.expression, indent: 0), as: UTF8.self).replacingNewlines
            return "**\(o.name)**: condition\n\n```json\n\(text)\n```"
        case .mapping:
            guard let m = t.mappings.first(where: { $0.name == o.name }) else { return "**\(o.name)**: no mapping of this name" }
            return "**\(o.name)**: mapping of \(m.topLevelKeys.count) keys: "
                + m.topLevelKeys.prefix(20).map { "`\($0)`" }.joined(separator: ", ")
        case .output:
            return "**\(o.name)**: output"
        }
    }

    /// A resource type: where to read about it, what it requires, what Fn::GetAtt reads.
    func describeType(_ type: String) -> String {
        var s = "**\(type)**"
        guard let schema = schemas?.schema(for: type) else {
            if type.hasPrefix("AWS::Serverless::") { return s + "\n\nA SAM resource: the AWS::Serverless-2016-10-31 transform expands it." }
            return s + "\n\nNot a resource type the bundled schemas know."
        }
        if let l = schema.lifecycle { s += "\n\n\(l.status) from \(l.date)" }
        let required = (schema.properties(under: []) ?? []).filter(\.isRequired).map { "`\($0.name)`" }
        s += "\n\nrequired properties: " + (required.isEmpty ? "none" : required.joined(separator: ", "))
        if !schema.attributes.isEmpty {
            s += "\n\nFn::GetAtt attributes: " + schema.attributes.map { "`\($0.name)`" }.joined(separator: ", ")
        }
        if let url = LanguageServer.documentationURL(type) { s += "\n\n[AWS documentation](\(url))" }
        return s
    }

    /// The AWS documentation page of a resource type, whose address follows a fixed pattern.
    static func documentationURL(_ type: String) -> String? {
        let parts = type.split(separator: ":", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[0] == "AWS" else { return nil }
        return
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-\(parts[1].lowercased())-\(parts[2].lowercased()).html"
    }

    /// A property: its type, flags (required, create-only: changing it replaces the resource), limits.
    func describeProperty(_ type: String, _ path: [String]) -> String? {
        guard let schema = schemas?.schema(for: type), let p = schema.describe(path) else { return nil }
        var s = "**\(path.joined(separator: "."))** of `\(type)`: \(p.typeDescription)"
        if !p.flags.isEmpty { s += " (\(p.flags.joined(separator: ", ")))" }
        if p.isCreateOnly {
            s += "\n\nChanging it replaces the resource."
        } else if p.isConditionalCreateOnly {
            s += "\n\nChanging it may replace the resource."
        }
        let constraints = p.schema.constraints(full: true)
        if !constraints.isEmpty { s += "\n\n" + constraints.map { "- " + $0 }.joined(separator: "\n") }
        return s
    }
}

extension String {
    fileprivate var replacingNewlines: String { split(separator: "\n").joined(separator: " ") }
}

/// The intrinsic functions' signatures and the pseudo parameters, in our words.
enum Signatures {
    static let all: [String: String] = [
        "Ref": "`Ref: LogicalName`: a parameter's value, or a resource's primary identifier (its physical id).",
        "Fn::GetAtt": "`Fn::GetAtt: [LogicalId, Attribute]` (or `!GetAtt LogicalId.Attribute`): an attribute of a resource.",
        "Fn::Sub":
            "`Fn::Sub: String` or `Fn::Sub: [String, {Name: Value}]`: the string with `${Name}` and `${LogicalId.Attribute}` replaced; `${!Literal}` stays `${Literal}`.",
        "Fn::Join": "`Fn::Join: [Delimiter, [Value, ...]]`: the values joined by the delimiter.",
        "Fn::Select": "`Fn::Select: [Index, List]`: the item at a 0-based index.",
        "Fn::Split": "`Fn::Split: [Delimiter, String]`: the list of the string's parts.",
        "Fn::If":
            "`Fn::If: [ConditionName, ValueIfTrue, ValueIfFalse]`: one of two values by a condition (`AWS::NoValue` removes the property).",
        "Fn::Equals": "`Fn::Equals: [Value, Value]`: whether two values are equal (in Conditions).",
        "Fn::And": "`Fn::And: [Condition, ...]`: true when all 2 to 10 conditions are.",
        "Fn::Or": "`Fn::Or: [Condition, ...]`: true when any of 2 to 10 conditions is.",
        "Fn::Not": "`Fn::Not: [Condition]`: the negation of one condition.",
        "Fn::FindInMap": "`Fn::FindInMap: [MapName, TopLevelKey, SecondLevelKey]`: a value from the Mappings section.",
        "Fn::GetAZs": "`Fn::GetAZs: Region`: the availability zones of a region (`\"\"` for the stack's).",
        "Fn::ImportValue": "`Fn::ImportValue: ExportName`: the value another stack exports.",
        "Fn::Base64": "`Fn::Base64: String`: the string in Base64 (for EC2 UserData).",
        "Fn::Cidr": "`Fn::Cidr: [IpBlock, Count, CidrBits]`: a list of CIDR address blocks.",
        "Fn::Length": "`Fn::Length: List`: the number of items (needs the AWS::LanguageExtensions transform).",
        "Fn::ToJsonString": "`Fn::ToJsonString: Object or List`: the value as JSON text (needs AWS::LanguageExtensions).",
        "Fn::ForEach": "`Fn::ForEach::Name: [Identifier, Collection, {OutputKey: Value}]`: a loop (needs AWS::LanguageExtensions).",
        "Fn::Transform": "`Fn::Transform: {Name: Macro, Parameters: {...}}`: a macro's output in place.",
        "Condition": "`Condition: ConditionName`: a condition inside another condition.",
    ]

    static let pseudo: [String: String] = [
        "AWS::AccountId": "The AWS account id of the stack.",
        "AWS::NotificationARNs": "The notification topic ARNs of the stack.",
        "AWS::NoValue": "Removes the property it is the value of (in `Fn::If`).",
        "AWS::Partition": "The partition: `aws`, `aws-cn`, `aws-us-gov`.",
        "AWS::Region": "The region the stack is in.",
        "AWS::StackId": "The stack's id (an ARN).",
        "AWS::StackName": "The stack's name.",
        "AWS::URLSuffix": "The domain suffix: `amazonaws.com`, or `amazonaws.com.cn` in China.",
    ]
}
