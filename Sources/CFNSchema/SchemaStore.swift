import CFNModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The resource schema bundle (`Sources/CFNSchema/Data`, built by `scripts/schema-bundle.py`):
/// an index of every resource type with its schema id and the regions that have it, and one
/// minified schema file per id. Opening reads the index's bytes and its few lines that are not
/// types; a type is looked up in place (its lines are sorted: a binary search), a schema is read
/// and compiled the first time a type asks for it, then kept. Safe to share between threads.
public final class SchemaStore: Sendable {
    /// Where the bundle was read from.
    public let directory: String
    /// Where the data came from: `cfn-lint 1.51.0`.
    public let source: String
    /// The digest the index records over the schema files (FNV-1a 64, hex).
    public let digest: String
    /// Every region the bundle knows, in its bit order.
    public let regions: [String]
    private let regionBits: [String: Int]
    /// The index, and where in it its `type` lines are (sorted by type name, one a line).
    private let index: [UInt8]
    private let typeLines: Range<Int>
    /// Types whose every property `Fn::GetAtt` can read, and extra attributes of others.
    private let getAttAll: Set<String>
    private let getAttExtra: [String: [String]]
    /// Per type: constraint schemas (rule id, file, path under `Properties`).
    private let extensionEntries: [String: [(ruleId: String, file: String, path: [String])]]
    /// Constraint files that hold one schema per region, each on a line of its own.
    private let regionalFiles: Set<String>
    private let patterns = PatternCache()
    private struct Cache {
        /// A type's index entries (schema id, region mask), once looked up.
        var entries: [String: [(id: String, mask: UInt64)]] = [:]
        /// A type's schema in a region, once asked for (lint asks for each resource, in each rule).
        var byType: [TypeInRegion: ResourceSchema?] = [:]
        var schemas: [String: ResourceSchema?] = [:]
        var extensions: [String: SchemaNode?] = [:]
        /// A type's constraint schemas for a list of regions, once asked for (for each resource).
        var extensionsByType: [TypeInRegions: [(ruleId: String, path: [String], schema: SchemaNode, region: String?)]] = [:]
        var typeNames: [String]?
        var bytesRead = 0
    }
    private struct TypeInRegion: Hashable {
        let type: String
        let region: String
    }
    private struct TypeInRegions: Hashable {
        let type: String
        let regions: [String]
    }
    private let cache: Locked<Cache>

    /// Where the line starting at `start` ends: its newline, or the end of `bytes`.
    private static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress, let hit = memchr(base + start, 0x0A, buffer.count - start) else { return buffer.count }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// A region mask written in hex; nil when it is not one.
    private static func hex(_ digits: ArraySlice<UInt8>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var value: UInt64 = 0
        for d in digits {
            let nibble: UInt8
            switch d {
            case 0x30...0x39: nibble = d - 0x30
            case 0x61...0x66: nibble = d - 0x61 + 10
            case 0x41...0x46: nibble = d - 0x41 + 10
            default: return nil
            }
            value = value << 4 | UInt64(nibble)
        }
        return value
    }

    /// Whether the line at `start` of `bytes` is a `type` line.
    private static func isTypeLine(_ bytes: [UInt8], _ start: Int) -> Bool {
        bytes.count - start > 5 && bytes[start] == 0x74 && bytes[start + 1] == 0x79 && bytes[start + 2] == 0x70
            && bytes[start + 3] == 0x65 && bytes[start + 4] == 0x20
    }

    /// Where the line holding byte `at` starts (not before `floor`).
    private static func lineStart(_ bytes: [UInt8], containing at: Int, floor: Int) -> Int {
        var i = at
        while i > floor, bytes[i - 1] != 0x0A { i -= 1 }
        return i
    }

    /// The bundle this build carries, found beside the executable or in the source tree (or
    /// where `CFNTOOL_SCHEMAS` points); nil when none is found.
    public static let bundled: SchemaStore? = {
        for dir in candidateDirectories() {
            if let store = try? SchemaStore(directory: dir) { return store }
        }
        return nil
    }()

    /// The source line of the bundle `bundled` opens (`cfn-lint 1.51.0`) and its directory,
    /// read from the first lines of the index only (for `--version`); nil when none is found.
    public static func bundleSource() -> (source: String, directory: String)? {
        for dir in candidateDirectories() {
            let fd = open(dir + "/index.txt", O_RDONLY | O_CLOEXEC)
            if fd < 0 { continue }
            var head = [UInt8](repeating: 0, count: 4096)
            let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            close(fd)
            guard n > 0 else { continue }
            let lines = head[0..<n].split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
            guard lines.first == "cfntool-schemas 1" else { continue }
            let source = lines.dropFirst().first { $0.hasPrefix("source ") }.map { String($0.dropFirst(7)) } ?? "unknown source"
            var resolved = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let directory =
                realpath(dir, &resolved) != nil ? resolved.withUnsafeBufferPointer { String(cString: $0.baseAddress!) } : dir
            return (source, directory)
        }
        return nil
    }

    /// Where a bundle is looked for, in order.
    static func candidateDirectories() -> [String] {
        var dirs: [String] = []
        if let env = getenv("CFNTOOL_SCHEMAS") { dirs.append(String(cString: env)) }
        if let exe = executablePath() {
            let bin = exe.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            dirs.append(bin + "/../share/cfntool/schemas")
            dirs.append(bin + "/cfntool-schemas")
        }
        let here = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        dirs.append(here + "/Data")
        return dirs
    }

    private static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Opens the bundle in `directory` (reads `index.txt`, and parses all of it but its `type`
    /// lines, which are looked up in place).
    public init(directory: String) throws(CFNError) {
        self.directory = directory
        let indexPath = directory + "/index.txt"
        let bytes = try SourceFile.read(indexPath)
        var source = ""
        var digest = ""
        var regions: [String] = []
        var typeLines: Range<Int>?
        var getAttAll: Set<String> = []
        var getAttExtra: [String: [String]] = [:]
        var extensionEntries: [String: [(ruleId: String, file: String, path: [String])]] = [:]
        var regionalFiles: Set<String> = []
        var first = true
        var next = 0
        while next < bytes.count {
            // The type lines (2,203 of 2,448) come sorted and together: checked for that and
            // stepped over, not read into a table (that was most of a one-resource lint).
            if !first, Self.isTypeLine(bytes, next) {
                guard typeLines == nil else {
                    throw CFNError(
                        file: indexPath,
                        position: Self.position(bytes, next),
                        message:
                            "the schema index's type lines are not all together (scripts/schema-bundle.py writes them sorted, in one run)",
                        kind: .structure
                    )
                }
                let (end, unsorted) = Self.typeLinesEnd(bytes, from: next)
                if let unsorted {
                    throw CFNError(
                        file: indexPath,
                        position: Self.position(bytes, unsorted),
                        message: "the schema index's type lines are not sorted by name (scripts/schema-bundle.py writes them sorted)",
                        kind: .structure
                    )
                }
                typeLines = next..<end
                next = end
                continue
            }
            let end = Self.lineEnd(bytes, from: next)
            let raw = bytes[next..<end]
            next = end + 1
            if raw.isEmpty { continue }
            let fields = Self.fields(raw, 0x20)
            if first {
                guard fields == ["cfntool-schemas", "1"] else {
                    throw CFNError(
                        file: indexPath,
                        position: SourcePosition(line: 1, column: 1, offset: 0),
                        message: "not a cfntool schema bundle index (version 1)",
                        kind: .structure
                    )
                }
                first = false
                continue
            }
            switch fields.first {
            case "source": source = fields.dropFirst().joined(separator: " ")
            case "digest": digest = fields.count > 1 ? fields[1] : ""
            case "regions": regions = Array(fields.dropFirst())
            case "getatt-all" where fields.count == 2:
                getAttAll.insert(fields[1])
            case "getatt-extra" where fields.count == 3:
                getAttExtra[fields[1], default: []].append(fields[2])
            case "extension" where fields.count == 4:
                // Resources/<Type>/Properties[/<name>|*]...
                let parts = Self.fields(Array(fields[3].utf8)[...], UInt8(ascii: "/"))
                guard parts.count >= 3, parts[0] == "Resources", parts[2] == "Properties" else { continue }
                extensionEntries[parts[1], default: []].append((fields[1], fields[2], Array(parts.dropFirst(3))))
            case "regional" where fields.count == 2:
                regionalFiles.insert(fields[1])
            default: break
            }
        }
        guard let typeLines, Self.typeLine(bytes, typeLines.lowerBound) != nil else {
            throw CFNError(
                file: indexPath,
                position: SourcePosition(line: 1, column: 1, offset: 0),
                message: "the schema index lists no resource types",
                kind: .structure
            )
        }
        self.source = source
        self.digest = digest
        self.regions = regions
        regionBits = Dictionary(regions.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        index = bytes
        self.typeLines = typeLines
        self.getAttAll = getAttAll
        self.getAttExtra = getAttExtra
        self.extensionEntries = extensionEntries
        self.regionalFiles = regionalFiles
        self.cache = Locked(Cache(bytesRead: bytes.count))
    }

    /// The non-empty runs of `raw` between `separator`s, as text.
    private static func fields(_ raw: ArraySlice<UInt8>, _ separator: UInt8) -> [String] {
        var out: [String] = []
        var start = raw.startIndex
        var i = start
        while i < raw.endIndex {
            if raw[i] == separator {
                if i > start { out.append(String(decoding: raw[start..<i], as: UTF8.self)) }
                start = i + 1
            }
            i += 1
        }
        if raw.endIndex > start { out.append(String(decoding: raw[start..<raw.endIndex], as: UTF8.self)) }
        return out
    }

    /// Line and column of byte `offset`, for an error.
    private static func position(_ bytes: [UInt8], _ offset: Int) -> SourcePosition {
        let line = bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        return SourcePosition(line: line, column: 1, offset: offset)
    }

    /// Where the run of type lines that starts at `start` ends (the first line after it that is
    /// not one), and the first of them out of order by name, if any. A walk from newline to
    /// newline (memchr, memcmp): the lines are only checked here, not read.
    private static func typeLinesEnd(_ bytes: [UInt8], from start: Int) -> (end: Int, unsorted: Int?) {
        bytes.withUnsafeBufferPointer { buffer -> (Int, Int?) in
            guard let base = buffer.baseAddress else { return (start, nil) }
            let n = buffer.count
            var line = start
            var previous: (start: Int, count: Int)?
            var unsorted: Int?
            while n - line > 5, base[line] == 0x74, base[line + 1] == 0x79, base[line + 2] == 0x70, base[line + 3] == 0x65,
                base[line + 4] == 0x20
            {
                let end = memchr(base + line, 0x0A, n - line).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? n
                let name = line + 5
                let nameEnd = memchr(base + name, 0x20, end - name).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end
                if unsorted == nil, let p = previous {
                    let common = memcmp(base + p.start, base + name, min(p.count, nameEnd - name))
                    if common > 0 || (common == 0 && p.count > nameEnd - name) { unsorted = line }
                }
                previous = (name, nameEnd - name)
                line = end + 1
            }
            return (min(line, n), unsorted)
        }
    }

    /// The fields of the type line at `start`: where its name ends, its schema id and mask; nil
    /// when it is not `type NAME ID MASK`.
    private static func typeLine(_ bytes: [UInt8], _ start: Int) -> (nameEnd: Int, id: String, mask: UInt64)? {
        let end = lineEnd(bytes, from: start)
        let raw = bytes[(start + 5)..<end]
        guard let space1 = raw.firstIndex(of: 0x20), let space2 = raw[(space1 + 1)...].firstIndex(of: 0x20),
            !raw[(space2 + 1)...].contains(0x20)
        else { return nil }
        let mask = hex(raw[(space2 + 1)...]) ?? 0
        return (space1, String(decoding: raw[(space1 + 1)..<space2], as: UTF8.self), mask)
    }

    /// The index entries of `type` (schema id, region mask), in index order: a binary search of
    /// the sorted type lines (by name, bytes compared as Python's `sorted` orders the names).
    private func lookUp(_ type: String) -> [(id: String, mask: UInt64)] {
        let target = Array(type.utf8)
        let bytes = index
        let lines = typeLines
        // The order of the name on the line at `line` against `target`: -1, 0 or 1.
        func order(_ line: Int) -> Int {
            bytes.withUnsafeBufferPointer { b in
                target.withUnsafeBufferPointer { t in
                    var i = line + 5
                    var j = 0
                    while true {
                        let c: UInt8 = i < b.count ? b[i] : 0x0A
                        let lineDone = c == 0x20 || c == 0x0A
                        let targetDone = j == t.count
                        if lineDone || targetDone { return lineDone ? (targetDone ? 0 : -1) : 1 }
                        if c != t[j] { return c < t[j] ? -1 : 1 }
                        i += 1
                        j += 1
                    }
                }
            }
        }
        var lo = lines.lowerBound
        var hi = lines.upperBound
        while lo < hi {
            let mid = Self.lineStart(bytes, containing: lo + (hi - lo) / 2, floor: lo)
            if order(mid) < 0 { lo = Self.lineEnd(bytes, from: mid) + 1 } else { hi = mid }
        }
        var out: [(id: String, mask: UInt64)] = []
        var line = lo
        while line < lines.upperBound, order(line) == 0 {
            if let entry = Self.typeLine(bytes, line) { out.append((entry.id, entry.mask)) }
            line = Self.lineEnd(bytes, from: line) + 1
        }
        return out
    }

    /// `type`'s index entries, looked up once.
    private func entries(_ type: String) -> [(id: String, mask: UInt64)] {
        if let hit = cache.withLock({ $0.entries[type] }) { return hit }
        let found = lookUp(type)
        cache.withLock { $0.entries[type] = found }
        return found
    }

    /// Every resource type in any region, sorted (read from the index when first asked: only
    /// suggestions need it).
    public var typeNames: [String] {
        if let hit = cache.withLock({ $0.typeNames }) { return hit }
        var names: [String] = []
        var line = typeLines.lowerBound
        while line < typeLines.upperBound {
            if let entry = Self.typeLine(index, line) {
                let name = String(decoding: index[(line + 5)..<entry.nameEnd], as: UTF8.self)
                if names.last != name { names.append(name) }
            }
            line = Self.lineEnd(index, from: line) + 1
        }
        cache.withLock { $0.typeNames = names }
        return names
    }

    /// Whether `type` is a type of some region of the bundle.
    public func knows(_ type: String) -> Bool { !entries(type).isEmpty }

    /// The regions that have `type`.
    public func regions(of type: String) -> [String] {
        let mask = entries(type).reduce(UInt64(0)) { $0 | $1.mask }
        return regions.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { regions[$0] }
    }

    /// Whether `region` has `type`; an unknown region has every type the bundle knows.
    public func isAvailable(_ type: String, in region: String) -> Bool {
        let entries = entries(type)
        guard !entries.isEmpty else { return false }
        guard let bit = regionBits[region] else { return true }
        return entries.contains { $0.mask & (1 << UInt64(bit)) != 0 }
    }

    /// The schema of `type` in `region` (or in any region that has it), read on first use.
    public func schema(for type: String, region: String = "us-east-1") -> ResourceSchema? {
        let key = TypeInRegion(type: type, region: region)
        if let hit = cache.withLock({ $0.byType[key] }) { return hit }
        let found = load(type, region: region)
        cache.withLock { $0.byType[key] = .some(found) }
        return found
    }

    private func load(_ type: String, region: String) -> ResourceSchema? {
        let entries = entries(type)
        guard !entries.isEmpty else { return nil }
        let bit = regionBits[region].map { UInt64(1) << UInt64($0) } ?? 0
        let id = (entries.first { $0.mask & bit != 0 } ?? entries[0]).id
        if let hit = cache.withLock({ $0.schemas[id] }) { return hit }
        // Read and compile outside the lock; two threads may both do it once, harmlessly.
        let path = directory + "/schemas/" + id + ".json"
        guard let bytes = try? SourceFile.read(path), let (json, definitions) = JSONValue.parseDocument(bytes) else {
            cache.withLock { $0.schemas[id] = .some(nil) }
            return nil
        }
        let root = SchemaDocument(bytes: bytes, definitions: definitions, patterns: patterns).compileRoot(json)
        let schema = ResourceSchema(
            typeName: type,
            json: json,
            root: root,
            getAttAll: getAttAll.contains(type),
            getAttExtra: getAttExtra[type] ?? []
        )
        return cache.withLock {
            $0.bytesRead += bytes.count
            if let existing = $0.schemas[id], let existing { return existing }
            $0.schemas[id] = schema
            return schema
        }
    }

    /// Where the constraint schemas of `ruleId` apply: resource type and path under
    /// `Properties`; `regional` when its values are kept per region.
    public func extensionTargets(_ ruleId: String) -> (targets: [(type: String, path: [String])], regional: Bool) {
        var targets: [(type: String, path: [String])] = []
        var regional = false
        for (type, entries) in extensionEntries {
            for e in entries where e.ruleId == ruleId {
                targets.append((type, e.path))
                regional = regional || regionalFiles.contains(e.file)
            }
        }
        targets.sort { ($0.type, $0.path.joined(separator: "/")) < ($1.type, $1.path.joined(separator: "/")) }
        return (targets, regional)
    }

    /// Every rule id a constraint schema reports under.
    public var extensionRuleIds: Set<String> { Set(extensionEntries.values.flatMap { $0.map(\.ruleId) }) }

    /// The constraint schemas that apply to `type`'s properties: for each, the rule id it is
    /// reported under, the path under `Properties` (`*` = every item) and the schema. A
    /// constraint kept per region (instance types on sale there) comes once for each of
    /// `regions` its file has, with that region; a region the file does not name is not
    /// constrained. The others come once, with no region.
    public func extensions(
        for type: String,
        regions: [String] = ["us-east-1"]
    ) -> [(ruleId: String, path: [String], schema: SchemaNode, region: String?)] {
        let key = TypeInRegions(type: type, regions: regions)
        if let hit = cache.withLock({ $0.extensionsByType[key] }) { return hit }
        var out: [(ruleId: String, path: [String], schema: SchemaNode, region: String?)] = []
        for e in extensionEntries[type] ?? [] {
            if regionalFiles.contains(e.file) {
                for region in regions {
                    if let node = regionalSchema(e.file, region) { out.append((e.ruleId, e.path, node, region)) }
                }
            } else if let node = extensionSchema(e.file) {
                out.append((e.ruleId, e.path, node, nil))
            }
        }
        cache.withLock { $0.extensionsByType[key] = out }
        return out
    }

    private func extensionSchema(_ file: String) -> SchemaNode? {
        if let hit = cache.withLock({ $0.extensions[file] }) { return hit }
        var node: SchemaNode?
        if let bytes = try? SourceFile.read(directory + "/" + file), let (json, definitions) = JSONValue.parseDocument(bytes) {
            node = SchemaDocument(bytes: bytes, definitions: definitions, patterns: patterns).compileRoot(json)
            cache.withLock { $0.bytesRead += bytes.count }
        }
        cache.withLock { $0.extensions[file] = .some(node) }
        return node
    }

    /// One region's schema of a regional file: the line `"<region>":<schema>,` is found in the
    /// bytes and only it is parsed (the EC2 instance types file is 771 KB over 46 regions).
    private func regionalSchema(_ file: String, _ region: String) -> SchemaNode? {
        let key = file + " " + region
        if let hit = cache.withLock({ $0.extensions[key] }) { return hit }
        var node: SchemaNode?
        if let bytes = try? SourceFile.read(directory + "/" + file) {
            // One line a region: hop from line to line (46 of them), compare each line's start.
            let needle = Array(("\"" + region + "\":").utf8)
            var found: Int?
            var line = 0
            while line < bytes.count {
                if bytes.count - line >= needle.count, bytes[line..<(line + needle.count)].elementsEqual(needle) {
                    found = line
                    break
                }
                line = Self.lineEnd(bytes, from: line) + 1
            }
            if let found {
                let start = found + needle.count
                var end = Self.lineEnd(bytes, from: start)
                if end > start, bytes[end - 1] == UInt8(ascii: ",") { end -= 1 }
                let line = Array(bytes[start..<end])
                if let (json, definitions) = JSONValue.parseDocument(line) {
                    node = SchemaDocument(bytes: line, definitions: definitions, patterns: patterns).compileRoot(json)
                }
            }
            cache.withLock { $0.bytesRead += bytes.count }
        }
        cache.withLock { $0.extensions[key] = .some(node) }
        return node
    }

    /// Bytes of bundle data read so far (the index and every schema loaded).
    public var bytesRead: Int { cache.withLock { $0.bytesRead } }
}

/// One resource type's schema: the compiled properties schema and what CloudFormation says
/// about the type's properties (read-only, create-only, identifiers, lifecycle).
public struct ResourceSchema: Sendable {
    /// `AWS::S3::Bucket`.
    public let typeName: String
    /// The schema of the resource's `Properties`.
    public let root: SchemaNode
    /// Attributes `Fn::GetAtt` can read (`Arn`, `Endpoint.Address`), with their schemas.
    public let attributes: [(name: String, schema: SchemaNode?)]
    /// Properties whose change replaces the resource (paths under `Properties`).
    public let createOnly: [[String]]
    /// Properties whose change may replace the resource.
    public let conditionalCreateOnly: [[String]]
    /// Properties that identify the resource.
    public let primaryIdentifier: [[String]]
    /// Properties CloudFormation sets, never the template.
    public let readOnly: [[String]]
    /// `shutdown`, `maintenance`..., and the day it applies from.
    public let lifecycle: (status: String, date: String)?
    /// Whether CloudFormation tags the type (`tagging.taggable`): its `Tags` then follow
    /// CloudFormation's own tag rules, whatever the type's schema says of them.
    public let taggable: Bool

    init(typeName: String, json: JSONValue, root: SchemaNode, getAttAll: Bool, getAttExtra: [String]) {
        self.typeName = typeName
        self.root = root
        func paths(_ key: String) -> [[String]] {
            (json[key]?.array ?? []).compactMap(\.string).map { pointer in
                let parts = pointer.split(separator: "/").map(String.init)
                return parts.first == "properties" ? Array(parts.dropFirst()) : parts
            }
        }
        createOnly = paths("createOnlyProperties")
        conditionalCreateOnly = paths("conditionalCreateOnlyProperties")
        primaryIdentifier = paths("primaryIdentifier")
        readOnly = paths("readOnlyProperties")
        var attributes: [(name: String, schema: SchemaNode?)] = []
        if getAttAll {
            // Every property: objects by their leaves, lists of scalars whole (not into lists of objects).
            func walk(_ node: SchemaNode, _ name: String, depth: Int) {
                let r = node.resolved
                let types = r.types ?? node.types ?? []
                if types.contains(.object), depth < 8 {
                    for p in r.propertyOrder { walk(r.properties[p]!, name + "." + p, depth: depth + 1) }
                } else if types.contains(.array) {
                    if let items = r.items?.effectiveTypes, !items.isDisjoint(with: [.object, .array]) { return }
                    attributes.append((name, node))
                } else {
                    attributes.append((name, node))
                }
            }
            for p in root.resolved.propertyOrder { walk(root.resolved.properties[p]!, p, depth: 0) }
        } else {
            for name in getAttExtra { attributes.append((name, root.resolved.properties[name])) }
            for path in readOnly {
                var node: SchemaNode? = root
                for part in path where part != "*" {
                    node = node?.resolved.properties[part] ?? node?.resolved.items?.resolved.properties[part]
                }
                attributes.append((path.filter { $0 != "*" }.joined(separator: "."), node))
            }
        }
        self.attributes = attributes
        taggable = json["tagging"]?["taggable"] == .bool(true)
        if let status = json["lifecycle"]?["status"]?.string, let date = json["lifecycle"]?["date"]?.string {
            lifecycle = (status, date)
        } else {
            lifecycle = nil
        }
    }

    /// The schema of the property at `path` under `Properties` (following `$ref`, list items).
    public func property(_ path: [String]) -> SchemaNode? {
        var node = root
        for part in path {
            let r = node.resolved
            if let next = r.properties[part] {
                node = next
            } else if let items = r.items, let next = items.resolved.properties[part] {
                node = next
            } else {
                return nil
            }
        }
        return node
    }
}
