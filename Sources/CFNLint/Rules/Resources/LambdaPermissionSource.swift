import CFNModel

/// What a Lambda permission's `SourceArn` can be, branch by branch: a resource of the template
/// (by `Ref` or `Fn::GetAtt`), a written ARN, or something else (another function, a
/// parameter) that says nothing. W3663 and W3664 read it alike.
enum LambdaPermissionSource {
    case resource(name: String, type: String)
    case arn(String)

    /// The sources of each branch of `SourceArn` (a `Fn::If` is followed into both).
    static func of(_ properties: Node, in template: Template) -> [LambdaPermissionSource] {
        guard let arn = properties.mapValue?["SourceArn"] else { return [] }
        var out: [LambdaPermissionSource] = []
        for (value, _) in arn.branches() where !value.isNoValue {
            if let text = value.stringValue {
                out.append(.arn(text))
                continue
            }
            guard let f = value.functionValue else { continue }
            let name = f.refTarget ?? f.getAttTarget?.0
            guard let name, let type = template.root["Resources"]?[name]?["Type"]?.stringValue else { continue }
            out.append(.resource(name: name, type: type))
        }
        return out
    }
}
