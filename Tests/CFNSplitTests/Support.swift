import CFNModel
import Foundation

enum Fixtures {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let shared = root + "/../shared"

    /// A Serverless-style template from ../shared/tools/gen_serverless.py.
    static func serverless(_ functions: Int, yaml: Bool = false) throws -> Template {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", shared + "/tools/gen_serverless.py", String(functions)] + (yaml ? ["--yaml"] : [])
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return try Template(bytes: [UInt8](data), path: "serverless-\(functions).\(yaml ? "yaml" : "json")")
    }

    static var corpusPaths: [(path: String, resources: Int)] {
        guard let text = try? String(contentsOfFile: shared + "/corpus/manifest.tsv", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().map {
            let f = $0.split(separator: "\t")
            return (String(f[0]), Int(f[4]) ?? 0)
        }
    }
}
