import CFNModel

/// Where findings on what the SAM transform generated are reported.
///
/// A generated node carries the source range of what made it (the SAM resource, event or
/// property), so many generated nodes share one range and a finding's range alone does not say
/// which node it is on. Before linting, every generated key and node is therefore given a range
/// of its own (a line far past any real one); after linting, each such range is replaced by two
/// places: the one cfn-lint 1.51.0 reports (the nearest key above the node that was read from
/// the source, as its decoder marks the keys the transform wrote; line 1 at the top), and the SAM
/// source range the node was stamped with.
struct SAMLocations {
    /// A generated key or node: cfn-lint's place for it, the SAM source it came from, and the
    /// output resource it sits in.
    struct Place {
        var cfnLint: SourceRange
        /// Nil when the node carries no range of the source (the transform's own data).
        var sam: SourceRange?
        var resource: String?
    }

    /// The first line of the made-up ranges: no template has that many lines.
    static let base = 100_000_000

    /// The transformed template, each generated key and node with a made-up range.
    private(set) var template: Template
    /// The place behind each made-up range, by `line - base`.
    private(set) var places: [Place] = []

    private struct KeyMark: Hashable {
        var start: Int
        var end: Int
        var key: String
    }

    private struct NodeMark: Hashable {
        var start: Int
        var end: Int
        var kind: UInt8
        var text: String?
    }

    private struct SpanMark: Hashable {
        var start: Int
        var end: Int
    }

    private var sourceKeys: Set<KeyMark> = []
    /// The spans of every key and node of the source.
    private var sourceRanges: Set<SpanMark> = []
    private var sourceNodes: Set<NodeMark> = []

    /// `output` is what the transform made of `source`.
    init(source: Template, output: Template) {
        template = output
        collect(source.rootNode)
        let top = SourceRange(start: SourcePosition(line: 1, column: 1, offset: 0), end: SourcePosition(line: 1, column: 1, offset: 0))
        var root = output.root
        for i in root.entries.indices {
            let e = root.entries[i]
            var here = top
            if isSource(key: e.key, at: e.keyRange) {
                here = e.keyRange
            } else {
                root.setKeyRange(madeUp(cfnLint: top, sam: e.keyRange, resource: nil), at: i)
            }
            var value = e.value
            relocate(&value, inherited: here, resource: nil, resources: e.key == "Resources")
            root.setValue(value, at: i)
        }
        template.root = root
    }

    /// The place of a made-up position, if it is one.
    func place(of position: SourcePosition) -> Place? {
        let i = position.line - SAMLocations.base
        return i >= 0 && i < places.count ? places[i] : nil
    }

    private static func kind(_ node: Node) -> UInt8 {
        switch node.value {
        case .map: return 1
        case .list: return 2
        case .function: return 3
        default: return 0
        }
    }

    private static func mark(_ node: Node) -> NodeMark {
        NodeMark(start: node.range.start.offset, end: node.range.end.offset, kind: kind(node), text: node.scalarText)
    }

    private mutating func collect(_ node: Node) {
        if node.range.isKnown {
            sourceNodes.insert(SAMLocations.mark(node))
            sourceRanges.insert(SpanMark(start: node.range.start.offset, end: node.range.end.offset))
        }
        switch node.value {
        case .map(let map):
            for e in map {
                if e.keyRange.isKnown {
                    sourceKeys.insert(KeyMark(start: e.keyRange.start.offset, end: e.keyRange.end.offset, key: e.key))
                    sourceRanges.insert(SpanMark(start: e.keyRange.start.offset, end: e.keyRange.end.offset))
                }
                collect(e.value)
            }
        case .list(let items):
            for item in items { collect(item) }
        case .function(let f):
            if f.keyRange.isKnown {
                sourceKeys.insert(KeyMark(start: f.keyRange.start.offset, end: f.keyRange.end.offset, key: f.name.rawValue))
                sourceRanges.insert(SpanMark(start: f.keyRange.start.offset, end: f.keyRange.end.offset))
            }
            collect(f.argument)
        default:
            break
        }
    }

    /// A key read from the source: one of its keys, or one of its strings that the transform
    /// made a key (an API event's `Path`), as cfn-lint's decoder marks them both.
    private func isSource(key: String, at range: SourceRange) -> Bool {
        guard range.isKnown else { return false }
        return sourceKeys.contains(KeyMark(start: range.start.offset, end: range.end.offset, key: key))
            || sourceNodes.contains(NodeMark(start: range.start.offset, end: range.end.offset, kind: 0, text: key))
    }

    private func isSource(_ node: Node) -> Bool {
        node.range.isKnown && sourceNodes.contains(SAMLocations.mark(node))
    }

    /// A made-up range for a generated key or node that cfn-lint reports at `cfnLint`.
    private mutating func madeUp(cfnLint: SourceRange, sam: SourceRange, resource: String?) -> SourceRange {
        let line = SAMLocations.base + places.count
        // Only a range of the source itself says where: the transform's data (connector
        // profiles, policy templates) is decoded with ranges of its own text.
        let mark = sam.isKnown ? (start: sam.start.offset, end: sam.end.offset) : nil
        let known =
            mark.map { m in
                sourceRanges.contains(SpanMark(start: m.start, end: m.end))
            } ?? false
        places.append(Place(cfnLint: cfnLint, sam: known ? sam : nil, resource: resource))
        let p = SourcePosition(line: line, column: 1, offset: line)
        return SourceRange(start: p, end: p)
    }

    /// Gives the generated keys and nodes of `map` made-up ranges. `inherited`: where cfn-lint
    /// reports a generated key of this mapping (its nearest source key above); `resources`: the
    /// mapping is the `Resources` section, whose entries name the resource their nodes sit in.
    private mutating func relocate(_ map: inout Map, inherited: SourceRange, resource: String?, resources: Bool = false) {
        for i in map.entries.indices {
            let e = map.entries[i]
            let owner = resources ? e.key : resource
            var here = inherited
            let generatedKey = !isSource(key: e.key, at: e.keyRange)
            if generatedKey {
                // The SAM source of a generated key over a value the source wrote is that value.
                let sam = isSource(e.value) ? e.value.range : e.keyRange
                map.setKeyRange(madeUp(cfnLint: inherited, sam: sam, resource: owner), at: i)
            } else {
                here = e.keyRange
            }
            var value = e.value
            relocate(&value, inherited: here, resource: owner, underGeneratedKey: generatedKey)
            map.setValue(value, at: i)
        }
    }

    /// `underGeneratedKey`: cfn-lint reports a finding on a value at its key, so a value read
    /// from the source under a key the transform wrote is reported where that key is (a function
    /// excepted: cfn-lint reports at its own `Ref`/`Fn::` key).
    private mutating func relocate(
        _ node: inout Node,
        inherited: SourceRange,
        resource: String?,
        resources: Bool = false,
        underGeneratedKey: Bool = false
    ) {
        let moved = underGeneratedKey && node.functionValue == nil
        if moved || !isSource(node) { node.range = madeUp(cfnLint: inherited, sam: node.range, resource: resource) }
        switch node.value {
        case .map(var map):
            relocate(&map, inherited: inherited, resource: resource, resources: resources)
            node.value = .map(map)
        case .list(var items):
            for i in items.indices { relocate(&items[i], inherited: inherited, resource: resource) }
            node.value = .list(items)
        case .function(var f):
            var here = inherited
            if isSource(key: f.name.rawValue, at: f.keyRange) {
                here = f.keyRange
            } else {
                f.keyRange = madeUp(cfnLint: inherited, sam: f.keyRange, resource: resource)
            }
            relocate(&f.argument, inherited: here, resource: resource)
            node.value = .function(f)
        default:
            break
        }
    }
}
