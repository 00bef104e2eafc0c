import CFNModel

/// JSON types a schema can ask for.
public struct JSONTypes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let string = JSONTypes(rawValue: 1)
    public static let integer = JSONTypes(rawValue: 2)
    public static let number = JSONTypes(rawValue: 4)
    public static let boolean = JSONTypes(rawValue: 8)
    public static let object = JSONTypes(rawValue: 16)
    public static let array = JSONTypes(rawValue: 32)
    public static let null = JSONTypes(rawValue: 64)
    public static let any = JSONTypes(rawValue: 127)
    /// What a scalar can stand for once CloudFormation reads it as text.
    public static let scalar: JSONTypes = [.string, .integer, .number, .boolean]

    static let names: [(String, JSONTypes)] = [
        ("string", .string), ("integer", .integer), ("number", .number), ("boolean", .boolean),
        ("object", .object), ("array", .array), ("null", .null),
    ]

    init?(name: String) {
        guard let t = JSONTypes.names.first(where: { $0.0 == name })?.1 else { return nil }
        self = t
    }

    /// `'string'`, or `'string', 'object'`.
    public var names: [String] { JSONTypes.names.filter { contains($0.1) }.map(\.0) }
}

/// One compiled schema (or sub-schema): the keywords the resource schemas use, parsed once.
/// A class, so that `$ref`s share their target and recursive definitions terminate.
public final class SchemaNode: @unchecked Sendable {
    /// What `additionalProperties` says.
    public enum Additional: Sendable {
        case allowed
        case forbidden
        case schema(SchemaNode)
    }

    public internal(set) var types: JSONTypes?
    public internal(set) var properties: [String: SchemaNode] = [:]
    /// Property names in schema order (for suggestions and `cfntool schema`).
    public internal(set) var propertyOrder: [String] = []
    public internal(set) var patternProperties: [(Pattern?, SchemaNode)] = []
    public internal(set) var additional: Additional = .allowed
    public internal(set) var required: [String] = []
    public internal(set) var requiredXor: [String] = []
    public internal(set) var requiredOr: [String] = []
    public internal(set) var dependentRequired: [(String, [String])] = []
    public internal(set) var dependentExcluded: [(String, [String])] = []
    public internal(set) var enumValues: [JSONValue]?
    public internal(set) var enumCaseInsensitive = false
    public internal(set) var constValue: JSONValue?
    public internal(set) var pattern: Pattern?
    /// A pattern the linear-time matcher cannot take: not checked.
    public internal(set) var skippedPattern: String?
    public internal(set) var minLength: Int?
    public internal(set) var maxLength: Int?
    public internal(set) var minimum: Double?
    public internal(set) var maximum: Double?
    public internal(set) var exclusiveMinimum: Double?
    public internal(set) var exclusiveMaximum: Double?
    public internal(set) var multipleOf: Double?
    public internal(set) var minItems: Int?
    public internal(set) var maxItems: Int?
    public internal(set) var uniqueItems = false
    /// `uniqueItems: false` written out: the list takes repeats, but a repeat is worth a note.
    public internal(set) var allowsDuplicates = false
    public internal(set) var items: SchemaNode?
    public internal(set) var prefixItems: [SchemaNode] = []
    public internal(set) var contains: SchemaNode?
    public internal(set) var minProperties: Int?
    public internal(set) var maxProperties: Int?
    public internal(set) var ref: SchemaNode?
    public internal(set) var allOf: [SchemaNode] = []
    public internal(set) var anyOf: [SchemaNode] = []
    public internal(set) var oneOf: [SchemaNode] = []
    public internal(set) var not: SchemaNode?
    /// The schema every key of an object must meet (as a string).
    public internal(set) var propertyNames: SchemaNode?
    public internal(set) var ifSchema: SchemaNode?
    /// For a node with `if`: the keys its `if`, `then` and `else` can look at (nil: any), worked
    /// out once when its document is compiled (`ifKeysComputed`), not at every check.
    var ifKeys: Set<String>?
    var ifKeysComputed = false
    public internal(set) var thenSchema: SchemaNode?
    public internal(set) var elseSchema: SchemaNode?
    public internal(set) var format: String?
    /// `false` as a schema: nothing is valid.
    public internal(set) var rejectsAll = false
    /// `true` as a schema: anything is valid, a function's unknown value too (where `{}` still
    /// asks about a function's value, as cfn-lint reads it).
    public internal(set) var acceptsAll = false
    /// cfn-lint's `cfnGather` (properties of this resource and of those it references, put
    /// together and checked against a schema that may compare them, `$data`), as written.
    public internal(set) var gather: JSONValue?
    /// The name under `definitions` when this node stands for one (`LoadBalancer`).
    public internal(set) var definitionName: String?

    init() {}

    /// A schema that asks only that a value be of one `format` (`AWS::IAM::Role.Arn`): for
    /// rules that check an identifier in a free-form mapping the resource schema does not type.
    public static func format(_ name: String) -> SchemaNode {
        let node = SchemaNode()
        node.format = name
        return node
    }

    /// The node with `$ref` followed (a referencing node may add keywords of its own, so callers
    /// that validate check both; this is for reading: types, properties, enums).
    public var resolved: SchemaNode {
        var node = self
        var hops = 0
        while let next = node.ref, hops < 32 {
            node = next
            hops += 1
        }
        return node
    }

    /// The types a value may have, following `$ref` and one level of `anyOf`/`oneOf`.
    public var effectiveTypes: JSONTypes? {
        let node = resolved
        if let t = node.types ?? types { return t }
        let branches = node.anyOf + node.oneOf
        guard !branches.isEmpty else { return nil }
        var all: JSONTypes = []
        for b in branches {
            guard let t = b.effectiveTypes else { return nil }
            all.formUnion(t)
        }
        return all
    }
}

extension SchemaNode {
    /// The keys of a mapping that this node's `if`, `then` and `else` can look at; nil when they
    /// may look at any.
    func conditionKeys() -> Set<String>? {
        guard let condition = ifSchema else { return [] }
        var keys: Set<String>? = condition.keysRead()
        for part in [thenSchema, elseSchema].compactMap({ $0 }) {
            keys = keys.flatMap { k in part.keysRead().map { k.union($0) } }
        }
        return keys
    }

    /// The keys of an object this schema can look at (its properties, required names, ...,
    /// through `allOf`/`anyOf`/`oneOf`/`not`/`if`/`$ref` at the same level); nil when it may
    /// look at any (pattern or additional properties, property counts).
    func keysRead(depth: Int = 0) -> Set<String>? {
        guard depth < 16 else { return nil }
        if !patternProperties.isEmpty || minProperties != nil || maxProperties != nil || propertyNames != nil { return nil }
        if case .allowed = additional {} else { return nil }
        var keys = Set(propertyOrder)
        keys.formUnion(required)
        keys.formUnion(requiredXor)
        keys.formUnion(requiredOr)
        for (key, others) in dependentRequired + dependentExcluded {
            keys.insert(key)
            keys.formUnion(others)
        }
        let parts = allOf + anyOf + oneOf + [ref, not, ifSchema, thenSchema, elseSchema].compactMap { $0 }
        for part in parts {
            guard let more = part.keysRead(depth: depth + 1) else { return nil }
            keys.formUnion(more)
        }
        return keys
    }
}

/// Compiles a schema document (`definitions` for `$ref`) into `SchemaNode`s.
struct SchemaCompiler {
    private let root: JSONValue
    private var definitions: [String: SchemaNode] = [:]
    private var patterns: [String: Pattern?]

    init(root: JSONValue, patterns: [String: Pattern?] = [:]) {
        self.root = root
        self.patterns = patterns
    }

    /// The nodes with an `if`, whose keys are worked out once every `$ref` is resolved.
    private var conditionals: [SchemaNode] = []

    /// The compiled root, and the pattern cache to share with the next document.
    mutating func compile() -> (SchemaNode, [String: Pattern?]) {
        let node = compile(root)
        for n in conditionals {
            n.ifKeys = n.conditionKeys()
            n.ifKeysComputed = true
        }
        return (node, patterns)
    }

    private mutating func compile(_ value: JSONValue) -> SchemaNode {
        let node = SchemaNode()
        if case .bool(let b) = value {
            node.rejectsAll = !b
            node.acceptsAll = b
            return node
        }
        guard let members = value.members else { return node }
        for (key, v) in members {
            switch key {
            case "type":
                if let s = v.string {
                    node.types = JSONTypes(name: s) ?? .any
                } else if let a = v.array {
                    node.types = a.reduce(into: JSONTypes()) { $0.formUnion($1.string.flatMap(JSONTypes.init(name:)) ?? .any) }
                }
            case "properties":
                for (name, sub) in v.members ?? [] {
                    node.properties[name] = compile(sub)
                    node.propertyOrder.append(name)
                }
            case "patternProperties":
                for (source, sub) in v.members ?? [] {
                    node.patternProperties.append((pattern(source), compile(sub)))
                }
            case "additionalProperties":
                if case .bool(let b) = v {
                    node.additional = b ? .allowed : .forbidden
                } else {
                    node.additional = .schema(compile(v))
                }
            case "required": node.required = strings(v)
            case "requiredXor": node.requiredXor = strings(v)
            case "requiredOr": node.requiredOr = strings(v)
            case "dependentRequired", "dependencies":
                for (name, list) in v.members ?? [] where list.array != nil {
                    node.dependentRequired.append((name, strings(list)))
                }
            case "dependentExcluded":
                for (name, list) in v.members ?? [] { node.dependentExcluded.append((name, strings(list))) }
            case "enum": node.enumValues = v.array
            case "enumCaseInsensitive":
                node.enumValues = v.array
                node.enumCaseInsensitive = true
            case "const": node.constValue = v
            case "pattern":
                if let s = v.string {
                    if let p = pattern(s) { node.pattern = p } else { node.skippedPattern = s }
                }
            case "minLength": node.minLength = v.number.map { Int($0) }
            case "maxLength": node.maxLength = v.number.map { Int($0) }
            case "minimum": node.minimum = v.number
            case "maximum": node.maximum = v.number
            case "exclusiveMinimum": node.exclusiveMinimum = v.number
            case "exclusiveMaximum": node.exclusiveMaximum = v.number
            case "multipleOf": node.multipleOf = v.number
            case "minItems": node.minItems = v.number.map { Int($0) }
            case "maxItems": node.maxItems = v.number.map { Int($0) }
            case "uniqueItems":
                node.uniqueItems = v == .bool(true)
                node.allowsDuplicates = v == .bool(false)
            case "items":
                if let list = v.array {
                    node.prefixItems = list.map { compile($0) }
                } else {
                    node.items = compile(v)
                }
            case "contains": node.contains = compile(v)
            case "prefixItems": node.prefixItems = (v.array ?? []).map { compile($0) }
            case "minProperties": node.minProperties = v.number.map { Int($0) }
            case "maxProperties": node.maxProperties = v.number.map { Int($0) }
            case "$ref": node.ref = v.string.flatMap { reference($0) }
            case "allOf": node.allOf += (v.array ?? []).map { compile($0) }
            case "cfnGather": node.gather = v
            // A context's schema applies as it is (the context only narrows what functions mean).
            case "cfnContext": if let sub = v["schema"] { node.allOf.append(compile(sub)) }
            case "anyOf": node.anyOf = (v.array ?? []).map { compile($0) }
            case "oneOf": node.oneOf = (v.array ?? []).map { compile($0) }
            case "not": node.not = compile(v)
            case "propertyNames": node.propertyNames = compile(v)
            case "if":
                node.ifSchema = compile(v)
                conditionals.append(node)
            case "then": node.thenSchema = compile(v)
            case "else": node.elseSchema = compile(v)
            case "format": node.format = v.string
            default: break
            }
        }
        return node
    }

    private func strings(_ v: JSONValue) -> [String] { (v.array ?? []).compactMap(\.string) }

    /// A pattern compiled once per bundle load; nil when the matcher cannot take it.
    private mutating func pattern(_ source: String) -> Pattern? {
        if let cached = patterns[source] { return cached }
        let compiled = try? Pattern(source)
        patterns[source] = compiled
        return compiled
    }

    /// `#/definitions/Name` (the only form the resource schemas use), compiled on first use.
    private mutating func reference(_ ref: String) -> SchemaNode? {
        let prefix = "#/definitions/"
        guard ref.hasPrefix(prefix) else { return nil }
        let name = String(ref.dropFirst(prefix.count))
        if let node = definitions[name] { return node }
        guard let target = root["definitions"]?[name] else { return nil }
        // A placeholder first: a definition may refer to itself.
        let placeholder = SchemaNode()
        placeholder.definitionName = name
        definitions[name] = placeholder
        let compiled = compile(target)
        placeholder.ref = compiled
        return placeholder
    }
}

extension SchemaNode {
    /// Compiles a schema given as JSON text (`#/definitions/Name` references inside it): for
    /// schemas that are not resource schemas, such as the IAM policy documents'. Nil when the
    /// text is not JSON.
    public static func compile(json: String) -> SchemaNode? {
        guard let value = JSONValue.parse(Array(json.utf8)) else { return nil }
        var compiler = SchemaCompiler(root: value)
        return compiler.compile().0
    }
}
