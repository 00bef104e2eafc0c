import CFNModel
import Synchronization

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
    public internal(set) var enumValues: [JSONValue]? {
        didSet { enumTexts = enumValues.map { Set($0.compactMap(\.scalarText)) } ?? [] }
    }
    public internal(set) var enumCaseInsensitive = false
    /// The allowed values as text, for a lookup instead of a walk of a list of hundreds
    /// (instance types, regions).
    private(set) var enumTexts: Set<String> = []
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
    /// The node `$ref` leads to. A definition's own node (the one with `definitionName`) leads
    /// to the definition's schema, compiled the first time this is read.
    public var ref: SchemaNode? { definition?.node ?? refTarget }
    var refTarget: SchemaNode?
    /// For the node that stands for a definition: where its schema is compiled from.
    var definition: LazyDefinition?
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

/// Patterns by source text, compiled once for every document that shares the cache (those of
/// one store); nil for one the linear-time matcher cannot take.
final class PatternCache: Sendable {
    private let patterns = Locked<[String: Pattern?]>([:])

    init() {}

    func pattern(_ source: String) -> Pattern? {
        if let hit = patterns.withLock({ $0[source] }) { return hit }
        // Compiled outside the lock; two threads may both compile it once, harmlessly.
        let compiled = try? Pattern(source)
        patterns.withLock { $0[source] = compiled }
        return compiled
    }
}

/// One `#/definitions/<name>` of a document, compiled the first time a `$ref` to it is followed
/// (a template reaches few of a resource schema's definitions), then shared by every `$ref`.
final class LazyDefinition: @unchecked Sendable {
    let document: SchemaDocument
    let name: String
    /// The compiled node once it is complete: read without the document's lock (the node's
    /// fields are written before it is stored here, and never after).
    private let published = Atomic<Unmanaged<SchemaNode>?>(nil)
    /// The compiled node, kept alive here; written and read under the document's lock only.
    var compiled: SchemaNode?
    var failed = false

    init(document: SchemaDocument, name: String) {
        self.document = document
        self.name = name
    }

    var node: SchemaNode? {
        if let done = published.load(ordering: .acquiring) { return done.takeUnretainedValue() }
        return document.compile(self)
    }

    func publish(_ node: SchemaNode) { published.store(Unmanaged.passUnretained(node), ordering: .releasing) }
}

/// A schema document being compiled into `SchemaNode`s: the root at once, each definition the
/// first time a `$ref` to it is followed. Definitions come from the bytes the document was read
/// from (parsed then, `JSONValue.parseDocument`) or from a parsed `definitions` member. Safe to
/// share between threads: compiling holds the document's lock.
final class SchemaDocument: @unchecked Sendable {
    private let lock = RecursiveLock()
    private let bytes: [UInt8]
    private let byteDefinitions: [String: Range<Int>]
    private let jsonDefinitions: JSONValue?
    private let patterns: PatternCache
    // Under `lock`:
    private var placeholders: [String: SchemaNode] = [:]
    /// The nodes with an `if` compiled by the current compile, whose keys are worked out once it
    /// is done (they may follow `$ref`s).
    private var conditionals: [SchemaNode] = []

    /// A document read from `bytes`, its definitions at `definitions`.
    init(bytes: [UInt8], definitions: [String: Range<Int>], patterns: PatternCache) {
        self.bytes = bytes
        byteDefinitions = definitions
        jsonDefinitions = nil
        self.patterns = patterns
    }

    /// A document given parsed: its definitions are those of `root`.
    init(json root: JSONValue, patterns: PatternCache) {
        bytes = []
        byteDefinitions = [:]
        jsonDefinitions = root["definitions"]
        self.patterns = patterns
    }

    /// The compiled `root` of the document.
    func compileRoot(_ root: JSONValue) -> SchemaNode {
        lock.withLock {
            let start = conditionals.count
            let node = compile(root)
            finish(from: start)
            return node
        }
    }

    /// The compiled schema of `definition` (nil when its text is not JSON).
    func compile(_ definition: LazyDefinition) -> SchemaNode? {
        lock.withLock {
            if let done = definition.compiled { return done }
            guard !definition.failed, let json = source(definition.name) else {
                definition.failed = true
                return nil
            }
            let start = conditionals.count
            let node = compile(json)
            // Set before the keys are worked out: an `if` inside may lead back here.
            definition.compiled = node
            finish(from: start)
            definition.publish(node)
            return node
        }
    }

    private func source(_ name: String) -> JSONValue? {
        if let range = byteDefinitions[name] { return JSONValue.parse(bytes, in: range) }
        return jsonDefinitions?[name]
    }

    /// Works out the keys of the `if` nodes compiled since `start`.
    private func finish(from start: Int) {
        guard conditionals.count > start else { return }
        let mine = Array(conditionals[start...])
        conditionals.removeSubrange(start...)
        for n in mine {
            n.ifKeys = n.conditionKeys()
            n.ifKeysComputed = true
        }
    }

    private func compile(_ value: JSONValue) -> SchemaNode {
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
            case "$ref": node.refTarget = v.string.flatMap { reference($0) }
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

    private func pattern(_ source: String) -> Pattern? { patterns.pattern(source) }

    /// `#/definitions/Name` (the only form the resource schemas use): the node that stands for
    /// the definition, one for every `$ref` to it; nil when the document has no such definition.
    private func reference(_ ref: String) -> SchemaNode? {
        let prefix = "#/definitions/"
        guard ref.hasPrefix(prefix) else { return nil }
        let name = String(ref.dropFirst(prefix.count))
        if let node = placeholders[name] { return node }
        guard byteDefinitions[name] != nil || jsonDefinitions?[name] != nil else { return nil }
        let placeholder = SchemaNode()
        placeholder.definitionName = name
        placeholder.definition = LazyDefinition(document: self, name: name)
        placeholders[name] = placeholder
        return placeholder
    }
}

extension SchemaNode {
    /// Compiles a parsed schema (`#/definitions/Name` references into its own `definitions`).
    static func compile(_ json: JSONValue, patterns: PatternCache = PatternCache()) -> SchemaNode {
        SchemaDocument(json: json, patterns: patterns).compileRoot(json)
    }

    /// Compiles a schema given as JSON text (`#/definitions/Name` references inside it): for
    /// schemas that are not resource schemas, such as the IAM policy documents'. Nil when the
    /// text is not JSON.
    public static func compile(json: String) -> SchemaNode? {
        let bytes = Array(json.utf8)
        guard let (root, definitions) = JSONValue.parseDocument(bytes) else { return nil }
        return SchemaDocument(bytes: bytes, definitions: definitions, patterns: PatternCache()).compileRoot(root)
    }
}
