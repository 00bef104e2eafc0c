import CFNDiff
import CFNModel
import Foundation
import Testing

enum Corpus {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared/corpus` beside the checkout, or `$CFN_CORPUS`.
    static let dir: String = ProcessInfo.processInfo.environment["CFN_CORPUS"] ?? root + "/../shared/corpus"

    /// Corpus template paths relative to `templates/`, from the manifest.
    static let paths: [String] = {
        guard let text = try? String(contentsOfFile: dir + "/manifest.tsv", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[0]) }
    }()

    static func file(_ rel: String) -> String { dir + "/templates/" + rel }

    static func template(_ rel: String) throws -> Template {
        try Template(contentsOf: file("aws-cloudformation-templates/" + rel))
    }
}

extension Template {
    /// A copy with the value at a slash path (`Resources/VPC/Properties/CidrBlock`, list items
    /// by number) replaced, or removed with nil.
    func setting(_ path: String, _ value: Node?) -> Template {
        var t = self
        let parts = path.split(separator: "/").map(String.init)
        t.root = Self.set(Node(.map(root)), parts[...], value).mapValue!
        return t
    }

    /// A copy with the value at `path` transformed.
    func updating(_ path: String, _ transform: (Node) -> Node?) -> Template {
        setting(path, transform(value(at: path)!))
    }

    func value(at path: String) -> Node? {
        var n: Node? = rootNode
        for part in path.split(separator: "/") {
            if let i = Int(part), let l = n?.listValue { n = i < l.count ? l[i] : nil } else { n = n?[String(part)] }
        }
        return n
    }

    private static func set(_ node: Node, _ path: ArraySlice<String>, _ value: Node?) -> Node {
        guard let first = path.first else { return value ?? node }
        var out = node
        switch node.value {
        case .map(var m):
            if path.count == 1 {
                m[first] = value
            } else {
                m[first] = set(m[first] ?? Node(.map(Map())), path.dropFirst(), value)
            }
            out.value = .map(m)
        case .list(var l):
            let i = Int(first)!
            if path.count == 1 {
                if let value { l[i] = value } else { l.remove(at: i) }
            } else {
                l[i] = set(l[i], path.dropFirst(), value)
            }
            out.value = .list(l)
        case .function(var f) where f.name.rawValue == first:
            f.argument = path.count == 1 ? (value ?? f.argument) : set(f.argument, path.dropFirst(), value)
            out.value = .function(f)
        default:
            Issue.record("cannot step into \(first)")
        }
        return out
    }

    /// A copy with a resource's logical id changed (kept in place).
    func renamingResource(_ from: String, to: String) -> Template {
        var t = self
        var resources = root["Resources"]!.mapValue!
        let entries = resources.entries.map { e in
            e.key == from ? Map.Entry(key: to, value: e.value, keyRange: e.keyRange, keyStyle: e.keyStyle) : e
        }
        resources = Map(entries)
        t.root["Resources"] = Node(.map(resources))
        return t
    }
}

func str(_ s: String) -> Node { Node.string(s) }
func num(_ i: Int) -> Node { Node(.number(Number(i))) }

extension TemplateDiff {
    func resource(_ id: String) -> ResourceChange? { resources.first { $0.logicalId == id } }
}
