import CFNModel
import CFNSchema

/// E3019: two resources of a type with the same literal primary identifier.
struct PrimaryIdentifierUnique: Rule {
    static let info = RuleInfo(
        id: "E3019",
        title: "Duplicate primary identifier",
        description: """
            Two resources of the same type are given the same value for every property of the \
            type's primary identifier (the resource schema's `primaryIdentifier`, e.g. a Lambda \
            function's `FunctionName`): the second cannot be created. Only literal values are \
            compared; resources with a `Condition` are left out.
            """,
        passing: [
            """
            Resources:
              First:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: first
              Second:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: second
            """
        ],
        failing: [
            """
            Resources:
              First:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: /app/logs # <-
              Second:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: /app/logs # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let store = SchemaStore.bundled else { return }
        let region = context.schemaRegion
        var seen: [String: [(name: String, range: SourceRange)]] = [:]
        var order: [String] = []
        for r in context.template.resources where r.node["Condition"] == nil {
            guard let type = r.type, let schema = store.schema(for: type, region: region), !schema.primaryIdentifier.isEmpty,
                let properties = r.node["Properties"]
            else { continue }
            var values: [String] = []
            var at: SourceRange?
            for path in schema.primaryIdentifier {
                guard path.count == 1, let entry = properties[entry: path[0]], let text = entry.value.scalarText else { break }
                values.append(path[0] + "=" + text)
                at = at ?? entry.keyRange
            }
            guard values.count == schema.primaryIdentifier.count, let at else { continue }
            let key = type + "\u{0}" + values.joined(separator: "\u{0}")
            if seen[key] == nil { order.append(key) }
            seen[key, default: []].append((r.logicalId, at))
        }
        for key in order {
            guard let group = seen[key], group.count > 1 else { continue }
            for r in group {
                let others = group.filter { $0.name != r.name }.map(\.name).joined(separator: ", ")
                findings.append(context.finding(Self.self, "\(r.name) has the same primary identifier as \(others): only one can exist", at: r.range))
            }
        }
    }
}
