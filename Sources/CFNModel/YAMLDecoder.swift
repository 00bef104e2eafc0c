internal import CYAML

/// Builds a node tree from libyaml's event stream, resolving scalars as YAML 1.1 does and
/// intrinsic functions in both forms. One pass, an explicit stack (no recursion), bounded depth
/// and alias expansion.
struct YAMLDecoder {
    let path: String
    let options: DecodeOptions
    let text: SourceText
    let ascii: Bool

    /// Offsets of every scalar's text, for telling comments from `#` inside values.
    var scalarSpans: [(start: Int, end: Int)] = []
    /// Offsets and lines where map entries and list items start: where comments attach.
    var anchors: [CommentAnchor] = []
    /// Where each mapping that uses a merge key (`<<`) starts.
    var mergedMappings: [SourcePosition] = []

    private var stack: [Frame] = []
    private var anchorsByName: [String: (node: Node, size: Int)] = [:]
    private var aliasBudget: Int
    private var root: Node?
    // Cache for converting character columns to byte offsets on non-ASCII lines.
    private var cacheLine = -1
    private var cacheColumn = 0
    private var cacheOffset = 0

    init(bytes: UnsafeBufferPointer<UInt8>, path: String, options: DecodeOptions) {
        self.path = path
        self.options = options
        // ASCII input (most templates) needs no line table: libyaml's marks are byte offsets then.
        let ascii = SourceText.isASCII(bytes)
        self.ascii = ascii
        self.text = SourceText(bytes, yamlBreaks: true, lineTable: !ascii || options.keepComments)
        self.aliasBudget = options.maxAliasNodes
    }

    /// An open list or mapping. A class, so the stack's top is updated in place, never copied.
    private final class Frame {
        // Only the decoder's own stack reaches a frame, one access at a time: the runtime
        // exclusivity checks would cost more than the work they guard.
        enum Kind { case sequence, mapping }
        @exclusivity(unchecked) var kind: Kind
        @exclusivity(unchecked) var start: SourcePosition
        @exclusivity(unchecked) var tag: TagKind
        @exclusivity(unchecked) var anchor: String?
        @exclusivity(unchecked) var style: Node.Style
        @exclusivity(unchecked) var size = 1
        @exclusivity(unchecked) var items: [Node] = []
        @exclusivity(unchecked) var entries: [Map.Entry] = []
        @exclusivity(unchecked) var keys = KeySet()
        @exclusivity(unchecked) var pendingKey: Map.Entry? = nil
        @exclusivity(unchecked) var pendingIsMerge = false
        @exclusivity(unchecked) var merges: [(Node, SourcePosition)] = []

        init(kind: Kind, start: SourcePosition, tag: TagKind, anchor: String?, style: Node.Style) {
            self.kind = kind
            self.start = start
            self.tag = tag
            self.anchor = anchor
            self.style = style
            // Most template mappings and lists are small: one allocation instead of several regrowths.
            if kind == .mapping {
                entries.reserveCapacity(4)
                keys.reserveCapacity(4)
            } else {
                items.reserveCapacity(4)
            }
        }

        /// Whether the next node completes a key rather than a value.
        var expectsKey: Bool { kind == .mapping && pendingKey == nil && !pendingIsMerge }
    }

    enum TagKind: Equatable {
        case none
        case function(FunctionName)
        case string, int, float, bool, null, seq, map
    }

    // MARK: positions

    private mutating func position(_ m: yaml_mark_t) -> SourcePosition {
        let line = Int(m.line) + 1
        let column = Int(m.column) + 1
        if ascii {
            return SourcePosition(line: line, column: column, offset: Int(m.index))
        }
        var offset: Int
        if line == cacheLine && column >= cacheColumn {
            offset = cacheOffset
            var col = cacheColumn
            let b = text.bytes
            while col < column && offset < b.count {
                offset += 1
                while offset < b.count && b[offset] & 0xC0 == 0x80 { offset += 1 }
                col += 1
            }
        } else {
            offset = text.offset(line: line, column: column)
        }
        cacheLine = line
        cacheColumn = column
        cacheOffset = offset
        return SourcePosition(line: line, column: column, offset: offset)
    }

    private func error(_ message: String, at pos: SourcePosition, kind: CFNError.Kind = .structure) -> CFNError {
        CFNError(file: path, position: pos, message: message, kind: kind)
    }

    // MARK: decoding

    mutating func decode() throws(CFNError) -> Node {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw error("out of memory starting the YAML parser", at: SourcePosition(line: 1, column: 1, offset: 0), kind: .io)
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, text.bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!, text.bytes.count)
        var documents = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                throw parserError(&parser)
            }
            let done = event.type == YAML_STREAM_END_EVENT
            do {
                try handle(&event, documents: &documents)
            } catch {
                yaml_event_delete(&event)
                throw error
            }
            yaml_event_delete(&event)
            if done { break }
        }
        guard let root else {
            throw error(
                "the file is empty; a template is a mapping with a Resources section",
                at: SourcePosition(line: 1, column: 1, offset: 0),
                kind: .notTemplate
            )
        }
        return root
    }

    private mutating func handle(_ event: inout yaml_event_t, documents: inout Int) throws(CFNError) {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw error("a template is one YAML document; a second one starts here", at: position(event.start_mark))
            }
        case YAML_SCALAR_EVENT:
            try scalar(&event)
        case YAML_ALIAS_EVENT:
            let name = String(cString: event.data.alias.anchor)
            let start = position(event.start_mark)
            guard let (node, size) = anchorsByName[name] else {
                throw error("alias *\(name) refers to no anchor defined before it", at: start)
            }
            aliasBudget -= size
            if aliasBudget < 0 {
                throw error(
                    "YAML aliases expand to more than \(options.maxAliasNodes) nodes (limit against alias bombs)",
                    at: start,
                    kind: .limit
                )
            }
            try add(node, size: size, at: start)
        case YAML_SEQUENCE_START_EVENT:
            let s = event.data.sequence_start
            let start = position(event.start_mark)
            try push(
                Frame(
                    kind: .sequence,
                    start: start,
                    tag: try tagKind(s.tag, at: start),
                    anchor: s.anchor.map { String(cString: $0) },
                    style: s.style == YAML_FLOW_SEQUENCE_STYLE ? .flow : .plain
                )
            )
        case YAML_MAPPING_START_EVENT:
            let s = event.data.mapping_start
            let start = position(event.start_mark)
            try push(
                Frame(
                    kind: .mapping,
                    start: start,
                    tag: try tagKind(s.tag, at: start),
                    anchor: s.anchor.map { String(cString: $0) },
                    style: s.style == YAML_FLOW_MAPPING_STYLE ? .flow : .plain
                )
            )
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let end = position(event.end_mark)
            let frame = stack.removeLast()
            try finish(frame, end: end)
        default:
            break
        }
    }

    private mutating func push(_ frame: Frame) throws(CFNError) {
        if stack.count >= options.maxDepth {
            throw error("nesting is deeper than \(options.maxDepth) levels", at: frame.start, kind: .limit)
        }
        if let top = stack.last, top.expectsKey {
            throw error("a mapping key must be a plain value, not a list or a mapping", at: frame.start)
        }
        stack.append(frame)
    }

    private func tagKind(_ tag: UnsafeMutablePointer<yaml_char_t>?, at pos: SourcePosition) throws(CFNError) -> TagKind {
        guard let tag else { return .none }
        let t = String(cString: tag)
        switch t {
        case "!": return .string
        case "tag:yaml.org,2002:str": return .string
        case "tag:yaml.org,2002:int": return .int
        case "tag:yaml.org,2002:float": return .float
        case "tag:yaml.org,2002:bool": return .bool
        case "tag:yaml.org,2002:null": return .null
        case "tag:yaml.org,2002:seq": return .seq
        case "tag:yaml.org,2002:map": return .map
        default: break
        }
        if t.hasPrefix("!"), YAMLDecoder.isFunctionTag(t.utf8.dropFirst()) {
            let name = FunctionName(tag: String(t.dropFirst()))
            // CloudFormation's own functions, and namespaced macro tags such as rain's `!Rain::Embed`.
            if name.isKnown || t.containsBytes("::") { return .function(name) }
        }
        let shown = t.hasPrefix("tag:yaml.org,2002:") ? "!!" + t.dropFirst(18) : t
        throw error("unknown tag '\(shown)': CloudFormation takes only intrinsic function tags such as !Ref, !Sub, !GetAtt", at: pos)
    }

    /// `Name` or `Name::Name...`, letters and digits: CloudFormation functions and macro-style tags
    /// (`!Rain::Embed`), which cfn-lint and rain read as `Fn::<Name>`.
    static func isFunctionTag(_ s: Substring.UTF8View) -> Bool {
        var expectLetter = true
        var colons = 0
        for c in s {
            if c == UInt8(ascii: ":") {
                if expectLetter { return false }
                colons += 1
                if colons == 2 {
                    expectLetter = true
                    colons = 0
                }
                continue
            }
            if colons != 0 { return false }
            let letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
            let digit = c >= 48 && c <= 57
            if expectLetter {
                guard letter else { return false }
                expectLetter = false
            } else if !(letter || digit) {
                return false
            }
        }
        return !expectLetter && colons == 0
    }

    private mutating func scalar(_ event: inout yaml_event_t) throws(CFNError) {
        let s = event.data.scalar
        let start = position(event.start_mark)
        let end = position(event.end_mark)
        let range = SourceRange(start: start, end: end)
        let bytes = UnsafeBufferPointer(start: s.value, count: Int(s.length))
        let style: Node.Style
        switch s.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: style = .literal
        case YAML_FOLDED_SCALAR_STYLE: style = .folded
        default: style = .plain
        }
        if options.keepComments {
            var spanStart = start.offset
            if style == .literal || style == .folded {
                // The header line (`|-  # comment`) may hold a comment; the content starts below.
                let b = text.bytes
                while spanStart < b.count && b[spanStart] != 10 && b[spanStart] != 13 { spanStart += 1 }
            }
            scalarSpans.append((spanStart, end.offset))
        }
        let tag = try tagKind(s.tag, at: start)
        let anchor = s.anchor.map { String(cString: $0) }
        let string = String(decoding: bytes, as: UTF8.self)

        // A key of a mapping.
        if let top = stack.last, top.expectsKey {
            var key = string
            var isMerge = false
            if style == .plain && tag == .none {
                switch ScalarResolver.resolve(bytes: bytes) {
                case .string: break
                case .null: throw error("a mapping key cannot be empty or null", at: start)
                case .bool(let b): key = b ? "true" : "false"
                case .number(_, let canonical): key = canonical
                case .merge: isMerge = true
                }
            } else if case .function = tag {
                throw error("a mapping key cannot be an intrinsic function", at: start)
            }
            let entry = Map.Entry(key: key, value: Node(.null), keyRange: range, keyStyle: style)
            if let anchor { anchorsByName[anchor] = (Node(.string(key), range: range, style: style), 1) }
            top.size += 1
            if isMerge {
                top.pendingIsMerge = true
            } else {
                top.pendingKey = entry
            }
            if options.keepComments { anchors.append(CommentAnchor(offset: start.offset, line: start.line)) }
            return
        }

        var node: Node
        switch tag {
        case .function(let name):
            var arg = Node(.string(string), range: range, style: style)
            var dotted = false
            if name == .getAtt {
                arg = YAMLDecoder.splitGetAtt(arg)
                dotted = true
            }
            node = Node(.function(Intrinsic(name, arg, form: .short, dotted: dotted)), range: range, style: style)
        case .string, .seq, .map:
            node = Node(.string(string), range: range, style: style)
        case .none where style != .plain:
            node = Node(.string(string), range: range, style: style)
        case .none, .int, .float, .bool, .null:
            let resolved = ScalarResolver.resolve(bytes: bytes)
            switch (resolved, tag) {
            case (.string, .none), (.merge, .none):
                node = Node(.string(string), range: range, style: style)
            case (.null, .none), (.null, .null):
                node = Node(.null, range: range, style: style, spelling: string)
            case (.bool(let b), .none), (.bool(let b), .bool):
                node = Node(.bool(b), range: range, style: style, spelling: string)
            case (.number(let kind, let canonical), .none), (.number(let kind, let canonical), .int),
                (.number(let kind, let canonical), .float):
                if tag == .int && kind != .integer {
                    throw error("'\(string)' is tagged !!int but is not an integer", at: start)
                }
                node = Node(
                    .number(Number(text: string, kind: tag == .float ? .float : kind, canonical: canonical)),
                    range: range,
                    style: style
                )
            default:
                throw error("'\(string)' does not match its tag", at: start)
            }
        }
        if let anchor { anchorsByName[anchor] = (node, 1) }
        try add(node, size: 1, at: start)
    }

    /// `A.B.C` -> [`A`, `B.C`], as CloudFormation splits a dotted `Fn::GetAtt`.
    static func splitGetAtt(_ arg: Node) -> Node {
        guard case .string(let s) = arg.value else { return arg }
        guard let dot = s.firstIndex(of: ".") else {
            return Node(.list([arg]), range: arg.range, style: .flow)
        }
        let a = Node(.string(String(s[..<dot])), range: arg.range, style: arg.style)
        let b = Node(.string(String(s[s.index(after: dot)...])), range: arg.range, style: arg.style)
        return Node(.list([a, b]), range: arg.range, style: .flow)
    }

    private mutating func add(_ node: consuming Node, size: Int, at pos: SourcePosition) throws(CFNError) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack[stack.count - 1]
        top.size += size
        switch top.kind {
        case .sequence:
            if options.keepComments { anchors.append(CommentAnchor(offset: node.range.start.offset, line: node.range.start.line)) }
            top.items.append(node)
        case .mapping:
            if top.pendingIsMerge {
                top.pendingIsMerge = false
                top.merges.append((node, pos))
                return
            }
            guard var entry = top.pendingKey else {
                // An alias used as a key.
                guard case .string(let key) = node.value else {
                    throw error("a mapping key must be a plain value", at: pos)
                }
                top.pendingKey = Map.Entry(key: key, value: Node(.null), keyRange: node.range, keyStyle: node.style)
                return
            }
            top.pendingKey = nil
            entry.value = node
            try insert(entry, into: top)
        }
    }

    private func insert(_ entry: consuming Map.Entry, into frame: Frame) throws(CFNError) {
        if let first = frame.keys.insert(entry.key) {
            throw duplicate(entry.key, first: frame.entries[first], at: entry.keyRange.start)
        }
        frame.entries.append(entry)
    }

    private func duplicate(_ key: String, first: Map.Entry, at pos: SourcePosition) -> CFNError {
        error("duplicate key '\(key)' (first defined at line \(first.keyRange.start.line))", at: pos)
    }

    private mutating func finish(_ frame: Frame, end: SourcePosition) throws(CFNError) {
        let range = SourceRange(start: frame.start, end: end)
        var node: Node
        switch frame.kind {
        case .sequence:
            node = Node(.list(frame.items), range: range, style: frame.style)
        case .mapping:
            if frame.pendingKey != nil || frame.pendingIsMerge {
                throw error("a mapping ends after a key with no value", at: end)
            }
            if !frame.merges.isEmpty {
                try merge(frame)
                mergedMappings.append(frame.start)
            }
            let map = Map(uniqueEntries: frame.entries, index: frame.keys.index)
            node = Node(.map(map), range: range, style: frame.style)
            if let f = YAMLDecoder.longFormFunction(map) {
                node = Node(.function(f), range: range, style: frame.style)
            }
        }
        if case .function(let name) = frame.tag {
            var dotted = false
            if name == .getAtt, case .string = node.value {
                node = YAMLDecoder.splitGetAtt(node)
                dotted = true
            }
            node = Node(.function(Intrinsic(name, node, form: .short, dotted: dotted)), range: range, style: frame.style)
        } else if frame.tag != .none && frame.tag != (frame.kind == .sequence ? .seq : .map) {
            throw error("a \(frame.kind == .sequence ? "list" : "mapping") cannot carry this tag", at: frame.start)
        }
        if let anchor = frame.anchor { anchorsByName[anchor] = (node, frame.size) }
        try add(node, size: frame.size, at: frame.start)
    }

    /// Applies `<<: *defaults` merge keys: explicit keys win, then earlier merged maps.
    private func merge(_ frame: Frame) throws(CFNError) {
        var sources: [Map] = []
        for (value, pos) in frame.merges {
            switch value.value {
            case .map(let m): sources.append(m)
            case .list(let items):
                for item in items {
                    guard case .map(let m) = item.value else {
                        throw error("a merge key (<<) takes a mapping or a list of mappings", at: pos)
                    }
                    sources.append(m)
                }
            default:
                throw error("a merge key (<<) takes a mapping or a list of mappings", at: pos)
            }
        }
        var present = Set(frame.entries.map(\.key))
        var merged: [Map.Entry] = []
        for m in sources {
            for e in m.entries where !present.contains(e.key) {
                present.insert(e.key)
                merged.append(e)
            }
        }
        frame.entries = merged + frame.entries
        frame.keys = KeySet()
        for e in frame.entries { _ = frame.keys.insert(e.key) }
    }

    /// A one-key mapping whose key is a CloudFormation function is a long-form call.
    static func longFormFunction(_ map: Map) -> Intrinsic? {
        guard map.count == 1 else { return nil }
        let entry = map.entries[0]
        let name = FunctionName(rawValue: entry.key)
        guard name.isKnown else { return nil }
        var arg = entry.value
        var dotted = false
        switch name {
        case .condition, .ref:
            // `Condition: {...}` is an IAM policy condition, not a call.
            guard case .string = arg.value else { return nil }
        case .getAtt:
            if case .string = arg.value {
                arg = splitGetAtt(arg)
                dotted = true
            }
        default:
            break
        }
        return Intrinsic(name, arg, form: .long, dotted: dotted, keyRange: entry.keyRange)
    }

    private func parserError(_ parser: inout yaml_parser_t) -> CFNError {
        var problem = parser.problem.map { String(cString: $0) } ?? "the YAML cannot be read"
        let context = parser.context.map { String(cString: $0) }
        var pos: SourcePosition
        if parser.error == YAML_READER_ERROR {
            pos = SourceText(text.bytes, yamlBreaks: true).position(ofOffset: Int(parser.problem_offset))
            if problem.contains("control characters") {
                problem = "a control character YAML does not allow (is this a binary file?)"
            } else if problem.contains("UTF-8") || problem.contains("UTF-16") {
                problem = "the file is not UTF-8 text (\(problem))"
            }
            return CFNError(file: path, position: pos, message: problem, kind: .syntax)
        }
        var mutableSelf = self
        pos = mutableSelf.position(parser.problem_mark)
        let b = text.bytes
        if pos.offset < b.count && b[pos.offset] == 9 {
            problem = "a tab character where YAML takes only spaces for indentation"
        } else if let context {
            problem += " " + context
            if parser.context_mark.line != parser.problem_mark.line || parser.context_mark.column != parser.problem_mark.column {
                problem += " (started at line \(parser.context_mark.line + 1))"
            }
        }
        return CFNError(file: path, position: pos, message: problem, kind: .syntax)
    }
}

/// Where a comment can attach: the start of a map entry or list item.
struct CommentAnchor {
    var offset: Int
    var line: Int
}
