import CFNModel
import CFNSchema

struct Schema: Command {
    static let spec = CommandSpec(
        name: "schema",
        abstract: "Show what a resource type takes: its properties, their types and limits, what replaces it.",
        discussion: """
            cfntool schema TYPE shows the type's data source, the regions that have it, its \
            lifecycle (when AWS retires it), a table of the properties a template may set (in the \
            schema's order: type, required, create-only, a summary of the limits on the value), \
            the attributes Fn::GetAtt can read and the primary identifier. create-only: changing \
            the property replaces the resource; conditional create-only: changing it may.

            cfntool schema TYPE PROPERTY (or TYPE.PROPERTY) shows one property in full: every \
            allowed value, the whole pattern, length, range and item counts, and for an object \
            (or a list of objects) its own properties. A PROPERTY inside another is a dotted \
            path: AWS::ECS::Service LoadBalancers.ContainerPort.

            cfntool schema --list [PREFIX] lists the resource types (those whose name starts \
            with PREFIX, ignoring case).

            --format json prints one object with the same content (fields in README.md).

            Exit codes: 0 shown; 2 unknown resource type or property, or no schema bundle \
            found; 64 usage error.
            """,
        options: [
            .flag("list", help: "List the resource types (those starting with the first argument, if given)."),
            .choice("format", OutputFormat.self, default: .text, help: "Output format: text or json."),
            .text("region", help: "Show the schema of this region (default: us-east-1, or any region that has the type)."),
        ],
        arguments: [
            ArgumentSpec(
                name: "TYPE",
                required: false,
                help: "A resource type (AWS::SQS::Queue), optionally with .PROPERTY; with --list, a prefix."
            ),
            ArgumentSpec(
                name: "PROPERTY",
                required: false,
                help: "A property, or a dotted path to one inside another (LoadBalancers.ContainerPort)."
            ),
        ]
    )

    enum OutputFormat: String, CaseIterable {
        case text, json
    }

    var list: Bool
    var format: OutputFormat
    var region: String?
    var type: String?
    var property: String?

    init(_ arguments: ParsedArguments) {
        list = arguments.flag("list")
        format = arguments.choice("format", as: OutputFormat.self) ?? .text
        region = arguments.value("region")
        type = arguments.argument("TYPE")
        property = arguments.argument("PROPERTY")
    }

    func validate() throws(UsageError) {
        if !list && type == nil { throw UsageError("give a resource type (or --list)") }
        if list && property != nil { throw UsageError("--list takes one prefix at most") }
    }

    func run() throws {
        guard let store = SchemaStore.bundled else {
            Console.err(
                "error: no resource schema bundle found (looked beside the binary and in the source tree; CFNTOOL_SCHEMAS can point at one)"
            )
            throw ExitCode(2)
        }
        if list { return listTypes(store) }
        var pathParts = (type ?? "").split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let typeName = pathParts.removeFirst()
        pathParts += (property ?? "").split(separator: ".").map(String.init)
        let path = pathParts.filter { !$0.isEmpty && $0 != "*" }

        guard store.knows(typeName) else {
            let near = NameMatch.closest(to: typeName, in: store.typeNames, limit: 1)
            let hint = near.first.map { "did you mean '\($0)'?" } ?? "cfntool schema --list shows the known types"
            throw fail("unknown resource type '\(typeName)'; \(hint)")
        }
        if let region, !store.regions(of: typeName).isEmpty, !store.isAvailable(typeName, in: region) {
            throw fail("\(typeName) is not available in \(region)")
        }
        guard let schema = store.schema(for: typeName, region: region ?? "us-east-1") else {
            throw fail("the schema of \(typeName) could not be read from \(store.directory)")
        }
        if path.isEmpty {
            overview(schema, store: store)
            return
        }
        for depth in 1...path.count where schema.propertySchema(Array(path.prefix(depth))) == nil {
            let name = path[depth - 1]
            let parent = Array(path.prefix(depth - 1))
            let owner = parent.isEmpty ? typeName : typeName + " " + parent.joined(separator: ".")
            let names = schema.propertyNames(under: parent)
            if names.isEmpty {
                let kind = schema.propertySchema(parent)?.typeDescription ?? "value"
                throw fail("unknown property '\(name)': \(owner) (\(kind)) has no properties")
            }
            if let near = NameMatch.closest(to: name, in: names, limit: 1).first {
                throw fail("unknown property '\(name)' of \(owner); did you mean '\(near)'?")
            }
            throw fail("unknown property '\(name)' of \(owner); its properties are: \(names.joined(separator: ", "))")
        }
        detail(schema, path: path)
    }

    /// Reports why the command cannot answer; the caller throws the exit code (2).
    private func fail(_ message: String) -> ExitCode {
        Console.err("error: " + message)
        return ExitCode(2)
    }

    // MARK: --list

    private func listTypes(_ store: SchemaStore) {
        let prefix = (type ?? "").lowercased()
        let names = store.typeNames.filter { $0.lowercased().hasPrefix(prefix) }
        if names.isEmpty { Console.err("no resource type starts with '\(type ?? "")'") }
        switch format {
        case .text: if !names.isEmpty { Console.out(names.joined(separator: "\n")) }
        case .json: Console.out(bytes: Formatter.json(Node(.list(names.map(Node.string)))))
        }
    }

    // MARK: text

    private func overview(_ schema: ResourceSchema, store: SchemaStore) {
        let regions = store.regions(of: schema.typeName)
        let missing = store.regions.filter { !regions.contains($0) }
        let properties = schema.properties(under: []) ?? []
        switch format {
        case .json:
            var pairs: [(String, Node)] = [
                ("resourceType", .string(schema.typeName)), ("source", .string(store.source)),
                ("regions", Node(.number(Number(regions.count)))), ("missingRegions", Node(.list(missing.map(Node.string)))),
                ("lifecycle", lifecycleJSON(schema)),
            ]
            pairs += [
                ("properties", Node(.list(properties.map { propertyJSON($0, full: false) }))),
                ("rules", Node(.list(schema.root.objectRules.map(Node.string)))),
                (
                    "attributes",
                    Node(
                        .list(
                            schema.attributes.map {
                                object([("name", .string($0.name)), ("type", .string($0.schema?.typeDescription ?? "any"))])
                            }
                        )
                    )
                ),
                ("primaryIdentifier", Node(.list(schema.primaryIdentifier.map { Node.string(dotted($0)) }))),
            ]
            Console.out(bytes: Formatter.json(object(pairs)))
        case .text:
            var lines = [schema.typeName, "  source: \(store.source)"]
            var where_ = "  regions: \(regions.count) of \(store.regions.count)"
            if !missing.isEmpty { where_ += " (not in: \(missing.joined(separator: ", ")))" }
            lines.append(where_)
            if let l = schema.lifecycle { lines.append("  lifecycle: \(l.status) from \(l.date)") }
            lines.append("")
            if properties.isEmpty {
                lines.append("  no properties")
            } else {
                lines += PropertyDescription.table(properties)
            }
            let rules = schema.root.objectRules
            if !rules.isEmpty {
                lines.append("")
                lines += rules.map { "  " + $0 }
            }
            lines.append("")
            let attributes = schema.attributes.map { "\($0.name) (\($0.schema?.typeDescription ?? "any"))" }
            lines.append("  Fn::GetAtt: " + (attributes.isEmpty ? "none" : attributes.joined(separator: ", ")))
            lines.append("  primary identifier: " + schema.primaryIdentifier.map(dotted).joined(separator: ", "))
            if properties.contains(where: { $0.isCreateOnly || $0.isConditionalCreateOnly }) {
                lines.append("")
                lines.append("  create-only: changing it replaces the resource; conditional create-only: changing it may")
            }
            Console.out(lines.joined(separator: "\n"))
        }
    }

    private func detail(_ schema: ResourceSchema, path: [String]) {
        guard let p = schema.describe(path) else { return }
        let children = schema.properties(under: path)
        let container = p.schema.propertyContainer
        switch format {
        case .json:
            var pairs = propertyPairs(p, full: true)
            pairs.insert(("resourceType", .string(schema.typeName)), at: 0)
            pairs.append(("allowedValues", p.schema.allowedValues.map { Node(.list($0.map(node))) } ?? Node(.null)))
            pairs.append(("pattern", p.schema.patternSource.map(Node.string) ?? Node(.null)))
            pairs.append(("rules", Node(.list((container?.objectRules ?? []).map(Node.string)))))
            pairs.append(("properties", Node(.list((children ?? []).map { propertyJSON($0, full: false) }))))
            Console.out(bytes: Formatter.json(object(pairs)))
        case .text:
            var lines = ["\(schema.typeName) \(dotted(path))", "  type: \(p.typeDescription)"]
            lines.append("  required: " + (p.isRequired ? "yes" : "no"))
            if p.isReadOnly {
                lines.append("  read-only: CloudFormation sets it; read it with Fn::GetAtt")
            } else if p.isCreateOnly {
                lines.append("  create-only: changing it replaces the resource")
            } else if p.isConditionalCreateOnly {
                lines.append("  conditional create-only: changing it may replace the resource")
            } else {
                lines.append("  updates in place (not create-only)")
            }
            lines += p.schema.constraints(full: true).map { "  " + $0 }
            if let container {
                lines.append("")
                let rows = children ?? []
                lines += rows.isEmpty ? ["  no properties"] : PropertyDescription.table(rows)
                lines += container.objectRules.map { "  " + $0 }
            }
            Console.out(lines.joined(separator: "\n"))
        }
    }

    // MARK: JSON

    private func lifecycleJSON(_ schema: ResourceSchema) -> Node {
        guard let l = schema.lifecycle else { return Node(.null) }
        return object([("status", .string(l.status)), ("date", .string(l.date))])
    }

    private func propertyPairs(_ p: PropertyDescription, full: Bool) -> [(String, Node)] {
        [
            ("name", .string(p.name)), ("path", .string(dotted(p.path))), ("type", .string(p.typeDescription)),
            ("required", Node(.bool(p.isRequired))), ("createOnly", Node(.bool(p.isCreateOnly))),
            ("conditionalCreateOnly", Node(.bool(p.isConditionalCreateOnly))), ("readOnly", Node(.bool(p.isReadOnly))),
            ("constraints", Node(.list(p.schema.constraints(full: full).map(Node.string)))),
        ]
    }

    private func propertyJSON(_ p: PropertyDescription, full: Bool) -> Node { object(propertyPairs(p, full: full)) }

    private func object(_ pairs: [(String, Node)]) -> Node {
        Node(.map(Map(pairs.map { Map.Entry(key: $0.0, value: $0.1) })))
    }

    private func node(_ value: JSONValue) -> Node {
        switch value {
        case .string(let s): return .string(s)
        case .number(let d):
            return Node(
                .number(
                    Number(
                        text: value.scalarText ?? String(d),
                        kind: d == d.rounded() ? .integer : .float,
                        canonical: value.scalarText ?? String(d)
                    )
                )
            )
        case .bool(let b): return Node(.bool(b))
        case .null: return Node(.null)
        case .array(let a): return Node(.list(a.map(node)))
        case .object(let m): return object(m.map { ($0.0, node($0.1)) })
        }
    }

    private func dotted(_ path: [String]) -> String { path.filter { $0 != "*" }.joined(separator: ".") }
}
