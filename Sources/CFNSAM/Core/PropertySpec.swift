import CFNModel

/// What a SAM resource's property may hold, as aws-sam-translator checks it before translating.
struct PropertySpec: Sendable {
    /// A value's shape, as Python sees the decoded JSON: a function call is a mapping.
    indirect enum Shape: Sendable {
        case any, string, map, bool, integer, list
        case listOf(Shape)
        case mapOf(Shape)
        case oneOf([Shape])
        case stringEnum([String])

        func matches(_ node: Node) -> Bool {
            switch self {
            case .any: return true
            case .string: return node.stringValue != nil
            case .map: return node.mapValue != nil || node.isIntrinsic
            case .bool:
                if case .bool = node.value { return true }
                return false
            case .integer:
                if case .bool = node.value { return true }
                if case .number(let n) = node.value { return n.kind == .integer }
                return false
            case .list: return node.listValue != nil
            case .listOf(let item): return node.listValue?.allSatisfy { item.matches($0) } ?? false
            case .mapOf(let item):
                if node.isIntrinsic { return true }
                return node.mapValue?.allSatisfy { item.matches($0.value) } ?? false
            case .oneOf(let shapes): return shapes.contains { $0.matches(node) }
            case .stringEnum(let values): return node.stringValue.map(values.contains) ?? false
            }
        }

        /// The words of "Property 'X' should be a ..." where aws-sam-translator has them.
        var expected: String? {
            switch self {
            case .map: return "a map"
            case .string: return "a string"
            case .stringEnum(let values):
                let quoted = values.map { "'\($0)'" }
                switch values.count {
                case 1: return "the string \(quoted[0])"
                case 2: return "one of the strings: \(quoted[0]) or \(quoted[1])"
                default: return "one of the strings: \(quoted.dropLast().joined(separator: ", ")), or \(quoted.last!)"
                }
            default: return nil
            }
        }
    }

    var shape: Shape
    var required = false
    /// Whether an intrinsic function is taken as it is (left for CloudFormation to judge).
    var intrinsics = true

    /// A property checked for `shape`, taking intrinsic functions.
    static func type(_ shape: Shape, required: Bool = false) -> PropertySpec { PropertySpec(shape: shape, required: required) }
    /// A property checked for `shape`; an intrinsic function is judged as a mapping.
    static func strict(_ shape: Shape, required: Bool = false) -> PropertySpec {
        PropertySpec(shape: shape, required: required, intrinsics: false)
    }
    /// A property passed on as it is.
    static let pass = PropertySpec(shape: .any, intrinsics: false)
    /// A required property passed on as it is.
    static let required = PropertySpec(shape: .any, required: true, intrinsics: false)
}

/// The properties a SAM resource type takes, in aws-sam-translator's order (which decides which
/// error comes first).
struct PropertyTable: Sendable {
    var entries: [(name: String, spec: PropertySpec)]

    init(_ entries: [(String, PropertySpec)]) { self.entries = entries.map { (name: $0.0, spec: $0.1) } }

    func contains(_ name: String) -> Bool { entries.contains { $0.name == name } }

    /// Checks `resource`'s properties: no unknown one, the required ones present, each of its shape.
    func validate(_ resource: SAMResource) throws(SAMError) {
        for entry in resource.properties where !contains(entry.key) {
            throw SAMError(
                "property \(entry.key) not defined for resource of type \(resource.type)",
                logicalId: resource.logicalId,
                range: entry.keyRange
            )
        }
        for (name, spec) in entries {
            let value = resource[name]
            // aws-sam-translator takes any one-key mapping for an intrinsic function here.
            if spec.intrinsics, let value, value.isIntrinsic || value.mapValue?.count == 1 { continue }
            guard let value else {
                if spec.required { throw resource.error("Missing required property '\(name)'.") }
                continue
            }
            if !spec.shape.matches(value) {
                let message = spec.shape.expected.map { "Property '\(name)' should be \($0)." } ?? "Type of property '\(name)' is invalid."
                throw resource.error(message, at: name)
            }
        }
    }
}
