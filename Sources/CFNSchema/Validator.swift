import CFNModel

/// One way a value breaks its schema.
public struct Violation: Sendable {
    /// The schema keyword that failed.
    public enum Keyword: String, Sendable, Hashable, CaseIterable {
        case additionalProperties, required, type, enumeration, pattern, length, itemCount, range
        case uniqueItems, requiredXor, requiredOr, anyOf, oneOf, not, dependentRequired, dependentExcluded
        case format, functionType
        /// A number that is not a multiple of the schema's `multipleOf`.
        case multipleOf
        /// A repeated item in a list whose schema says repeats are allowed (`uniqueItems: false`).
        case duplicateItems
        /// A value a function can take before deployment (a parameter's default or allowed
        /// values behind a `Ref`) breaks the schema; `function` names the function.
        case resolved
        /// A plain YAML 1.1 boolean or octal (`yes`, `0755`) where text is expected.
        case implicitConversion
        /// A `Ref` to a resource gives an identifier of another format than the one expected
        /// (a security group's name where its id is wanted).
        case refFormat
        /// A `Fn::GetAtt` gives an attribute of another format than the one expected.
        case getAttFormat
    }

    public var keyword: Keyword
    /// A sentence about the value.
    public var message: String
    /// Where: the key of a mapping entry, or the item of a list.
    public var range: SourceRange
    /// The `format` that failed (`AWS::EC2::Image.Id`), for `.format`.
    public var format: String?
    /// The function whose result does not fit, for `.functionType`.
    public var function: FunctionName?
    /// The pattern that failed, for `.pattern` (a schema with several patterns files them
    /// under different rules: the IAM policy schemas).
    public var pattern: String?
    /// How many mapping keys and list items below the validated value the problem is (0: the
    /// value itself): a problem higher up says more, as cfn-lint's best match picks.
    public var depth = 0
    /// What would make the value valid, where the validator knows one: data for a fix.
    public var remedy: Remedy? = nil

    /// A change that makes a violation go away.
    public enum Remedy: Sendable {
        /// Quote the plain scalar, keeping its text (`yes` stays the text `yes`).
        case quote(Node)
        /// Write this string in place of the scalar (an enum value in its listed case).
        case replace(Node, String)
        /// Rename the entry's key (a misspelt property to the one close name).
        case rename(Map.Entry, String)
    }
}

/// What the validator needs to know about the template to judge intrinsic functions by what
/// they can return: parameter and resource types.
public struct ValueContext: Sendable {
    public var parameterTypes: [String: String]
    public var resourceTypes: [String: String]
    /// The template's condition names: a `Fn::If` on another name is broken, not judged here.
    public var conditions: Set<String>
    /// The security groups given a `VpcId`: a `Ref` to one gives its id, to another its name.
    public var groupsInVpc: Set<String>
    public var store: SchemaStore
    public var region: String
    /// What each parameter can be (its allowed values, or its default and bounds).
    let parameterValues: [String: [ResolvedValue]]
    /// The template's Mappings section.
    let mappings: Map
    /// The template's Resources section (for `cfnGather`, which reads other resources).
    let resources: Map
    /// The conditions as formulas: which combinations of them can hold together.
    let scenarios: ConditionScenarios
    /// Whether the template declares `AWS::LanguageExtensions` (without it, `Fn::ToJsonString`
    /// is not resolved).
    let hasLanguageExtensions: Bool

    /// The context of `template`; `deployments` are the parameter values of the deployments it
    /// is checked for (a file's name and its values), which a `Ref` to a parameter then takes
    /// (and, `keepingTemplateValues`, the values the template gives it too).
    public init(
        template: Template,
        store: SchemaStore,
        region: String,
        deployments: [(file: String, values: [String: Node])] = [],
        keepingTemplateValues: Bool = false
    ) {
        var parameters: [String: String] = [:]
        for e in template.root["Parameters"]?.mapValue ?? Map() {
            parameters[e.key] = e.value["Type"]?.stringValue ?? "String"
        }
        var resources: [String: String] = [:]
        var groupsInVpc: Set<String> = []
        for e in template.root["Resources"]?.mapValue ?? Map() {
            if let t = e.value["Type"]?.stringValue { resources[e.key] = t }
            if let vpc = e.value["Properties"]?["VpcId"], !vpc.isNoValue { groupsInVpc.insert(e.key) }
        }
        self.groupsInVpc = groupsInVpc
        self.conditions = Set((template.root["Conditions"]?.mapValue ?? Map()).entries.map(\.key))
        self.parameterTypes = parameters
        self.resourceTypes = resources
        self.store = store
        self.region = region
        self.scenarios = ConditionScenarios(template: template)
        let usual = ResolvedValue.parameters(template)
        if deployments.isEmpty {
            self.parameterValues = usual
        } else {
            var values = ResolvedValue.deployed(deployments, types: parameters, usual: usual)
            if keepingTemplateValues { values.merge(usual) { deployed, own in deployed + own } }
            self.parameterValues = values
        }
        self.mappings = template.root["Mappings"]?.mapValue ?? Map()
        let transform = template.root["Transform"]
        self.hasLanguageExtensions =
            transform?.stringValue == "AWS::LanguageExtensions"
            || transform?.listValue?.contains { $0.stringValue == "AWS::LanguageExtensions" } == true
        self.resources = template.root["Resources"]?.mapValue ?? Map()
    }
}

/// What a schema says of a value when nothing is reported: it holds, it fails, or it cannot be
/// told because a value it depends on is a function (known only when the stack is deployed).
enum Outcome {
    case valid, invalid, unknown
}

/// Validates template values against compiled resource schemas, the way CloudFormation reads
/// them: scalars are lenient (`"5"` is an integer, `5` a string), an intrinsic function is judged
/// by what it can return, `Fn::If` by each branch, `!Ref AWS::NoValue` is an absent property.
///
/// A value the template cannot tell before deployment (any function but `Fn::If`: `!Ref` to a
/// parameter, `!GetAtt`, `!Sub`, `!Join`, `!FindInMap`, ...) is unknown where a schema asks a
/// question of it: in the `if` of if/then/else, in `not`, and in the branches of `anyOf`,
/// `oneOf` and `allOf`. An unknown question gives no finding, and makes the question around it
/// unknown in turn (an `anyOf` whose other branches fail, a `not` around it). A mapping whose
/// entries hold `Fn::If`s answers an `if` once per combination of its conditions that can
/// hold together, each branch standing in for its `Fn::If`. cfn-lint 1.51.0 reasons the same way.
public struct Validator {
    public let context: ValueContext
    /// Violations found so far.
    public private(set) var violations: [Violation] = []
    /// How far below the validated value the check is (mapping keys and list items).
    private var depth = 0
    private var silent = false
    private var failed = false
    /// A function met a schema that asks about its value, with `functionsAreUnknown` on.
    private var unknown = false
    /// Inside a `Fn::If` branch: where the `Fn::If` itself is reported (cfn-lint reports a
    /// branch list's duplicate items there, not at the branch).
    private var ifAnchor: SourceRange?
    /// The nearest key written above the value being checked (a mapping key, a long-form
    /// function's key): where a problem with a short-form function's resolved value is placed,
    /// as cfn-lint keeps no position for a YAML tag.
    private var anchor = SourceRange.unknown
    /// The `Fn::If`s the value being checked sits in: each condition with the branch taken.
    var branches: [(condition: String, holds: Bool)] = []

    /// Whether a `required` list with several missing names gives one violation (the constraint
    /// schemas' "FromPort and ToPort are required") rather than one per name.
    public var groupsRequired = false

    /// Whether every function (but `Fn::If`) stands for a value not known before deployment,
    /// everywhere, not just in conditions: what it meets gives no finding. The constraint
    /// schemas are read this way; the resource schemas judge a function by its result type.
    public var functionsAreUnknown = false

    /// Whether a property given by a `Fn::If` with an `AWS::NoValue` branch counts as missing
    /// for `required`, `requiredXor` and `requiredOr` (it is, when the condition goes that way),
    /// as cfn-lint reads the IAM policy schemas. Off for the resource schemas.
    public var noValueBranchMayBeMissing = false
    /// Whether a mapping's properties are checked in the schema's order rather than the
    /// template's, so that the first of several problems at one level is the one cfn-lint
    /// names first (for the constraints it reports once per place).
    public var schemaOrder = false

    public init(context: ValueContext, groupsRequired: Bool = false, functionsAreUnknown: Bool = false) {
        self.context = context
        self.groupsRequired = groupsRequired
        self.functionsAreUnknown = functionsAreUnknown
    }

    /// Functions CloudFormation has that the template model does not treat as its own.
    static let otherFunctions: Set<String> = ["Fn::GetStackOutput"]

    /// Checks `node` against `schema`; violations about the node itself are reported at `at`.
    public mutating func validate(_ node: Node, _ schema: SchemaNode, at: SourceRange) {
        check(node, schema, at: at, hops: 0)
    }

    // MARK: - Dispatch

    private mutating func report(
        _ keyword: Violation.Keyword,
        _ message: String,
        at: SourceRange,
        format: String? = nil,
        function: FunctionName? = nil,
        pattern: String? = nil,
        remedy: Violation.Remedy? = nil
    ) {
        failed = true
        guard !silent else { return }
        violations.append(
            Violation(
                keyword: keyword,
                message: message,
                range: at,
                format: format,
                function: function,
                pattern: pattern,
                depth: depth,
                remedy: remedy
            )
        )
    }

    /// What `schema` says of `node`, reporting nothing; functions are unknown (a question asked
    /// of a value, whose answer decides what else applies, is not answered on a guess).
    private func outcome(_ node: Node, _ schema: SchemaNode, hops: Int) -> Outcome {
        var probe = Validator(context: context, groupsRequired: groupsRequired, functionsAreUnknown: true)
        probe.noValueBranchMayBeMissing = noValueBranchMayBeMissing
        probe.silent = true
        probe.check(node, schema, at: node.range, hops: hops)
        return probe.unknown ? .unknown : probe.failed ? .invalid : .valid
    }

    mutating func check(_ node: Node, _ schema: SchemaNode, at: SourceRange, hops: Int) {
        guard hops < 64 else { return }
        let outer = anchor
        if at != node.range { anchor = at }
        defer { anchor = outer }
        if case .function(let f) = node.value {
            if f.name.isKnown || Validator.otherFunctions.contains(f.name.rawValue) {
                if schema.acceptsAll || node.isNoValue { return }
                if schema.rejectsAll {
                    report(.not, "\(describe(node)) is not allowed here", at: at)
                } else if functionsAreUnknown && f.name != .if {
                    // What a Ref or a Fn::GetAtt gives is known in kind, if not in value.
                    if !silent, f.name == .ref { checkRefFormat(f, schema, at: at) }
                    if !silent, f.name == .getAtt { checkGetAttFormat(f, schema, at: at) }
                    unknown = true
                } else {
                    checkFunction(f, node, schema, at: at, hops: hops)
                }
                return
            }
            // A function CloudFormation does not know (`!Rain::Embed`) is just a mapping to it.
            let map = Map([Map.Entry(key: f.name.rawValue, value: f.argument, keyRange: f.keyRange)])
            check(Node(.map(map), range: node.range), schema, at: at, hops: hops)
            return
        }
        if case .map(let m) = node.value, m.count == 1, Validator.otherFunctions.contains(m.entries[0].key) {
            if functionsAreUnknown { unknown = true }
            return
        }
        let branchOf = ifAnchor
        ifAnchor = nil
        if schema.rejectsAll {
            report(.not, "\(describe(node)) is not allowed here", at: at)
            return
        }
        if let ref = schema.ref {
            ifAnchor = branchOf
            check(node, ref, at: at, hops: hops + 1)
            ifAnchor = nil
        }
        if let types = schema.types, !matches(node, types) {
            report(.type, "\(describe(node)) is not of type \(quoted(types.names))", at: at)
        }
        if let gather = schema.gather, case .map(let map) = node.value { checkGather(map, gather, at: at, hops: hops) }
        if let values = schema.enumValues {
            checkEnum(node, values, texts: schema.enumTexts, caseInsensitive: schema.enumCaseInsensitive, at: at)
        }
        if let value = schema.constValue { checkEnum(node, [value], texts: nil, caseInsensitive: false, at: at) }
        switch node.value {
        case .string, .number, .bool:
            checkScalar(node, schema, at: at)
        case .list(let items):
            checkList(node, items, schema, at: at, uniqueAt: branchOf ?? at, hops: hops)
        case .map(let map):
            checkMap(map, schema, at: at, hops: hops)
        default:
            break
        }
        if !schema.allOf.isEmpty {
            // One unknown part makes the whole unknown (and what the others say is not reported).
            if schema.allOf.contains(where: { outcome(node, $0, hops: hops + 1) == .unknown }) {
                unknown = true
            } else {
                for sub in schema.allOf { check(node, sub, at: at, hops: hops + 1) }
            }
        }
        if !schema.anyOf.isEmpty {
            var matched = false
            var undecided = false
            for sub in schema.anyOf where !matched {
                switch outcome(node, sub, hops: hops + 1) {
                case .valid: matched = true
                case .unknown: undecided = true
                case .invalid: break
                }
            }
            if matched {
                // Valid under one of them, whatever the others say.
            } else if undecided {
                unknown = true
            } else {
                report(.anyOf, "\(describe(node)) is not valid under any of the allowed forms", at: at)
            }
        }
        if !schema.oneOf.isEmpty {
            let outcomes = schema.oneOf.map { outcome(node, $0, hops: hops + 1) }
            let valid = outcomes.filter { $0 == .valid }.count
            if valid < 2 && outcomes.contains(.unknown) {
                unknown = true
            } else if valid != 1 {
                report(
                    .oneOf,
                    valid == 0
                        ? "\(describe(node)) is not valid under any of the allowed forms"
                        : "\(describe(node)) is valid under more than one of the allowed forms",
                    at: at
                )
            }
        }
        if let not = schema.not {
            switch outcome(node, not, hops: hops + 1) {
            case .valid: report(.not, notAllowed(node, not), at: at)
            case .unknown: unknown = true
            case .invalid: break
            }
        }
        if let condition = schema.ifSchema { checkIf(node, condition, schema, at: at, hops: hops) }
    }

    /// if/then/else, once per combination of the conditions of the mapping's `Fn::If`s.
    private mutating func checkIf(_ node: Node, _ condition: SchemaNode, _ schema: SchemaNode, at: SourceRange, hops: Int) {
        // Only the conditions of the entries these schemas look at make a difference.
        let keys = schema.ifKeysComputed ? schema.ifKeys : schema.conditionKeys()
        let instances = node.mapValue.flatMap { context.scenarios.instances(of: node, $0, keys: keys) } ?? [node]
        let start = violations.count
        for instance in instances {
            switch outcome(instance, condition, hops: hops + 1) {
            case .valid: if let then = schema.thenSchema { check(instance, then, at: at, hops: hops + 1) }
            case .invalid: if let otherwise = schema.elseSchema { check(instance, otherwise, at: at, hops: hops + 1) }
            case .unknown: unknown = true
            }
        }
        guard instances.count > 1, violations.count > start + 1 else { return }
        // Several scenarios may break the same keyword at the same place (`VirtualName: !If [C,
        // /dev/hda, /dev/hdb]` against a pattern): one finding, in the first one's words, as
        // cfn-lint gives one.
        var seen: Set<String> = []
        let found = violations[start...].filter { v in
            seen.insert("\(v.keyword.rawValue)|\(v.range.start.offset)|\(v.range.end.offset)").inserted
        }
        violations.replaceSubrange(start..., with: found)
    }

    // MARK: - Functions

    private mutating func checkFunction(_ f: Intrinsic, _ node: Node, _ schema: SchemaNode, at: SourceRange, hops: Int) {
        if f.name == .if {
            guard let args = f.argument.listValue, args.count == 3, let condition = args[0].stringValue,
                context.conditions.contains(condition)
            else {
                // A broken Fn::If is E1028's; what it gives is unknown.
                if functionsAreUnknown { unknown = true }
                return
            }
            let outer = ifAnchor
            let outerAnchor = anchor
            if f.form == .long && f.keyRange.start.line > 0 { anchor = f.keyRange }
            for (i, branch) in args.enumerated().dropFirst() where !branch.isNoValue {
                ifAnchor = outer ?? at
                branches.append((condition, i == 1))
                check(branch, schema, at: branch.range, hops: hops)
                branches.removeLast()
            }
            ifAnchor = outer
            anchor = outerAnchor
            return
        }
        if f.refTarget == "AWS::NoValue" { return }
        // A scalar result fits any scalar type (CloudFormation converts); lists and objects must match.
        if let wanted = schema.effectiveTypes, let gives = resultTypes(f), wanted.isDisjoint(with: gives) {
            report(.functionType, "\(describe(node)) is not of type \(quoted(wanted.names))", at: at, function: f.name)
            return
        }
        if !silent, f.name == .ref { checkRefFormat(f, schema, at: at) }
        if !silent, f.name == .getAtt { checkGetAttFormat(f, schema, at: at) }
        if !silent { checkResolved(f, node, schema, hops: hops) }
    }

    /// Types whose attributes cfn-lint does not compare formats of (their outputs are anything).
    static let getAttFormatExempt: Set<String> = [
        "AWS::CloudFormation::CustomResource", "AWS::CloudFormation::Stack",
        "AWS::ServiceCatalog::CloudFormationProvisionedProduct",
    ]

    /// A `Fn::GetAtt` where the schema names a `format`: the attribute must be of that format.
    private mutating func checkGetAttFormat(_ f: Intrinsic, _ schema: SchemaNode, at: SourceRange) {
        func modern(_ format: String?) -> String? {
            format == "AWS::EC2::SecurityGroup.GroupId" ? "AWS::EC2::SecurityGroup.Id" : format
        }
        guard let wanted = modern(schema.format ?? schema.resolved.format), let (resource, attribute) = f.getAttTarget,
            let type = context.resourceTypes[resource], !type.hasPrefix("Custom::"), !Self.getAttFormatExempt.contains(type),
            !(type == "AWS::SSM::Parameter" && attribute == "Value"),
            let resourceSchema = context.store.schema(for: type, region: context.region),
            let found = resourceSchema.attributes.first(where: { $0.name == attribute }), let node = found.schema
        else { return }
        let r = node.resolved
        var gives: [String] = []
        if let own = modern(node.format ?? r.format) { gives.append(own) }
        gives += r.anyOf.compactMap { $0.format }
        if gives.contains(wanted) { return }
        let what = gives.isEmpty ? "a value of no known format" : gives.map { "'\($0)'" }.joined(separator: " or ")
        report(.getAttFormat, "Fn::GetAtt \(resource).\(attribute) gives \(what), where '\(wanted)' is expected", at: at)
    }

    /// A `Ref` to a resource where the schema names a `format`: what the resource's `Ref`
    /// gives (its primary identifier) must be of that format, as cfn-lint compares them.
    private mutating func checkRefFormat(_ f: Intrinsic, _ schema: SchemaNode, at: SourceRange) {
        func modern(_ format: String?) -> String? {
            format == "AWS::EC2::SecurityGroup.GroupId" ? "AWS::EC2::SecurityGroup.Id" : format
        }
        guard let target = f.refTarget, context.parameterTypes[target] == nil, let type = context.resourceTypes[target],
            !type.hasPrefix("Custom::"), type != "AWS::CloudFormation::CustomResource",
            let wanted = modern(schema.format ?? schema.resolved.format),
            let resource = context.store.schema(for: type, region: context.region)
        else { return }
        var gives: [String] = []
        if type == "AWS::EC2::SecurityGroup" {
            gives = [context.groupsInVpc.contains(target) ? "AWS::EC2::SecurityGroup.Id" : "AWS::EC2::SecurityGroup.Name"]
        } else if resource.primaryIdentifier.count == 1 {
            guard let id = resource.property(resource.primaryIdentifier[0]) else { return }
            let r = id.resolved
            if let own = modern(id.format ?? r.format) { gives.append(own) }
            gives += r.anyOf.compactMap { $0.format }
        } else if resource.primaryIdentifier.isEmpty {
            return
        }
        if gives.contains(wanted) { return }
        let what = gives.isEmpty ? "a value of no known format" : gives.map { "'\($0)'" }.joined(separator: " or ")
        report(.refFormat, "Ref \(target) gives \(what), where '\(wanted)' is expected", at: at)
    }

    /// The values a function can take before deployment (`FunctionResolver`), each checked
    /// against the schema: a `Ref`'s parameter or pseudo-parameter values, the zones
    /// `Fn::GetAZs` gives, the value a `Fn::FindInMap` with literal keys finds, and what
    /// `Fn::Sub`, `Fn::Join`, `Fn::Split`, `Fn::Select` and `Fn::ToJsonString` make of such
    /// values. A problem is placed where the function is written (its key in the long form,
    /// the nearest key above in the short one), an enum or a range of a `Ref`'s parameter value
    /// on the value itself (the allowed value, or the `Default`), as cfn-lint places them.
    /// Several values that break the schema the same way at the same place give one violation.
    /// As in cfn-lint, one value that fits and owes nothing to a parameter (a pseudo-parameter,
    /// a mapping, literals, any `Fn::Sub`) is enough: then nothing is reported.
    private mutating func checkResolved(_ f: Intrinsic, _ node: Node, _ schema: SchemaNode, hops: Int) {
        let target: String
        switch f.name {
        case .ref:
            guard let name = f.refTarget else { return }
            target = name
        case .getAZs:
            target = f.argument.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? context.region
        case .findInMap:
            target = (f.argument.listValue ?? []).prefix(3).compactMap(\.scalarText).joined(separator: "/")
        case .sub, .join, .split, .select, .toJsonString:
            target = ""
        default:
            return
        }
        // Cheap first: most schemas ask nothing of a value but its type.
        guard schema.constrainsValues() else { return }
        let values = FunctionResolver(context: context, branches: branches).resolve(node)
        guard !values.isEmpty else { return }
        let place = f.form == .long && f.keyRange.start.line > 0 ? f.keyRange : anchor
        var seen: Set<String> = []
        var found: [(Violation.Keyword, String, SourceRange)] = []
        for value in values {
            let resolved = Node(value.value.value, range: place)
            var sub = Validator(context: context, groupsRequired: groupsRequired)
            sub.anchor = place
            sub.check(resolved, schema, at: place, hops: hops + 1)
            // anyOf and oneOf are left out: cfn-lint weighs a format that fails inside them as a
            // warning of its own, not a resolved value's problem.
            let problems = sub.violations.filter {
                ![.implicitConversion, .resolved, .anyOf, .oneOf, .duplicateItems].contains($0.keyword)
            }
            if problems.isEmpty && !value.fromParameters { return }
            let direct = value.parameterValue
            for v in problems {
                let onParameter = (v.keyword == .enumeration || v.keyword == .range || v.keyword == .pattern) && direct?.source != nil
                let range = onParameter ? direct!.source! : place
                // The whole value's problem is the same for every value; an item's is its own.
                let said = v.range == place ? "" : v.message
                guard seen.insert("\(v.keyword.rawValue)|\(v.format ?? "")|\(range.start.offset)|\(said)").inserted else { continue }
                let origin: String
                switch f.name {
                case .findInMap: origin = "Fn::FindInMap gives the value of \(target)"
                case .getAZs: origin = "Fn::GetAZs gives the zones of \(target)"
                case .ref:
                    let d = direct ?? ResolvedValue(raw: .scalar(""), source: nil, origin: "value")
                    origin =
                        d.source == nil
                        ? "Ref \(target) takes its \(d.origin)" : "Ref \(target) takes its \(d.origin) \(describe(resolved))"
                default: origin = "\(f.name) gives \(describe(resolved))"
                }
                found.append((.resolved, "\(v.message), when \(origin)", range))
            }
        }
        for (keyword, message, range) in found { report(keyword, message, at: range, function: f.name) }
    }

    /// What a function can return; nil when anything.
    private func resultTypes(_ f: Intrinsic) -> JSONTypes? {
        switch f.name.rawValue {
        case "Ref":
            guard let target = f.refTarget else { return nil }
            if let type = context.parameterTypes[target] {
                return type.containsBytes("List<") || type.hasSuffix("CommaDelimitedList") || type.hasSuffix("CommaDelimitedList>")
                    ? .array : .scalar
            }
            if target == "AWS::NotificationARNs" { return .array }
            if target.hasPrefix("AWS::") { return .scalar }
            return context.resourceTypes[target] != nil ? .scalar : nil
        case "Fn::GetAtt":
            guard let (resource, attribute) = f.getAttTarget, let type = context.resourceTypes[resource],
                let schema = context.store.schema(for: type, region: context.region),
                let found = schema.attributes.first(where: { $0.name == attribute })
            else { return nil }
            guard let types = found.schema?.effectiveTypes else { return nil }
            return types.isDisjoint(with: JSONTypes.scalar) ? types : types.union(.scalar)
        case "Fn::Sub", "Fn::Join", "Fn::Base64", "Fn::ToJsonString":
            return .scalar
        case "Fn::GetAZs", "Fn::Split", "Fn::Cidr":
            return .array
        case "Fn::Length", "Fn::ImportValue", "Fn::GetStackOutput":
            return .scalar
        // A mapping's value is a string, a number, a boolean or a list: never an object.
        case "Fn::FindInMap":
            return JSONTypes.scalar.union(.array)
        default:
            return nil
        }
    }

    // MARK: - Keywords

    private func matches(_ node: Node, _ types: JSONTypes) -> Bool {
        switch node.value {
        case .string(let s):
            if types.contains(.string) { return true }
            let t = s.trimmingSpaces
            if types.contains(.integer), Int(t) != nil { return true }
            if types.contains(.number), Double(t) != nil { return true }
            if types.contains(.boolean), ["true", "false"].contains(t.lowercased()) { return true }
            return false
        case .number(let n):
            if types.contains(.number) || types.contains(.string) { return true }
            return types.contains(.integer) && (n.kind == .integer || n.doubleValue == n.doubleValue.rounded())
        case .bool:
            return types.contains(.boolean) || types.contains(.string)
        case .null:
            return types.contains(.null)
        case .list:
            return types.contains(.array)
        case .map:
            return types.contains(.object)
        case .function:
            return true
        }
    }

    /// `texts`: the values' texts as a set, when the schema keeps one.
    private mutating func checkEnum(_ node: Node, _ values: [JSONValue], texts: Set<String>?, caseInsensitive: Bool, at: SourceRange) {
        if let text = node.scalarText {
            if node.isDynamicReference { return }
            if !caseInsensitive, let texts {
                if texts.contains(text) { return }
            } else {
                let fold = { (s: String) in caseInsensitive ? s.lowercased() : s }
                let wanted = fold(text)
                if values.contains(where: { $0.scalarText.map(fold) == wanted }) { return }
            }
            if case .number(let n) = node.value, values.contains(where: { $0.number == n.doubleValue }) { return }
        }
        // Inside a combination being tried, only the answer counts: no message is built.
        if silent {
            failed = true
            return
        }
        let shown = values.prefix(12).map { $0.scalarText.map { "'\($0)'" } ?? "…" }.joined(separator: ", ")
        // The one allowed value that differs only in case is what was meant, most likely.
        var remedy: Violation.Remedy?
        if case .string(let text) = node.value {
            let same = values.compactMap(\.string).filter { $0.lowercased() == text.lowercased() }
            if same.count == 1 { remedy = .replace(node, same[0]) }
        }
        report(.enumeration, "\(describe(node)) is not one of [\(shown)\(values.count > 12 ? ", …" : "")]", at: at, remedy: remedy)
    }

    private mutating func checkScalar(_ node: Node, _ schema: SchemaNode, at: SourceRange) {
        guard let text = node.scalarText else { return }
        let wantsText = schema.types.map { $0.contains(.string) } ?? true
        if case .string = node.value, node.isDynamicReference { return }
        if wantsText {
            if let p = schema.pattern, !p.search(text) {
                report(.pattern, "\(describe(node)) does not match '\(p.source)'", at: at, pattern: p.source)
            }
            if schema.minLength != nil || schema.maxLength != nil {
                let length = text.unicodeScalars.count
                if let min = schema.minLength, length < min {
                    report(.length, "\(describe(node)) is shorter than \(min)", at: at)
                }
                if let max = schema.maxLength, length > max {
                    report(.length, "\(describe(node)) is longer than \(max)", at: at)
                }
            }
            if let format = schema.format, !silent, let check = Formats.table[format], case .string = node.value,
                check.accepts(text) == false
            {
                report(.format, "\(describe(node)) is not a '\(format)' (\(check.source))", at: at, format: format)
            }
            if schema.format == "ipv4", !silent, case .string = node.value, !Formats.isIPv4Address(text) {
                report(.format, "\(describe(node)) is not an IPv4 address", at: at, format: "ipv4")
            }
            if schema.format == "ipv6", !silent, case .string = node.value, !Formats.isIPv6Address(text) {
                report(.format, "\(describe(node)) is not an IPv6 address", at: at, format: "ipv6")
            }
            if schema.format == "ipv4-network", !silent, case .string = node.value, !Formats.isIPv4Network(text) {
                report(
                    .format,
                    "\(describe(node)) is not an IPv4 network (address/prefix, no host bits set)",
                    at: at,
                    format: "ipv4-network"
                )
            }
            if let types = schema.types, !types.isDisjoint(with: [.boolean, .integer, .number]) {
                // The schema also takes a boolean or a number: nothing is lost.
            } else {
                checkImplicitConversion(node, at: at)
            }
        }
        guard
            schema.minimum != nil || schema.maximum != nil || schema.exclusiveMinimum != nil || schema.exclusiveMaximum != nil
                || schema.multipleOf != nil
        else { return }
        let number: Double? =
            switch node.value {
            case .number(let n): n.doubleValue
            case .string(let s): Double(s.trimmingSpaces)
            default: nil
            }
        if let number, schema.types.map({ !$0.isDisjoint(with: [.integer, .number]) }) ?? true {
            if let min = schema.minimum, number < min {
                report(.range, "\(describe(node)) is less than the minimum of \(show(min))", at: at)
            }
            if let max = schema.maximum, number > max {
                report(.range, "\(describe(node)) is greater than the maximum of \(show(max))", at: at)
            }
            if let min = schema.exclusiveMinimum, number <= min {
                report(.range, "\(describe(node)) is less than or equal to the minimum of \(show(min))", at: at)
            }
            if let max = schema.exclusiveMaximum, number >= max {
                report(.range, "\(describe(node)) is greater than or equal to the maximum of \(show(max))", at: at)
            }
            if let step = schema.multipleOf, step != 0 {
                // A whole step by remainder; a fractional one (0.01) by whether the quotient is
                // whole, as cfn-lint computes it (so 0.155 is no multiple of 0.01).
                let off: Bool
                if step == step.rounded() {
                    off = number.truncatingRemainder(dividingBy: step) != 0
                } else {
                    let q = number / step
                    off = q.isFinite && q != q.rounded(.towardZero)
                }
                if off { report(.multipleOf, "\(describe(node)) is not a multiple of \(show(step))", at: at) }
            }
        }
    }

    /// `enabled: yes` where the schema wants text: CloudFormation receives `true`, not `yes`.
    private mutating func checkImplicitConversion(_ node: Node, at: SourceRange) {
        switch node.value {
        case .bool(let b):
            if let spelling = node.spelling, !["true", "false", "True", "False", "TRUE", "FALSE"].contains(spelling) {
                report(
                    .implicitConversion,
                    "YAML 1.1 reads the plain '\(spelling)' as the boolean \(b), so CloudFormation gets '\(b)'; quote it: \"\(spelling)\"",
                    at: at,
                    remedy: .quote(node)
                )
            }
        case .number(let n):
            if n.kind == .integer, n.text != n.canonical, n.text.first != "+" {
                report(
                    .implicitConversion,
                    "YAML 1.1 reads the plain '\(n.text)' as the number \(n.canonical), so CloudFormation gets '\(n.canonical)'; quote it: \"\(n.text)\"",
                    at: at,
                    remedy: .quote(node)
                )
            }
        default:
            break
        }
    }

    private mutating func checkList(_ node: Node, _ items: [Node], _ schema: SchemaNode, at: SourceRange, uniqueAt: SourceRange, hops: Int)
    {
        if let min = schema.minItems, items.count < min {
            report(.itemCount, "\(describe(node)) is too short (at least \(min) item\(min == 1 ? "" : "s"))", at: at)
        }
        if let max = schema.maxItems, items.count > max {
            report(.itemCount, "\(describe(node)) is too long (at most \(max) item\(max == 1 ? "" : "s"))", at: at)
        }
        if schema.uniqueItems, items.count > 1, hasDuplicates(items) {
            report(.uniqueItems, "\(describe(node)) has non-unique elements", at: uniqueAt)
        } else if schema.allowsDuplicates, items.count > 1, hasDuplicates(items) {
            // A note, not a failure: the value is valid, so no anyOf or oneOf branch turns on it.
            if !silent {
                violations.append(
                    Violation(
                        keyword: .duplicateItems,
                        message: "\(describe(node)) repeats an item (allowed here, but often a slip)",
                        range: uniqueAt
                    )
                )
            }
        }
        if let contains = schema.contains {
            var matched = false
            var undecided = false
            for item in items where !matched {
                switch outcome(item, contains, hops: hops + 1) {
                case .valid: matched = true
                case .unknown: undecided = true
                case .invalid: break
                }
            }
            if matched {
                // One item of the kind is enough.
            } else if undecided {
                unknown = true
            } else {
                report(.itemCount, "\(describe(node)) has no item of the kind required", at: at)
            }
        }
        for (k, item) in items.enumerated() {
            let sub = k < schema.prefixItems.count ? schema.prefixItems[k] : schema.items
            if let sub { checkBelow(item, sub, at: item.range, hops: hops + 1) }
        }
    }

    /// Checks a mapping's value or a list's item: one level further down.
    private mutating func checkBelow(_ node: Node, _ schema: SchemaNode, at: SourceRange, hops: Int) {
        depth += 1
        check(node, schema, at: at, hops: hops)
        depth -= 1
    }

    /// Whether two items mean the same; lists are short, so pairs are compared after a cheap
    /// bucket by kind and scalar text.
    private func hasDuplicates(_ items: [Node]) -> Bool {
        var buckets: [String: [Int]] = [:]
        for (k, item) in items.enumerated() {
            let key = item.scalarText ?? item.kindKey
            for other in buckets[key, default: []] where items[other].isSemanticallyEqual(to: item) { return true }
            buckets[key, default: []].append(k)
        }
        return false
    }

    private mutating func checkMap(_ map: Map, _ schema: SchemaNode, at: SourceRange, hops: Int) {
        var entries = map.entries
        if schemaOrder, !schema.propertyOrder.isEmpty {
            let rank = Dictionary(schema.propertyOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            entries = entries.enumerated().sorted { a, b in
                (rank[a.element.key] ?? Int.max, a.offset) < (rank[b.element.key] ?? Int.max, b.offset)
            }.map(\.element)
        }
        for entry in entries {
            if let names = schema.propertyNames {
                check(Node(.string(entry.key), range: entry.keyRange), names, at: entry.keyRange, hops: hops + 1)
            }
            if let sub = schema.properties[entry.key] {
                if sub.rejectsAll {
                    // The key is what is wrong, whatever its value (one finding for all of them).
                    depth += 1
                    if !entry.value.isNoValue { report(.not, "'\(entry.key)' is not allowed here", at: entry.keyRange) }
                    depth -= 1
                } else {
                    checkBelow(entry.value, sub, at: entry.keyRange, hops: hops + 1)
                }
                continue
            }
            var matched = false
            for (pattern, sub) in schema.patternProperties where pattern?.search(entry.key) ?? true {
                matched = true
                checkBelow(entry.value, sub, at: entry.keyRange, hops: hops + 1)
            }
            if matched { continue }
            switch schema.additional {
            case .allowed: break
            case .schema(let sub): checkBelow(entry.value, sub, at: entry.keyRange, hops: hops + 1)
            case .forbidden:
                let close = NameMatch.closest(to: entry.key, in: schema.propertyOrder, limit: 2)
                let suggestion = close.first
                // A rename only where one name is close, and it is not taken already.
                let remedy: Violation.Remedy? = close.count == 1 && map[close[0]] == nil ? .rename(entry, close[0]) : nil
                report(
                    .additionalProperties,
                    "'\(entry.key)' is not a property here" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                    at: entry.keyRange,
                    remedy: remedy
                )
            }
        }
        func present(_ key: String) -> Bool {
            guard let v = map[key] else { return false }
            return !v.isNoValue
        }
        // Given in every case: not left out by a condition.
        func always(_ key: String) -> Bool {
            guard present(key) else { return false }
            guard noValueBranchMayBeMissing, let f = map[key]?.functionValue, f.name == .if,
                let args = f.argument.listValue, args.count == 3
            else { return true }
            return !args[1].isNoValue && !args[2].isNoValue
        }
        let missing = schema.required.filter { !always($0) }
        if groupsRequired, missing.count > 1 {
            report(.required, "\(quoted(missing)) are required properties", at: at)
        } else {
            for key in missing { report(.required, "'\(key)' is a required property", at: at) }
        }
        if !schema.requiredXor.isEmpty {
            let given = schema.requiredXor.filter(present)
            if given.isEmpty || !given.contains(where: always) {
                report(.requiredXor, "Exactly one of \(quoted(schema.requiredXor)) must be given", at: at)
            } else if given.count > 1 {
                // Each of those given is reported at its key (as cfn-lint does).
                for key in given {
                    report(
                        .requiredXor,
                        "Exactly one of \(quoted(schema.requiredXor)) must be given, and '\(key)' is one of \(given.count)",
                        at: map[entry: key]?.keyRange ?? at
                    )
                }
            }
        }
        if !schema.requiredOr.isEmpty, !schema.requiredOr.contains(where: always) {
            report(.requiredOr, "At least one of \(quoted(schema.requiredOr)) must be given", at: at)
        }
        for (key, needs) in schema.dependentRequired where present(key) {
            for other in needs where !present(other) {
                report(.dependentRequired, "'\(other)' is required when '\(key)' is given", at: at)
            }
        }
        for (key, excludes) in schema.dependentExcluded where present(key) {
            for other in excludes where present(other) {
                report(.dependentExcluded, "'\(other)' must not be given with '\(key)'", at: map[entry: other]?.keyRange ?? at)
            }
        }
    }

    // MARK: - Words

    private func describe(_ node: Node) -> String {
        switch node.value {
        case .string(let s): return "'\(s.count > 60 ? s.prefix(57) + "..." : Substring(s))'"
        case .number(let n): return n.text
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .list(let l): return l.count <= 4 && l.allSatisfy(\.isScalar) ? "[\(l.map(describe).joined(separator: ", "))]" : "a list"
        case .map: return "a mapping"
        case .function(let f):
            if let target = f.refTarget { return "{'Ref': '\(target)'}" }
            if let (r, a) = f.getAttTarget { return "{'Fn::GetAtt': ['\(r)', '\(a)']}" }
            return "the function \(f.name)"
        }
    }

    /// What a `not` forbids, in words: the properties it names that the mapping has
    /// (`not: {anyOf: [{required: [AllocatedStorage]}, ...]}`), or the value itself.
    private func notAllowed(_ node: Node, _ not: SchemaNode) -> String {
        guard let map = node.mapValue else { return "\(describe(node)) is not allowed here" }
        let named = ([not] + not.anyOf + not.oneOf + not.allOf).flatMap(\.required)
        var given: [String] = []
        for key in named where !given.contains(key) {
            if let v = map[key], !v.isNoValue { given.append(key) }
        }
        if given.isEmpty { return "\(describe(node)) is not allowed here" }
        return given.count == 1 ? "'\(given[0])' is not allowed here" : "\(quoted(given)) are not allowed here"
    }

    private func quoted(_ names: [String]) -> String { names.map { "'\($0)'" }.joined(separator: ", ") }

    private func show(_ d: Double) -> String { d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }
}

extension Node {
    /// `!Ref AWS::NoValue`: the property is left out.
    public var isNoValue: Bool { functionValue?.refTarget == "AWS::NoValue" }

    /// `{{resolve:ssm:...}}`: the value is filled in at deploy time.
    var isDynamicReference: Bool {
        if case .string(let s) = value { return s.containsBytes("{{resolve:") }
        return false
    }

    fileprivate var kindKey: String {
        switch value {
        case .list: return "[]"
        case .map: return "{}"
        case .function(let f): return f.name.rawValue
        default: return "null"
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" { s = s.dropLast() }
        return String(s)
    }
}
