/// One reference from a template value to a named thing: a resource, parameter, condition or mapping.
public struct Reference: Sendable, Hashable {
    /// How the value refers.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `Ref: Name` (a parameter, pseudo-parameter or resource).
        case ref
        /// `Fn::GetAtt: [Resource, Attribute]`, either form.
        case getAtt
        /// `${Name}` or `${Resource.Attribute}` inside `Fn::Sub`.
        case sub
        /// A `DependsOn` entry.
        case dependsOn
        /// A condition name: a resource's or output's `Condition`, `Fn::If`'s first item, `Condition: Name`.
        case condition
        /// `Fn::FindInMap`'s mapping name.
        case findInMap
    }

    /// How the value refers.
    public var kind: Kind
    /// The name referred to.
    public var target: String
    /// For `Fn::GetAtt` and `${A.B}`: the attribute.
    public var attribute: String?
    /// Where the reference is written.
    public var range: SourceRange

    /// Creates a reference.
    public init(kind: Kind, target: String, attribute: String? = nil, range: SourceRange = .unknown) {
        self.kind = kind
        self.target = target
        self.attribute = attribute
        self.range = range
    }
}

extension Node {
    /// Every reference inside this value, in document order. `Fn::Sub` variables that the list
    /// form defines locally are not references.
    public var references: [Reference] {
        var out: [Reference] = []
        collectReferences(into: &out, shadowed: [])
        return out
    }

    fileprivate func collectReferences(into out: inout [Reference], shadowed: Set<String>) {
        switch value {
        case .list(let items):
            for item in items { item.collectReferences(into: &out, shadowed: shadowed) }
        case .map(let m):
            for e in m.entries { e.value.collectReferences(into: &out, shadowed: shadowed) }
        case .function(let f):
            f.collectReferences(into: &out, range: range, shadowed: shadowed)
        default:
            break
        }
    }
}

extension Intrinsic {
    fileprivate func collectReferences(into out: inout [Reference], range: SourceRange, shadowed: Set<String>) {
        switch name {
        case .ref:
            if let target = argument.stringValue {
                out.append(Reference(kind: .ref, target: target, range: argument.range))
                return
            }
        case .getAtt:
            if let items = argument.listValue, let first = items.first, let resource = first.stringValue {
                out.append(
                    Reference(kind: .getAtt, target: resource, attribute: items.count > 1 ? items[1].scalarText : nil, range: first.range)
                )
                for item in items.dropFirst() { item.collectReferences(into: &out, shadowed: shadowed) }
                return
            }
        case .sub:
            // `Fn::Sub: String` or `Fn::Sub: [String, {Name: Value, ...}]`. The variables that the
            // list form defines are local names, not references; their values are searched in
            // their own right, once, after the string (document order).
            let items = argument.listValue
            let template = items == nil ? argument : items?.first
            let variables = (items?.count ?? 0) > 1 ? items?[1] : nil
            var locals = shadowed
            for e in variables?.mapValue?.entries ?? [] { locals.insert(e.key) }
            if let template, let s = template.stringValue {
                for v in SubTemplate(s).variables where !locals.contains(v.name) {
                    out.append(Reference(kind: .sub, target: v.name, attribute: v.attribute, range: template.range))
                }
            } else {
                template?.collectReferences(into: &out, shadowed: shadowed)
            }
            if let vars = variables?.mapValue {
                for e in vars.entries { e.value.collectReferences(into: &out, shadowed: shadowed) }
            } else {
                variables?.collectReferences(into: &out, shadowed: shadowed)
            }
            for extra in items?.dropFirst(2) ?? [] { extra.collectReferences(into: &out, shadowed: shadowed) }
            return
        case .if:
            if let items = argument.listValue, let first = items.first, let condition = first.stringValue {
                out.append(Reference(kind: .condition, target: condition, range: first.range))
                for item in items.dropFirst() { item.collectReferences(into: &out, shadowed: shadowed) }
                return
            }
        case .condition:
            if let condition = argument.stringValue {
                out.append(Reference(kind: .condition, target: condition, range: argument.range))
                return
            }
        case .findInMap:
            if let items = argument.listValue, let first = items.first, let mapping = first.stringValue {
                out.append(Reference(kind: .findInMap, target: mapping, range: first.range))
                for item in items.dropFirst() { item.collectReferences(into: &out, shadowed: shadowed) }
                return
            }
        default:
            break
        }
        argument.collectReferences(into: &out, shadowed: shadowed)
    }
}
