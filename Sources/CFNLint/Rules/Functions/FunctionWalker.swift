import CFNModel

/// Where a node sits in the template, as the function rules need to know it.
struct FunctionScope: Sendable {
    /// The section: `Resources`, `Outputs`, `Conditions`.
    var section: String
    /// For a node under `Resources`: the resource's type.
    var resourceType: String?
    /// The functions around the node, outermost first.
    var enclosing: [FunctionName] = []

    /// Whether the node is inside the `Conditions` section.
    var inConditions: Bool { section == "Conditions" }
    /// Where each enclosing function's call is written, outermost first.
    var enclosingRanges: [SourceRange] = []

    /// The nearest key written in the source above the node (a mapping key or a long-form
    /// function's key): where cfn-lint places a problem inside a short-form function, whose
    /// tag it does not record a position for.
    var anchor: SourceRange = .unknown

    /// For a node under an output's `Value`: where the `Value` key is written.
    var outputValueKey: SourceRange?

    /// Whether the node is inside a `Fn::Sub` (its string or its variables).
    var insideSub: Bool { enclosing.contains(.sub) }
}

/// One function call the walk found: the call, its node, its path and its scope.
struct FunctionSite {
    var function: Intrinsic
    var node: Node
    var path: [String]
    var scope: FunctionScope
}

/// Walks every node of the parts of a template that CloudFormation evaluates functions in
/// (resources' properties, outputs, conditions), once, in document order, and
/// hands each node to a visitor with its path and scope. Every function rule is one visitor,
/// so each rule costs one linear pass.
enum FunctionWalker {
    /// Calls `visit` for every node, parents before children.
    static func walk(_ template: Template, _ visit: (Node, [String], FunctionScope) -> Void) {
        for e in template.root["Resources"]?.mapValue?.entries ?? [] where !e.key.hasPrefix("Fn::ForEach") {
            let type = e.value["Type"]?.stringValue
            // cfn-lint checks functions in a resource's properties against the type's schema: the
            // properties of a type it has none for (another vendor's, a SAM type left
            // untransformed) are not looked at, nor are the other attributes.
            guard let type, FunctionWalker.hasSchema(type) else { continue }
            for attr in e.value.mapValue?.entries ?? [] where attr.key == "Properties" {
                var scope = FunctionScope(section: "Resources", resourceType: type)
                scope.anchor = attr.keyRange
                var path = ["Resources", e.key, attr.key]
                walk(attr.value, &path, &scope, visit)
            }
        }
        for e in template.root["Outputs"]?.mapValue?.entries ?? [] where !e.key.hasPrefix("Fn::ForEach") {
            visit(e.value, ["Outputs", e.key], FunctionScope(section: "Outputs"))
            for attr in e.value.mapValue?.entries ?? [] {
                var scope = FunctionScope(section: "Outputs")
                scope.anchor = attr.keyRange
                if attr.key == "Value" { scope.outputValueKey = attr.keyRange }
                var path = ["Outputs", e.key, attr.key]
                walk(attr.value, &path, &scope, visit)
            }
        }
        for e in template.root["Conditions"]?.mapValue?.entries ?? [] where !e.key.hasPrefix("Fn::ForEach") {
            var scope = FunctionScope(section: "Conditions")
            scope.anchor = e.keyRange
            var path = ["Conditions", e.key]
            walk(e.value, &path, &scope, visit)
        }
    }

    /// The walk below one node. The path and scope are one stack each, pushed before a child and
    /// popped after it: a visitor that keeps them gets its own copy (copy on write), and the walk
    /// itself allocates no array per node. Rules that look at a part the template walk leaves
    /// out (a resource's Metadata) start it on that part.
    static func walk(
        _ node: Node,
        _ path: inout [String],
        _ scope: inout FunctionScope,
        _ visit: (Node, [String], FunctionScope) -> Void
    ) {
        visit(node, path, scope)
        switch node.value {
        case .list(let items):
            for i in items.indices {
                path.append(String(i))
                walk(items[i], &path, &scope, visit)
                path.removeLast()
            }
        case .map(let m):
            // `Fn::ForEach::Name` loops define their own identifiers; their bodies are only
            // meaningful after the language extensions expand them.
            let anchor = scope.anchor
            for i in m.entries.indices where !m.entries[i].key.hasPrefix("Fn::ForEach") {
                scope.anchor = m.entries[i].keyRange
                path.append(m.entries[i].key)
                walk(m.entries[i].value, &path, &scope, visit)
                path.removeLast()
            }
            scope.anchor = anchor
        case .function(let f):
            let anchor = scope.anchor
            scope.enclosing.append(f.name)
            scope.enclosingRanges.append(callRange(f, node))
            if f.form == .long && f.keyRange.start.line > 0 { scope.anchor = f.keyRange }
            path.append(f.name.rawValue)
            walk(f.argument, &path, &scope, visit)
            path.removeLast()
            scope.enclosing.removeLast()
            scope.enclosingRanges.removeLast()
            scope.anchor = anchor
        default:
            break
        }
    }

    /// Every function call in the walked parts, in document order, with its path and scope.
    static func sites(_ template: Template) -> [FunctionSite] {
        var out: [FunctionSite] = []
        functions(template) { f, node, path, scope in out.append(FunctionSite(function: f, node: node, path: path, scope: scope)) }
        return out
    }

    /// Calls `visit` for each function call in the walked parts.
    static func functions(_ template: Template, _ visit: (Intrinsic, Node, [String], FunctionScope) -> Void) {
        walk(template) { node, path, scope in
            if case .function(let f) = node.value { visit(f, node, path, scope) }
        }
    }

    /// The line a function call is reported on: its key in the long form, its tag in the short one.
    static func callRange(_ f: Intrinsic, _ node: Node) -> SourceRange {
        f.form == .long && f.keyRange.start.line > 0 ? f.keyRange : node.range
    }

    /// Names a `Ref` may point at: parameters, resources, pseudo-parameters.
    static func refTargets(_ template: Template) -> Set<String> {
        var names = Set(DependencyGraph.pseudoParameters)
        for p in template.parameters { names.insert(p.name) }
        for r in template.resources { names.insert(r.logicalId) }
        return names
    }

    /// The rule a problem inside a function is reported under: cfn-lint checks a function given
    /// to `Fn::Select` or `Fn::Join` as part of that function (E1017, E1022).
    static func reportingId(_ own: String, _ scope: FunctionScope) -> String {
        switch scope.enclosing.last(where: { $0 != .if }) {
        case .select?: return "E1017"
        case .join?: return "E1022"
        default: return own
        }
    }

    /// Where a function's own argument is placed: its key in the long form, the nearest key
    /// above in the short form (cfn-lint keeps no position for a tag).
    static func argumentRange(_ f: Intrinsic, _ scope: FunctionScope) -> SourceRange {
        f.form == .long && f.keyRange.start.line > 0 ? f.keyRange : scope.anchor
    }

    /// The function a value calls: an intrinsic, or a one-key mapping whose key is a function
    /// name this model does not decode (`Fn::GetStackOutput`).
    static func calledFunction(_ node: Node) -> FunctionName? {
        if let f = node.functionValue { return f.name }
        if let m = node.mapValue, m.count == 1, let key = m.keys.first, key.hasPrefix("Fn::") { return FunctionName(rawValue: key) }
        return nil
    }

    /// Whether cfn-lint has a schema for a resource type (by its namespace).
    static func hasSchema(_ type: String) -> Bool {
        if type.hasPrefix("AWS::Serverless::") { return false }
        return type.hasPrefix("AWS::") || type.hasPrefix("Custom::") || type.hasPrefix("Alexa::")
    }

    /// Whether a template is changed by a transform before CloudFormation reads it: names may
    /// then come from the transform, so existence checks stay quiet.
    static func isTransformed(_ template: Template) -> Bool { !template.transforms.isEmpty }
}
