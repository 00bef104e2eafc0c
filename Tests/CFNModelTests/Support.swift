import CFNModel
import Foundation
import Testing

/// Paths shared by the tests.
enum Fixtures {
    /// The repository root (two levels above this file's folder).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared/corpus` beside the checkout, or `$CFN_CORPUS`.
    static let corpus: String = ProcessInfo.processInfo.environment["CFN_CORPUS"] ?? root + "/../shared/corpus"

    /// Corpus template paths relative to `corpus/templates`, from the manifest.
    static let corpusPaths: [String] = {
        guard let text = try? String(contentsOfFile: corpus + "/manifest.tsv", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[0]) }
    }()

    static func corpusFile(_ rel: String) -> String { corpus + "/templates/" + rel }
}

/// Decodes YAML or JSON text, failing the test on error.
func decode(_ text: String, keepComments: Bool = false) throws -> Template {
    try Template(text: text, path: "t.yaml", options: DecodeOptions(keepComments: keepComments))
}

/// The error decoding `text` gives, or nil.
func decodeError(_ text: String) -> CFNError? {
    decodeError(bytes: Array(text.utf8))
}

/// The error decoding `bytes` gives, or nil.
func decodeError(bytes: [UInt8], options: DecodeOptions = DecodeOptions()) -> CFNError? {
    do {
        _ = try Template(bytes: bytes, path: "bad.yaml", options: options)
        return nil
    } catch {
        return error
    }
}

/// The value at a slash path (`/Resources/B/Properties/X`) in a template.
func node(_ t: Template, _ path: String) -> Node? {
    var n: Node? = t.rootNode
    for part in path.split(separator: "/") {
        guard let cur = n else { return nil }
        if let i = Int(part), let l = cur.listValue {
            n = i < l.count ? l[i] : nil
        } else {
            n = cur[String(part)]
        }
    }
    return n
}
