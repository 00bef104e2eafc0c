import CFNModel
import Foundation
import Testing

@testable import CFNSchema

/// A schema's definitions are parsed and compiled the first time a `$ref` reaches them: most of
/// a resource schema is definitions, and a template reaches few. These check that what is read
/// late is what reading it all at once gives, and that threads reaching it at once agree.
@Suite("Schemas compiled on demand: definitions read when first reached, once, by any thread")
struct LazySchemaTests {
    static let bundle = SchemaStore.bundled!.directory

    /// Every 8th schema file of the bundle (in name order) and every constraint file that is not
    /// kept per region.
    static func sampleFiles() throws -> [String] {
        let schemas = try FileManager.default.contentsOfDirectory(atPath: bundle + "/schemas").sorted()
        var files = schemas.enumerated().filter { $0.offset % 8 == 0 }.map { "schemas/" + $0.element }
        let index = try String(contentsOfFile: bundle + "/index.txt", encoding: .utf8).split(separator: "\n")
        let regional = Set(index.filter { $0.hasPrefix("regional ") }.map { String($0.dropFirst(9)) })
        let extensions = Set(index.filter { $0.hasPrefix("extension ") }.map { String($0.split(separator: " ")[2]) })
        files += extensions.subtracting(regional).sorted()
        return files
    }

    @Test("a schema file read with its definitions set aside gives, definition by definition, what reading it whole gives")
    func definitionsSetAside() throws {
        let files = try Self.sampleFiles()
        #expect(files.count > 200)
        var definitionCount = 0
        for file in files {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.bundle + "/" + file)))
            let whole = try #require(JSONValue.parse(bytes), "\(file)")
            let (root, ranges) = try #require(JSONValue.parseDocument(bytes), "\(file)")
            let members = try #require(whole.members)
            #expect(root.members?.map(\.0) == members.map(\.0).filter { $0 != "definitions" }, "\(file)")
            #expect(root == .object(members.filter { $0.0 != "definitions" }), "\(file)")
            let definitions = whole["definitions"]?.members ?? []
            #expect(Set(ranges.keys) == Set(definitions.map(\.0)), "\(file)")
            for (name, value) in definitions {
                let range = try #require(ranges[name])
                #expect(JSONValue.parse(bytes, in: range) == value, "\(file) \(name)")
                definitionCount += 1
            }
        }
        #expect(definitionCount > 1_000)
    }

    @Test("text that is not JSON around the definitions is still refused; a broken definition leads nowhere")
    func brokenText() throws {
        for text in [
            #"{"definitions":{"A":{"type":"string"}}"#, #"{"definitions":{"A":{"type":"string"}},}"#, #"{"definitions":{"A":{"x":"open}}}"#,
            #"{"definitions":{"A":[1,2}}"#, #"{"definitions":{"A":{}} x"#, #"{"definitions":{"A" {}}}"#,
        ] {
            #expect(JSONValue.parseDocument(Array(text.utf8)) == nil, "\(text)")
            #expect(SchemaNode.compile(json: text) == nil, "\(text)")
        }
        // The brackets balance, the body is not JSON: found out when a $ref reaches it.
        let root = try #require(
            SchemaNode.compile(json: ##"{"definitions":{"A":{"type":}},"properties":{"P":{"$ref":"#/definitions/A"}}}"##)
        )
        let p = try #require(root.properties["P"])
        #expect(p.ref?.definitionName == "A")
        #expect(p.ref?.ref == nil)
        // A scalar definition, strings with brackets and escaped quotes inside.
        let text =
            ##"{"definitions":{"T":true,"S":{"enum":["{[","\"}]"]}},"properties":{"A":{"$ref":"#/definitions/T"},"B":{"$ref":"#/definitions/S"}}}"##
        let other = try #require(SchemaNode.compile(json: text))
        #expect(other.properties["A"]?.resolved.acceptsAll == true)
        #expect(other.properties["B"]?.resolved.enumValues == [.string("{["), .string("\"}]")])
    }

    @Test("a definition is compiled when a $ref first reaches it, once, for every $ref to it")
    func compiledWhenReached() throws {
        let text = #"""
            {"definitions":{"Used":{"type":"string","pattern":"^a"},"Unused":{"type":"integer"},
             "Tree":{"type":"object","properties":{"Child":{"$ref":"#/definitions/Tree"}}}},
             "properties":{"A":{"$ref":"#/definitions/Used"},"B":{"$ref":"#/definitions/Used","maxLength":3},
             "T":{"$ref":"#/definitions/Tree"},"M":{"$ref":"#/definitions/Missing"}}}
            """#
        let root = try #require(SchemaNode.compile(json: text))
        let a = try #require(root.properties["A"]?.refTarget)
        let b = try #require(root.properties["B"]?.refTarget)
        #expect(a === b)
        #expect(a.definitionName == "Used")
        let definition = try #require(a.definition)
        #expect(definition.compiled == nil)
        let used = try #require(a.ref)
        #expect(definition.compiled === used)
        #expect(used.types == .string && used.pattern?.source == "^a")
        #expect(b.ref === used)
        #expect(root.properties["B"]?.maxLength == 3)
        // A definition that holds itself: one node, reached again through its own property.
        let tree = try #require(root.properties["T"]?.resolved)
        #expect(tree.properties["Child"]?.resolved === tree)
        // A $ref to a name the document does not define leads nowhere, as before.
        #expect(root.properties["M"]?.ref == nil)
    }

    @Test("an if inside a definition that leads back to the definition: its keys are worked out, as the validator would")
    func conditionInRecursiveDefinition() throws {
        let text = #"""
            {"definitions":{"Node":{"type":"object","properties":{"Kind":{"type":"string"},"Next":{"$ref":"#/definitions/Node"}},
             "if":{"properties":{"Kind":{"const":"leaf"}}},"then":{"$ref":"#/definitions/Node"},"else":{"required":["Next"]}},
             "Flat":{"if":{"properties":{"Kind":{"const":"x"}}},"then":{"required":["Other"]}}},
             "properties":{"N":{"$ref":"#/definitions/Node"},"F":{"$ref":"#/definitions/Flat"}}}
            """#
        let root = try #require(SchemaNode.compile(json: text))
        let node = try #require(root.properties["N"]?.resolved)
        #expect(node.ifKeysComputed)
        #expect(node.ifKeys == node.conditionKeys())
        let flat = try #require(root.properties["F"]?.resolved)
        #expect(flat.ifKeysComputed)
        #expect(flat.ifKeys == ["Kind", "Other"])
    }

    /// Every node reachable from `root`, depth first, each once.
    static func reachable(_ root: SchemaNode) -> [ObjectIdentifier] {
        var seen: Set<ObjectIdentifier> = []
        var order: [ObjectIdentifier] = []
        var stack = [root]
        while let node = stack.popLast() {
            guard seen.insert(ObjectIdentifier(node)).inserted else { continue }
            order.append(ObjectIdentifier(node))
            var next: [SchemaNode] = node.propertyOrder.compactMap { node.properties[$0] }
            next += node.patternProperties.map(\.1)
            if case .schema(let s) = node.additional { next.append(s) }
            next += [node.items, node.contains, node.ref, node.not, node.propertyNames, node.ifSchema, node.thenSchema, node.elseSchema]
                .compactMap { $0 }
            next += node.prefixItems + node.allOf + node.anyOf + node.oneOf
            stack += next.reversed()
        }
        return order
    }

    @Test("threads that reach a schema's definitions at once get the same nodes, each compiled once")
    func threadsAgree() throws {
        // A fresh store: nothing of these types compiled yet.
        let store = try SchemaStore(directory: Self.bundle)
        let types = ["AWS::WAFv2::WebACL", "AWS::WAFv2::RuleGroup", "AWS::QuickSight::Analysis", "AWS::ECS::TaskDefinition"]
        for type in types { #expect(store.knows(type)) }
        let walks = Parallel.map(Array(0..<8)) { i -> [ObjectIdentifier] in
            // Each thread starts with another type, so that they meet inside the documents.
            var byType: [String: [ObjectIdentifier]] = [:]
            for k in 0..<types.count {
                let type = types[(k + i) % types.count]
                guard let schema = store.schema(for: type) else { return [] }
                byType[type] = Self.reachable(schema.root)
            }
            return types.flatMap { byType[$0] ?? [] }
        }
        #expect(walks[0].count > 1_000)
        for walk in walks { #expect(walk == walks[0]) }
    }
}
