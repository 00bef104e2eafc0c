import CFNModel
import CFNSchema

/// The schemas cfn-lint 1.51.0 reads a resource's attributes with (`UpdatePolicy` E3016,
/// `Metadata` E3028, `AWS::CloudFormation::Init` E3009, `CreationPolicy` E3055), from
/// `Sources/CFNLint/Data/ResourceAttributeSchemas.swift`, and the problems a value has under one.
enum ResourceAttributeSchema {
    /// Each schema by its name in the document (`update`, `metadata`, `init`, `creation.<type>`),
    /// compiled on first use.
    static let schemas: [String: SchemaNode] = {
        guard let root = SchemaNode.compile(json: ResourceAttributeSchemas.json) else { return [:] }
        return root.properties
    }()

    /// The problems of `node` under the schema `name`, each a finding of `rule` (reported at
    /// `at` for the node itself, at a key or an item below it). What a function gives, a YAML
    /// spelling, an identifier's format are other rules' (as in cfn-lint, where these rules
    /// leave them to the function rules).
    static func check<R: Rule>(
        _ rule: R.Type,
        _ node: Node,
        _ name: String,
        at: SourceRange,
        path: [String],
        _ context: LintContext,
        into findings: inout [Finding]
    ) {
        guard let schema = schemas[name], let values = context.shared.values(context) else { return }
        var validator = Validator(context: values)
        validator.validate(node, schema, at: at)
        for v in validator.violations {
            switch v.keyword {
            case .resolved, .functionType, .implicitConversion, .format, .refFormat, .getAttFormat, .duplicateItems: continue
            default: findings.append(context.finding(rule, v.message, at: v.range, path: path))
            }
        }
    }
}
