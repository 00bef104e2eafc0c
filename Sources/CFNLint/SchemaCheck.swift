import CFNModel
import CFNSchema

/// Every resource's properties validated against its type's schema, once per template; the
/// schema rules each take the findings of their own id. Types are looked up in the first
/// `--regions` region (availability is checked in each).
enum SchemaCheck {
    /// The id each schema keyword is reported under (cfn-lint's numbering).
    static func ruleId(_ v: Violation) -> String? {
        switch v.keyword {
        case .additionalProperties: return "E3002"
        case .required: return "E3003"
        case .type: return "E3012"
        case .requiredXor: return "E3014"
        case .anyOf: return "E3017"
        case .oneOf: return "E3018"
        case .dependentExcluded: return "E3020"
        case .dependentRequired: return "E3021"
        case .enumeration: return "E3030"
        case .pattern: return "E3031"
        case .itemCount: return "E3032"
        case .length: return "E3033"
        case .range: return "E3034"
        // cfn-lint has no rule of its own for `multipleOf` in a resource schema: it reports
        // under E3002, the rule of the schema as a whole.
        case .multipleOf: return "E3002"
        case .uniqueItems: return "E3037"
        case .duplicateItems: return "I3037"
        case .requiredOr: return "E3058"
        case .implicitConversion: return "W3091"
        case .refFormat: return "E1041"
        case .getAttFormat: return "E1040"
        case .format: return v.format.flatMap { Formats.table[$0]?.ruleId }
        case .functionType: return v.function.flatMap { functionRule[$0.rawValue] }
        case .resolved: return v.function.flatMap { resolvedRule[$0.rawValue] } ?? "W1030"
        // The resource schemas use `not` only inside combinations; cfn-lint has no id for it
        // alone (in a constraint schema it is reported under the constraint's id).
        case .not: return nil
        }
    }

    /// The rule of each function whose resolved value breaks the schema (W1030 for a `Ref`).
    static let resolvedRule: [String: String] = [
        "Fn::Sub": "W1031", "Fn::Join": "W1032", "Fn::Split": "W1033", "Fn::FindInMap": "W1034", "Fn::Select": "W1035",
        "Fn::GetAZs": "W1036", "Fn::ToJsonString": "W1040",
    ]

    /// The rule of each function, for a function whose result cannot fit where it is used.
    static let functionRule: [String: String] = [
        "Ref": "E1020", "Fn::GetAtt": "E1010", "Fn::Sub": "E1019", "Fn::Join": "E1022", "Fn::Base64": "E1021",
        "Fn::Select": "E1017", "Fn::Split": "E1018", "Fn::FindInMap": "E1011", "Fn::GetAZs": "E1015",
        "Fn::Cidr": "E1024", "Fn::ImportValue": "E1016", "Fn::ToJsonString": "E1031", "Fn::Length": "E1030",
        "Fn::GetStackOutput": "E1033",
    ]

    /// Constraints whose missing properties cfn-lint reports one by one: those its rules give
    /// no message of their own (a rule's own message makes the findings of one place one).
    static let separatelyRequired: Set<String> = [
        "E3023", "E3044", "E3046", "E3048", "E3052", "E3501", "E3617", "E3620", "E3621", "E3628", "E3635", "E3641",
        "E3647", "E3652", "E3670", "E3672", "E3675", "E3676", "E3679", "E3680", "E3681", "E3683", "E3684", "E3690",
        "E3691", "E3692", "E3693", "E3695", "E3704", "E3719",
    ]

    /// Constraints cfn-lint reports once for each place they apply (its rules without
    /// `all_matches`): the problem highest up, the first of those, as its best match picks.
    /// Two ports a protocol ignores give one W3687, not two.
    static let bestMatchOnly: Set<String> = [
        "E3029", "E3042", "E3045", "E3047", "E3615", "E3633", "E3634", "E3636", "E3638", "E3639", "E3660", "E3661",
        "E3671", "E3674", "E3677", "E3678", "E3685", "E3686", "E3687", "E3688", "E3689", "E3696", "E3698", "E3699",
        "E3705", "E3706", "E3707", "E3708", "E3709", "E3715", "E3718", "E3720", "E3721", "W3663", "W3664", "W3687",
        "W3688", "W3689", "W3690", "W3691", "W3694", "W3702",
    ]

    /// Whether a type has no schema by design: custom resources, modules, SAM's types.
    static func isSchemaless(_ type: String) -> Bool {
        type.hasPrefix("Custom::") || type.hasSuffix("::MODULE") || type.hasPrefix("AWS::Serverless::")
    }

    /// Properties `aws cloudformation package` (and `sam package`) fill in from a local path:
    /// the template may hold the path, a string, where the schema wants an S3 location object.
    static let packageable: [String: Set<String>] = [
        "AWS::Lambda::Function": ["Code"], "AWS::Lambda::LayerVersion": ["Content"],
        "AWS::ApiGateway::RestApi": ["BodyS3Location"], "AWS::AppSync::GraphQLSchema": ["DefinitionS3Location"],
        "AWS::AppSync::Resolver": ["RequestMappingTemplateS3Location", "ResponseMappingTemplateS3Location", "CodeS3Location"],
        "AWS::AppSync::FunctionConfiguration": ["RequestMappingTemplateS3Location", "ResponseMappingTemplateS3Location", "CodeS3Location"],
        "AWS::ElasticBeanstalk::ApplicationVersion": ["SourceBundle"], "AWS::StepFunctions::StateMachine": ["DefinitionS3Location"],
        "AWS::CodeCommit::Repository": ["Code"], "AWS::CloudFormation::ModuleVersion": ["ModulePackage"],
        "AWS::CloudFormation::ResourceVersion": ["SchemaHandlerPackage"],
    ]

    /// The properties with a packageable local path taken out of the check: such a value is
    /// replaced by one the validator cannot judge (a function of unknown result).
    private static func packaged(_ type: String, _ properties: Node) -> Node {
        guard let names = packageable[type], var map = properties.mapValue,
            map.entries.contains(where: { names.contains($0.key) && $0.value.stringValue != nil })
        else { return properties }
        map = Map(
            map.entries.map { entry in
                guard names.contains(entry.key), entry.value.stringValue != nil else { return entry }
                var opaque = entry
                opaque.value = Node(.function(Intrinsic(.transform, entry.value)), range: entry.value.range)
                return opaque
            }
        )
        return Node(.map(map), range: properties.range)
    }

    /// Properties CloudFormation reads without regard to case (`Engine: MySQL` is `mysql`):
    /// lowered before the constraint schemas, which list the lower-case values.
    static let caseInsensitive: [String: Set<String>] = [
        "AWS::RDS::DBInstance": ["Engine"], "AWS::RDS::DBCluster": ["Engine"],
    ]

    private static func caseFolded(_ type: String, _ properties: Node) -> Node {
        guard let names = caseInsensitive[type], let map = properties.mapValue else { return properties }
        let folded = Map(
            map.entries.map { entry in
                guard names.contains(entry.key), let s = entry.value.stringValue else { return entry }
                var lower = entry
                lower.value = Node(.string(s.lowercased()), range: entry.value.range, style: entry.value.style)
                return lower
            }
        )
        return Node(.map(folded), range: properties.range)
    }

    /// The values at `path` under `node` (`*`: every list item), each with where to report it;
    /// both branches of a `Fn::If` are followed.
    static func reach(_ node: Node, at: SourceRange, _ path: ArraySlice<String>) -> [(Node, SourceRange)] {
        let branches = node.branches()
        if branches.count > 1 { return branches.flatMap { reach($0.0, at: $0.0.range, path) } }
        if node.isNoValue { return [] }
        guard let first = path.first else { return [(node, at)] }
        if first == "*" {
            return (node.listValue ?? []).flatMap { reach($0, at: $0.range, path.dropFirst()) }
        }
        guard let entry = node.mapValue?[entry: first] else { return [] }
        return reach(entry.value, at: entry.keyRange, path.dropFirst())
    }

    /// A regional constraint's message names the region: a list of the first of some hundred
    /// instance types says nothing, the region does.
    private static func regional(_ v: Violation, _ property: String?, _ region: String) -> String {
        guard v.keyword == .enumeration, let cut = v.message.firstRange(of: " is not one of [") else { return v.message + " in " + region }
        return v.message[..<cut.lowerBound] + " is not offered in " + region + (property.map { " for " + $0 } ?? "")
    }

    /// The findings of every schema keyword, by rule id.
    static func run(_ context: LintContext) -> [String: [Finding]] {
        guard let plan = Plan(context) else { return [:] }
        return merge([check(plan, plan.resources.indices, context)])
    }

    /// What every part of the check shares: the store, what the validator knows of the
    /// template, and the resources to check.
    struct Plan: Sendable {
        let store: SchemaStore
        let values: ValueContext
        let resources: [Map.Entry]

        init?(_ context: LintContext) {
            guard let store = SchemaStore.bundled else { return nil }
            let template = context.template
            let deployments = context.parameterSets.map { set in
                (file: set.file, values: Dictionary(set.values.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }))
            }
            self.store = store
            values = ValueContext(
                template: template,
                store: store,
                region: context.schemaRegion,
                deployments: deployments,
                keepingTemplateValues: context.parameterSets.contains { $0.keepsTemplateValues }
            )
            resources = (template.root["Resources"]?.mapValue?.entries ?? []).filter(\.isLogicalId)
        }
    }

    /// The findings of some of the resources, kept apart until the parts are merged in order.
    struct Part: Sendable {
        /// A Ref's or GetAtt's kind asked by a constraint's format, by its rule id.
        var kinds: [String: [Finding]] = [:]
        /// The constraint schemas' findings.
        var constraints: [Finding] = []
        /// The resource schemas' findings, by rule id.
        var validated: [String: [Finding]] = [:]
    }

    /// The parts' findings in resource order, as one check of all the resources gives them.
    static func merge(_ parts: [Part]) -> [String: [Finding]] {
        var out: [String: [Finding]] = [:]
        for part in parts { out.merge(part.kinds) { $0 + $1 } }
        out["extensions"] = parts.flatMap(\.constraints)
        for part in parts { out.merge(part.validated) { $0 + $1 } }
        return out
    }

    /// The check of `plan.resources[range]`.
    static func check(_ plan: Plan, _ range: Range<Int>, _ context: LintContext) -> Part {
        let region = context.schemaRegion
        let values = plan.values
        let store = plan.store
        var validator = Validator(context: values)
        var part = Part()
        for entry in plan.resources[range] {
            guard let resource = entry.value.mapValue, let type = resource["Type"]?.stringValue, !isSchemaless(type),
                let schema = store.schema(for: type, region: region)
            else { continue }
            let properties = resource[entry: "Properties"]
            if let properties {
                validator.validate(packaged(type, properties.value), schema.root, at: properties.keyRange)
            } else {
                validator.validate(Node(.map(Map())), schema.root, at: entry.keyRange)
            }
            // No Properties are empty ones to the constraints too (a RestApi without them has
            // no Name, E3660), as cfn-lint reads them.
            let folded = properties.map { caseFolded(type, $0.value) } ?? Node(.map(Map()))
            let top = properties?.keyRange ?? entry.keyRange
            for ext in store.extensions(for: type, regions: context.regions) {
                // As cfn-lint reads them: what a constraint asks of a function's value has no
                // answer, so `EventSourceArn: !GetAtt Queue.Arn` triggers no SQS-or-stream rule.
                for (node, at) in reach(folded, at: top, ext.path[...]) {
                    var constraint = Validator(
                        context: values,
                        groupsRequired: !separatelyRequired.contains(ext.ruleId),
                        functionsAreUnknown: true
                    )
                    constraint.schemaOrder = bestMatchOnly.contains(ext.ruleId)
                    constraint.validate(node, ext.schema, at: at)
                    // A repeat a list allows is I3037's note, never the constraint's error.
                    var found = constraint.violations.filter { $0.keyword != .duplicateItems }
                    if bestMatchOnly.contains(ext.ruleId), let best = found.min(by: { $0.depth < $1.depth }) { found = [best] }
                    for v in found {
                        // A Ref's or a Fn::GetAtt's kind is its own rule's, wherever the format is asked.
                        if v.keyword == .refFormat || v.keyword == .getAttFormat, let id = ruleId(v) {
                            part.kinds[id, default: []].append(context.finding(id: id, v.message, at: v.range))
                        } else {
                            let message = ext.region.map { regional(v, ext.path.last, $0) } ?? v.message
                            part.constraints.append(context.finding(id: ext.ruleId, message, at: v.range))
                        }
                    }
                }
            }
        }
        for v in validator.violations {
            guard let id = ruleId(v) else { continue }
            var f = context.finding(id: id, v.message, at: v.range)
            f.fix = v.remedy.flatMap { fix($0, context) }
            part.validated[id, default: []].append(f)
        }
        return part
    }

    /// The check split into slices of the resources, each checked by whichever lane of the run
    /// is free (`check(slice:)`); `merged()` waits for the last.
    final class InParts: Sendable {
        let plan: Plan
        /// The resources of each slice.
        let slices: [Range<Int>]
        private let parts: Locked<[Part?]>
        private let done: Latch

        /// About four slices a lane, so that lanes finishing early take more; none smaller
        /// than a few resources, whose check costs less than handing it over.
        init(_ plan: Plan, lanes: Int) {
            let n = plan.resources.count
            let size = max(4, (n + 4 * lanes - 1) / max(1, 4 * lanes))
            slices = stride(from: 0, to: n, by: size).map { $0..<min(n, $0 + size) }
            self.plan = plan
            parts = Locked(Array(repeating: nil, count: slices.count))
            done = Latch(count: slices.count)
        }

        /// Checks one slice.
        func check(slice i: Int, _ context: LintContext) {
            let part = SchemaCheck.check(plan, slices[i], context)
            parts.withLock { $0[i] = part }
            done.countDown()
        }

        /// Every slice's findings, merged, once the last slice is checked.
        func merged() -> [String: [Finding]] {
            done.wait()
            return SchemaCheck.merge(parts.withLock { $0 }.map { $0! })
        }
    }

    /// The fix for what the validator says would make a value valid.
    static func fix(_ remedy: Violation.Remedy, _ context: LintContext) -> Fix? {
        switch remedy {
        case .quote(let node):
            // Quoting keeps every character: what was written is what CloudFormation gets.
            let written: String
            if case .number(let n) = node.value { written = n.text } else { written = node.spelling ?? "the value" }
            return context.fix("quote \(written) so it stays text", .safe) { $0.quote(node) }
        case .replace(let node, let value):
            // The schema's case may be what the service wants, or it may not care: a person looks.
            return context.fix("write '\(value)', the allowed value in its listed case", .unsafe) { $0.replaceScalar(node, with: value) }
        case .rename(let entry, let name):
            return context.fix("rename '\(entry.key)' to '\(name)'", .unsafe) { $0.renameKey(entry, to: name) }
        }
    }
}

/// A rule whose findings come from the schema validator: its `check` takes them by id.
protocol SchemaRule: Rule {}

extension SchemaRule {
    static var usesSchemaCheck: Bool { true }

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.schemaFindings(Self.self)
    }
}

/// One constraint schema of the bundle documented as a rule of its own (title, description,
/// examples that run as tests): its `check` takes the constraint findings of its id. The
/// constraints are still E3000's: `--ignore-checks E3000` turns these off too. Another id is
/// listed the same way: a file with its `RuleInfo` and a line in `RuleRegistry.schema`.
protocol ConstraintRule: Rule {
    /// A finding's message in the rule's own words; the validator's words by default.
    static func reword(_ message: String) -> String
}

extension ConstraintRule {
    static var familyId: String? { ResourceConstraints.info.id }

    static var usesSchemaCheck: Bool { true }

    static func reword(_ message: String) -> String { message }

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for var f in context.constraintFindings where f.ruleId == Self.info.id {
            f.message = Self.reword(f.message)
            findings.append(f)
        }
    }
}

extension LintContext {
    /// The findings of every constraint schema, each under the constraint's own id.
    var constraintFindings: [Finding] { shared.schema(self)["extensions"] ?? [] }

    /// The schema validator's findings under `rule`'s id (also used by the function rules: a
    /// `!GetAtt` where an object is expected is E1010's).
    func schemaFindings<R: Rule>(_ rule: R.Type) -> [Finding] {
        shared.schema(self)[R.info.id] ?? []
    }
}
