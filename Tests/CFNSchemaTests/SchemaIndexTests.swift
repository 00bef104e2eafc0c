import CFNModel
import Foundation
import Testing

@testable import CFNSchema

/// The schema index is looked up in place (a binary search of its sorted type lines), not read
/// into a table: these check every lookup against a plain reading of the whole file.
@Suite("Schema index: types looked up in place agree with a reading of every line")
struct SchemaIndexTests {
    /// The index read line by line: type name -> (schema id, mask), in file order.
    static func readAll(_ directory: String) throws -> (regions: [String], types: [(name: String, id: String, mask: UInt64)]) {
        let text = try String(contentsOfFile: directory + "/index.txt", encoding: .utf8)
        var regions: [String] = []
        var types: [(name: String, id: String, mask: UInt64)] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            if fields.first == "regions" { regions = Array(fields.dropFirst()) }
            if fields.first == "type", fields.count == 4 { types.append((fields[1], fields[2], UInt64(fields[3], radix: 16) ?? 0)) }
        }
        return (regions, types)
    }

    static func temporaryBundle(_ index: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfntool-index-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/schemas", withIntermediateDirectories: true)
        try index.write(toFile: dir + "/index.txt", atomically: true, encoding: .utf8)
        return dir
    }

    @Test("the bundled index keeps its type lines sorted and together, as the lookup needs")
    func layout() throws {
        let store = try #require(SchemaStore.bundled)
        let text = try String(contentsOfFile: store.directory + "/index.txt", encoding: .utf8)
        let kinds = text.split(separator: "\n").map { $0.hasPrefix("type ") }
        let first = try #require(kinds.firstIndex(of: true))
        let last = try #require(kinds.lastIndex(of: true))
        #expect(kinds[first...last].allSatisfy { $0 })
        let names = try Self.readAll(store.directory).types.map { Array($0.name.utf8) }
        #expect(names.count > 2_000)
        #expect(zip(names, names.dropFirst()).allSatisfy { !$1.lexicographicallyPrecedes($0) })
    }

    @Test("every type of the bundle: known, in the regions its lines say, and listed once, in order")
    func everyType() throws {
        let bundled = try #require(SchemaStore.bundled)
        let store = try SchemaStore(directory: bundled.directory)
        let (regions, types) = try Self.readAll(bundled.directory)
        var masks: [String: UInt64] = [:]
        for t in types { masks[t.name, default: 0] |= t.mask }
        #expect(store.typeNames == masks.keys.sorted())
        for (name, mask) in masks {
            #expect(store.knows(name), "\(name)")
            let want = regions.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { regions[$0] }
            #expect(store.regions(of: name) == want, "\(name)")
        }
        // A type that is in some regions only.
        let partial = try #require(masks.first { $0.value != 0 && $0.value.nonzeroBitCount < regions.count })
        for (i, region) in regions.enumerated() {
            #expect(store.isAvailable(partial.key, in: region) == (partial.value & (1 << UInt64(i)) != 0))
        }
        #expect(store.isAvailable(partial.key, in: "xx-nowhere-1"))
    }

    @Test("names the index does not have: near ones, prefixes, before the first and after the last")
    func unknownTypes() throws {
        let store = try #require(SchemaStore.bundled)
        let names = store.typeNames
        let firstName = try #require(names.first)
        let lastName = try #require(names.last)
        for name in [
            "", "A", "AWS::S3::Buckets", "AWS::S3::Bucke", "AWS::S3", "AWS::S3::Bucket::Policy", "aws::s3::bucket",
            "AWS::S3::Bucket ", " AWS::S3::Bucket", String(firstName.dropLast()), lastName + "X", "~~~", "AWS::Serverless::Function",
        ] {
            #expect(!store.knows(name), "\(name)")
            #expect(store.regions(of: name).isEmpty)
            #expect(store.schema(for: name) == nil)
        }
        #expect(store.knows(firstName) && store.knows(lastName))
        #expect(store.schema(for: "AWS::S3::Bucket")?.typeName == "AWS::S3::Bucket")
    }

    @Test("a type with a schema per region: each region gets its own, an unknown region the first")
    func schemaPerRegion() throws {
        let store = try #require(SchemaStore.bundled)
        let (regions, types) = try Self.readAll(store.directory)
        let byName = Dictionary(grouping: types, by: \.name)
        // A type whose regions do not all share one schema.
        let (name, lines) = try #require(byName.sorted { $0.key < $1.key }.first { Set($0.value.map(\.id)).count > 1 })
        let want = regions.indices.map { i in (lines.first { $0.mask & (1 << UInt64(i)) != 0 } ?? lines[0]).id }
        let roots = try regions.map { try #require(store.schema(for: name, region: $0)).root }
        #expect(Set(want).count > 1)
        for a in regions.indices {
            for b in regions.indices where a < b {
                #expect((roots[a] === roots[b]) == (want[a] == want[b]), "\(name) \(regions[a]) \(regions[b])")
            }
        }
        // A region the bundle does not know gets the type's first schema.
        let firstSchema = try #require(want.firstIndex(of: lines[0].id))
        #expect(try #require(store.schema(for: name, region: "xx-nowhere-1")).root === roots[firstSchema])
    }

    @Test("a small index: the first, the last and a repeated type are found; lines out of place are an error")
    func smallIndex() throws {
        let header = "cfntool-schemas 1\nsource test\ndigest 0\nregions r-one-1 r-two-1\n"
        let types = "type A::B::C aaaa 1\ntype A::B::C bbbb 2\ntype A::B::CD cccc 3\ntype Z::Z::Z dddd 3\n"
        let dir = try Self.temporaryBundle(header + types + "getatt-all A::B::C\n")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try #"{"typeName":"A::B::C","properties":{"X":{"type":"string"}}}"#.write(
            toFile: dir + "/schemas/aaaa.json",
            atomically: true,
            encoding: .utf8
        )
        try #"{"typeName":"A::B::C","properties":{"Y":{"type":"string"}}}"#.write(
            toFile: dir + "/schemas/bbbb.json",
            atomically: true,
            encoding: .utf8
        )
        let store = try SchemaStore(directory: dir)
        #expect(store.typeNames == ["A::B::C", "A::B::CD", "Z::Z::Z"])
        #expect(store.regions(of: "A::B::C") == ["r-one-1", "r-two-1"])
        #expect(store.isAvailable("A::B::C", in: "r-two-1"))
        #expect(store.schema(for: "A::B::C", region: "r-one-1")?.root.properties.keys.sorted() == ["X"])
        #expect(store.schema(for: "A::B::C", region: "r-two-1")?.root.properties.keys.sorted() == ["Y"])
        #expect(store.knows("Z::Z::Z") && !store.knows("A::B") && !store.knows("Z::Z::Z::Z"))
        // With no newline after the last type line, and nothing after it.
        let tail = try Self.temporaryBundle(header + String(types.dropLast()))
        defer { try? FileManager.default.removeItem(atPath: tail) }
        let tailStore = try SchemaStore(directory: tail)
        #expect(tailStore.knows("Z::Z::Z") && tailStore.knows("A::B::C") && !tailStore.knows("Z"))
        // Type lines split by another record: the lookup could not trust them.
        let split = try Self.temporaryBundle(header + "type A::A::A eeee 1\ngetatt-all A::A::A\n" + types)
        defer { try? FileManager.default.removeItem(atPath: split) }
        #expect {
            try SchemaStore(directory: split)
        } throws: { error in
            guard let e = error as? CFNError else { return false }
            return e.message.contains("type lines are not all together") && e.position.line == 7
        }
        // Type lines out of order: a binary search would miss names.
        let unsorted = try Self.temporaryBundle(header + "type A::B::C aaaa 1\ntype A::B::B bbbb 1\ntype A::B::D cccc 1\n")
        defer { try? FileManager.default.removeItem(atPath: unsorted) }
        #expect {
            try SchemaStore(directory: unsorted)
        } throws: { error in
            guard let e = error as? CFNError else { return false }
            return e.message.contains("not sorted by name") && e.position.line == 6
        }
        let none = try Self.temporaryBundle(header + "getatt-all A::A::A\n")
        defer { try? FileManager.default.removeItem(atPath: none) }
        #expect(throws: CFNError.self) { try SchemaStore(directory: none) }
    }
}
