/// Building templates in code: nodes from literals (`"text"`, `5`, `true`, `[...]`), mappings from
/// ordered pairs (`.map([("Key", value)])`), and the intrinsic functions by name. Nodes built this way
/// have no source range until one is given (`stamped(_:)`).
extension Node: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral {
    /// A string node.
    public init(stringLiteral value: String) { self.init(.string(value)) }
    /// An integer node.
    public init(integerLiteral value: Int) { self.init(.number(Number(value))) }
    /// A boolean node.
    public init(booleanLiteral value: Bool) { self.init(.bool(value)) }
    /// A list node.
    public init(arrayLiteral elements: Node...) { self.init(.list(elements)) }

    /// A mapping node of the given entries, in order.
    public static func map(_ entries: [(String, Node)]) -> Node {
        Node(.map(Map(entries.map { Map.Entry(key: $0.0, value: $0.1) })))
    }

    /// A list node.
    public static func list(_ items: [Node]) -> Node { Node(.list(items)) }

    /// A call of `function` with `argument`, in long form.
    public static func call(_ function: FunctionName, _ argument: Node) -> Node {
        Node(.function(Intrinsic(function, argument)))
    }

    /// `{"Ref": name}`.
    public static func ref(_ name: String) -> Node { call(.ref, .string(name)) }

    /// `{"Fn::GetAtt": [resource, attribute]}`.
    public static func getAtt(_ resource: String, _ attribute: String) -> Node {
        call(.getAtt, [.string(resource), .string(attribute)])
    }

    /// `{"Fn::Sub": text}`.
    public static func sub(_ text: String) -> Node { call(.sub, .string(text)) }

    /// `{"Fn::Sub": [text, variables]}`.
    public static func sub(_ text: String, _ variables: Node) -> Node { call(.sub, [.string(text), variables]) }

    /// `{"Fn::Join": [separator, items]}`.
    public static func join(_ separator: String, _ items: [Node]) -> Node {
        call(.join, [.string(separator), .list(items)])
    }

    /// `{"Fn::If": [condition, then, else]}`.
    public static func `if`(_ condition: String, _ then: Node, _ otherwise: Node) -> Node {
        call(.if, [.string(condition), then, otherwise])
    }

    /// `{"Ref": "AWS::NoValue"}`.
    public static var noValue: Node { ref("AWS::NoValue") }

    /// This node with every node in it that has no source range given `range`: what a generated
    /// part of a template carries to say where it came from.
    public func stamped(_ range: SourceRange) -> Node {
        guard range.isKnown else { return self }
        return stamping(range) ?? self
    }

    /// `stamped(range)`, or nil when every node already has a range: only what changes is
    /// copied, so a subtree read from the source costs a walk, not a rebuild.
    private func stamping(_ range: SourceRange) -> Node? {
        var out: Node? = nil
        if !self.range.isKnown {
            out = self
            out!.range = range
        }
        switch value {
        case .list(let items):
            var changed: [Node]? = nil
            for i in items.indices {
                guard let r = items[i].stamping(range) else { continue }
                if changed == nil { changed = items }
                changed![i] = r
            }
            if let changed {
                if out == nil { out = self }
                out!.value = .list(changed)
            }
        case .map(let map):
            var changed: Map? = nil
            for i in map.entries.indices {
                let keyUnknown = !map.entries[i].keyRange.isKnown
                let r = map.entries[i].value.stamping(range)
                guard keyUnknown || r != nil else { continue }
                if changed == nil { changed = map }
                if keyUnknown { changed!.setKeyRange(range, at: i) }
                if let r { changed!.setValue(r, at: i) }
            }
            if let changed {
                if out == nil { out = self }
                out!.value = .map(changed)
            }
        case .function(var f):
            let keyUnknown = !f.keyRange.isKnown
            let r = f.argument.stamping(range)
            if keyUnknown || r != nil {
                if keyUnknown { f.keyRange = range }
                if let r { f.argument = r }
                if out == nil { out = self }
                out!.value = .function(f)
            }
        default:
            break
        }
        return out
    }
}
