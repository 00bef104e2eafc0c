import CFNModel

extension LintContext {
    /// The values at a path under the `Properties` of each resource of a type, as cfn-lint's
    /// keyword rules read them: `paths` maps a type to its paths (`*` is each list item), and
    /// every `Fn::If` on the way (the `Properties` themselves included) is followed into both
    /// branches. Each value comes with its resource and where a finding on it is placed.
    func propertyValues(_ paths: [String: [[String]]]) -> [(resource: Resource, value: Node, at: SourceRange)] {
        var out: [(resource: Resource, value: Node, at: SourceRange)] = []
        for r in template.resources {
            guard let type = r.type, let typePaths = paths[type], let properties = r.node.mapValue?[entry: "Properties"]
            else { continue }
            for path in typePaths {
                for (value, at) in SchemaCheck.reach(properties.value, at: properties.keyRange, path[...]) {
                    out.append((r, value, at))
                }
            }
        }
        return out
    }
}
