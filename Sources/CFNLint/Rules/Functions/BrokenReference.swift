import CFNModel
import CFNSchema

/// A `Ref`, `Fn::GetAtt` or `${}` in `Fn::Sub` that names nothing in the template, and the rule
/// that reports it.
///
/// cfn-lint checks a reference as part of the function around it, so the same dangling name is
/// reported under different ids and at different places depending on where it sits. To keep
/// `ignore_checks` lists and line numbers compatible, the routing follows it:
/// - under an output's `Value`: E6101;
/// - a `Fn::GetAtt` or a Sub inside a `Fn::Join`: E1022;
/// - a `Fn::GetAtt` in a `Fn::Select`: E1017; a `${}` in a Sub inside a Select: not reported;
/// - a `${}` in a Sub given to `Fn::Base64` or `Fn::ImportValue`: E1021 or E1016;
/// - otherwise E1020 (`Ref`), E1010 (`Fn::GetAtt`) or E1019 (`Fn::Sub`).
/// The place is the name when the source gives it one (a long-form key, a list item); inside a
/// short-form function written on one line (`!Ref X`, `!Sub '...'`) it is the nearest key above.
struct BrokenReference: Sendable {
    /// The function that holds the name.
    var kind: FunctionName
    /// What is wrong, in words.
    var message: String
    /// Where the name is written.
    var range: SourceRange
    /// The path of the function.
    var path: [String]
    /// Where the function sits.
    var scope: FunctionScope

    /// The rule id to report under and where, or nil when nothing is reported.
    var route: (id: String, range: SourceRange)? {
        if scope.outputValueKey != nil { return ("E6101", range) }
        let outer = scope.enclosing.filter { $0 != .if }
        if kind != .ref, outer.contains(.join) { return ("E1022", range) }
        let host = outer.last
        switch kind {
        case .ref:
            return ("E1020", range)
        case .getAtt:
            return (outer.contains(.select) ? "E1017" : "E1010", range)
        default:
            switch host {
            case .select?: return nil
            case .base64?: return ("E1021", range)
            case .importValue?: return ("E1016", range)
            default: return ("E1019", range)
            }
        }
    }

    /// Every dangling reference of a template (`sites`: its function calls, `FunctionWalker.sites`),
    /// in document order; a `Fn::GetAtt` attribute is
    /// checked against the resource type's schema in `region`. A template with a `Transform`
    /// has none: the transform may define the names.
    static func all(_ template: Template, region: String, sites: [FunctionSite]) -> [BrokenReference] {
        if FunctionWalker.isTransformed(template) { return [] }
        let targets = FunctionWalker.refTargets(template)
        let resources = Set(template.resources.map(\.logicalId))
        var types: [String: String] = [:]
        for r in template.resources { if let t = r.type { types[r.logicalId] = t } }
        // cfn-lint does not look into an Fn::If whose condition is no condition of the template.
        let conditions = Set(template.conditions.map(\.name))
        var badIfs: Set<SourceRange> = []
        for site in sites {
            let (f, node) = (site.function, site.node)
            guard f.name == .if, let first = f.argument.listValue?.first else { continue }
            if let name = first.stringValue, conditions.contains(name) { continue }
            if first.functionValue != nil { continue }
            badIfs.insert(FunctionWalker.callRange(f, node))
        }
        var out: [BrokenReference] = []
        sites.forEach { site in
            let (f, path, scope) = (site.function, site.path, site.scope)
            if !badIfs.isEmpty, scope.enclosingRanges.contains(where: { badIfs.contains($0) }) { return }
            switch f.name {
            case .ref:
                guard let name = f.argument.stringValue else { return }
                // In Conditions only parameters and pseudo-parameters can be referred to.
                if scope.inConditions ? (targets.contains(name) && !resources.contains(name)) : targets.contains(name) { return }
                out.append(
                    BrokenReference(
                        kind: .ref,
                        message: resources.contains(name)
                            ? "Ref to the resource '\(name)': conditions can only refer to parameters and pseudo-parameters"
                            : "Ref to '\(name)', which is neither a parameter, a resource nor a pseudo-parameter",
                        range: f.form == .long ? f.keyRange : scope.anchor,
                        path: path,
                        scope: scope
                    )
                )
            case .getAtt:
                guard !scope.inConditions, let first = f.argument.listValue?.first, let name = first.stringValue else { return }
                let range = f.dotted ? (f.form == .long ? f.keyRange : scope.anchor) : first.range
                if resources.contains(name) {
                    guard let (_, attribute) = f.getAttTarget, let type = types[name],
                        let problem = attributeProblem(type: type, resource: name, attribute: attribute, region: region)
                    else { return }
                    let at = f.dotted ? range : (f.argument.listValue.map { $0.count > 1 ? $0[1].range : range } ?? range)
                    out.append(BrokenReference(kind: .getAtt, message: problem, range: at, path: path, scope: scope))
                    return
                }
                guard !samReference(name, resources) else { return }
                out.append(
                    BrokenReference(
                        kind: .getAtt,
                        message: "Fn::GetAtt reads an attribute of '\(name)', which is not a resource of this template",
                        range: range,
                        path: path,
                        scope: scope
                    )
                )
            case .sub:
                guard !scope.inConditions, let (string, locals) = subParts(f.argument, targets, resources), let text = string.stringValue
                else { return }
                let at = f.form == .long ? f.keyRange : scope.anchor
                for v in SubTemplate(text).variables where !locals.contains(v.name) {
                    let message: String
                    if let attribute = v.attribute {
                        if resources.contains(v.name) { continue }
                        message = "${\(v.name).\(attribute)} in Fn::Sub: '\(v.name)' is not a resource of this template"
                    } else {
                        if targets.contains(v.name) { continue }
                        message = "${\(v.name)} in Fn::Sub is neither a local variable, a parameter, a resource nor a pseudo-parameter"
                    }
                    out.append(BrokenReference(kind: .sub, message: message, range: at, path: path, scope: scope))
                }
            default:
                break
            }
        }
        return out
    }

    /// Why `attribute` is not one `Fn::GetAtt` can read from a resource of `type`; nil when it is
    /// (or when the type has no schema: custom resources take any attribute).
    private static func attributeProblem(type: String, resource: String, attribute: String, region: String) -> String? {
        guard let store = SchemaStore.bundled, !SchemaCheck.isSchemaless(type), type != "AWS::CloudFormation::CustomResource",
            !((type == "AWS::CloudFormation::Stack" || type == "AWS::ServiceCatalog::CloudFormationProvisionedProduct")
                && attribute.hasPrefix("Outputs.")),
            let schema = store.schema(for: type, region: region),
            !schema.attributes.contains(where: { $0.name == attribute })
        else { return nil }
        let names = schema.attributes.map(\.name)
        if names.isEmpty { return "Fn::GetAtt reads '\(attribute)' of '\(resource)', but \(type) has no attributes" }
        let guess = NameMatch.closest(to: attribute, in: names, limit: 1).first
        return "Fn::GetAtt reads '\(attribute)' of '\(resource)', which \(type) does not have"
            + (guess.map { "; did you mean '\($0)'?" }
                ?? " (it has: \(names.prefix(8).joined(separator: ", "))\(names.count > 8 ? ", ..." : ""))")
    }

    /// `Function.Alias`, `Api.Stage`: a SAM resource's generated resource, named through it.
    private static func samReference(_ name: String, _ resources: Set<String>) -> Bool {
        guard let dot = name.firstIndex(of: ".") else { return false }
        return resources.contains(String(name[..<dot]))
    }

    /// The string of a well-formed `Fn::Sub` and its local variable names. A list form whose
    /// variables hold a malformed value or a dangling reference is not checked further (the
    /// problem in the variables is reported, not the string's names).
    private static func subParts(_ argument: Node, _ targets: Set<String>, _ resources: Set<String>) -> (Node, Set<String>)? {
        switch argument.value {
        case .string:
            return (argument, [])
        case .list(let items):
            guard items.count == 2, case .string = items[0].value, let vars = items[1].mapValue else { return nil }
            for e in vars.entries {
                switch e.value.value {
                case .string, .number, .bool, .function: break
                default: return nil
                }
            }
            for r in items[1].references {
                switch r.kind {
                case .ref:
                    if !targets.contains(r.target) { return nil }
                case .sub where r.attribute == nil:
                    if !targets.contains(r.target) { return nil }
                case .getAtt, .sub:
                    if !resources.contains(r.target) { return nil }
                default:
                    break
                }
            }
            return (items[0], Set(vars.keys))
        default:
            return nil
        }
    }

    /// Adds the findings routed to `rule`.
    static func report<R: Rule>(_ rule: R.Type, _ context: LintContext, into findings: inout [Finding]) {
        for b in context.shared.broken(context) {
            guard let (id, range) = b.route, id == R.info.id else { continue }
            findings.append(context.finding(rule, b.message, at: range, path: b.path))
        }
    }
}
