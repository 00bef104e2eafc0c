import CFNModel
import Foundation
import Testing

/// The README's library example, as a user would take it: the program is cut out of README.md,
/// compiled against the library this test run was built with, and run on a bundled template.
@Suite("README")
struct ReadmeExampleTests {
    /// The first ```swift block of the "Using CFNModel from Swift" section.
    static func example() throws -> String {
        let readme = try String(contentsOfFile: Fixtures.root + "/README.md", encoding: .utf8)
        let section = try #require(readme.range(of: "## Using CFNModel from Swift"))
        let rest = readme[section.upperBound...]
        let open = try #require(rest.range(of: "```swift\n"))
        let close = try #require(rest[open.upperBound...].range(of: "\n```"))
        return String(rest[open.upperBound..<close.lowerBound])
    }

    /// The build folder of this test run (`.build/debug`, `.build-asan/debug`, ...): the one that
    /// holds the test bundle, whose `Modules` has CFNModel's interface.
    static var buildFolder: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    @Test("the library example in README.md compiles against CFNModel and runs")
    func example() throws {
        let code = try Self.example()
        #expect(code.hasPrefix("import CFNModel\n"))
        let build = Self.buildFolder
        let modules = build.appendingPathComponent("Modules")
        let objects = try FileManager.default.contentsOfDirectory(atPath: build.appendingPathComponent("CFNModel.build").path)
            .filter { $0.hasSuffix(".o") }.map { build.appendingPathComponent("CFNModel.build/" + $0).path }
        try #require(!objects.isEmpty, "CFNModel's objects in \(build.path)")

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let main = dir.appendingPathComponent("main.swift")
        try code.write(to: main, atomically: true, encoding: .utf8)
        let program = dir.appendingPathComponent("runtimes").path
        // A sanitized test build (make asan, make tsan) has sanitized objects: link them the same way.
        let scratch = build.deletingLastPathComponent().lastPathComponent
        let sanitizer = scratch.hasSuffix("asan") ? ["-sanitize=address"] : scratch.hasSuffix("tsan") ? ["-sanitize=thread"] : []
        let compile = try run(
            "/usr/bin/env",
            ["swiftc", "-I", modules.path, "-I", Fixtures.root + "/Sources/CYAML", main.path] + objects + sanitizer
                + ["-lyaml", "-o", program]
        )
        try #require(compile.status == 0, "swiftc failed:\n\(compile.output)")

        let out = try run(program, ["templates/serverless-api.yaml"]).output
        let lines = out.split(separator: "\n").map(String.init)
        let functions = lines.filter { $0.hasPrefix("templates/serverless-api.yaml:") }
        #expect(functions.count == 3)
        #expect(functions.allSatisfy { $0.hasSuffix("nodejs22.x") })
        let graph = try #require(lines.first { $0.hasPrefix("graph: ") })
        let template = try Template(contentsOf: Fixtures.root + "/templates/serverless-api.yaml")
        let expected = DependencyGraph(template)
        #expect(graph == "graph: \(expected.vertices.count) vertices, \(expected.edges.count) edges, 0 cycles")
        #expect(lines.contains { $0.hasPrefix("as JSON: ") })

        // A broken template prints its error as file:line:col.
        let bad = dir.appendingPathComponent("bad.yaml")
        try "Resources:\n  A: {Type: X}\n  A: {Type: Y}\n".write(to: bad, atomically: true, encoding: .utf8)
        let error = try run(program, [bad.path]).output
        #expect(error.contains("bad.yaml:3:3: duplicate key 'A'"))
    }

    private func run(_ executable: String, _ args: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: Fixtures.root)
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
