/// The templates of one run seen as stack hierarchies: which template is the nested stack of
/// which parent, and what a name in one template stands for in another.
///
/// A template is nested when:
/// - a parent among the templates has an `AWS::CloudFormation::Stack` resource whose
///   `TemplateURL` names it: a relative path, from the parent's folder, or a URL whose last part
///   is its file name in the parent's folder (`--template-url-base` output of `cfntool split`);
/// - or a split manifest lists it as a nested stack (`stacks: {Name: {file, parent}}`), also when
///   the parent template is not among the templates.
///
/// Paths are compared as written, after removing `.` and `..` parts: name the files of one
/// hierarchy the same way (all relative, or all absolute).
public struct StackHierarchy: Sendable {
    /// Where a nested template hangs.
    public struct Parent: Sendable, Hashable {
        /// The parent template's index in `templates`, or nil when only a manifest says that the
        /// template is nested and its parent is not among the templates.
        public var template: Int?
        /// The logical id of the `AWS::CloudFormation::Stack` resource that creates the nested stack.
        public var stack: String

        /// Creates a link.
        public init(template: Int?, stack: String) {
            self.template = template
            self.stack = stack
        }
    }

    /// One resource somewhere in the hierarchy.
    public struct Member: Sendable, Hashable {
        /// The template's index in `templates`.
        public var template: Int
        /// The resource's logical id there.
        public var logicalId: String

        /// Creates a member.
        public init(template: Int, logicalId: String) {
            self.template = template
            self.logicalId = logicalId
        }
    }

    /// The templates, in the order given.
    public let templates: [Template]
    private let parents: [Parent?]
    /// Parent index -> stack logical id -> child index.
    private let children: [Int: [String: Int]]
    /// For each template, the index of its hierarchy's root (a template with no parent among them).
    private let roots: [Int]
    /// Root -> the templates of its hierarchy, in index order.
    private let families: [Int: [Int]]

    /// Links `templates` (and what `manifests` say about them) into hierarchies.
    public init(_ templates: [Template], manifests: [SplitManifest] = []) {
        self.templates = templates
        var index: [String: Int] = [:]
        for (i, t) in templates.enumerated() where index[StackHierarchy.normalized(t.path)] == nil {
            index[StackHierarchy.normalized(t.path)] = i
        }
        var parents = [Parent?](repeating: nil, count: templates.count)
        for (p, t) in templates.enumerated() {
            for r in t.resources where r.type == "AWS::CloudFormation::Stack" {
                guard let url = r.node["Properties"]?["TemplateURL"]?.stringValue, !url.isEmpty else { continue }
                guard let c = index[StackHierarchy.normalized(StackHierarchy.target(of: url, from: t.path))], c != p, parents[c] == nil
                else { continue }
                parents[c] = Parent(template: p, stack: r.logicalId)
            }
        }
        for m in manifests {
            let files = Dictionary(m.stacks.map { ($0.name, m.resolve($0.file)) }, uniquingKeysWith: { a, _ in a })
            let parentFile = m.resolve(m.parent)
            for s in m.stacks {
                guard let c = index[StackHierarchy.normalized(m.resolve(s.file))], parents[c] == nil else { continue }
                let holder = s.parentStack.flatMap { files[$0] } ?? parentFile
                let p = index[StackHierarchy.normalized(holder)]
                parents[c] = Parent(template: p == c ? nil : p, stack: s.name)
            }
        }
        var children: [Int: [String: Int]] = [:]
        for (c, p) in parents.enumerated() {
            if let p, let pi = p.template { children[pi, default: [:]][p.stack] = c }
        }
        // Roots: follow parents up; a loop of TemplateURLs (a template nesting itself through
        // another) is cut where it closes.
        var roots = Array(templates.indices)
        for i in templates.indices {
            var seen: Set<Int> = [i]
            var at = i
            while let p = parents[at]?.template, seen.insert(p).inserted { at = p }
            roots[i] = at
        }
        self.parents = parents
        self.children = children
        self.roots = roots
        var families: [Int: [Int]] = [:]
        for (i, root) in roots.enumerated() { families[root, default: []].append(i) }
        self.families = families
    }

    /// Where a template hangs, or nil when it is not a nested stack.
    public func parent(of template: Int) -> Parent? { parents[template] }

    /// Whether a template is a nested stack's (CloudFormation reads it from S3 through its parent).
    public func isNested(_ template: Int) -> Bool { parents[template] != nil }

    /// The template of the nested stack that `stack` (a resource of `template`) creates, when it
    /// is among the templates.
    public func child(of template: Int, stack: String) -> Int? { children[template]?[stack] }

    /// The templates of the hierarchy that `template` belongs to, in index order (the template
    /// alone when it has no parent and no child among the templates).
    public func family(of template: Int) -> [Int] { families[roots[template]] ?? [template] }

    /// The resources a reference stands for, across stack boundaries: a `Ref` (or `${Name}`) to
    /// a nested template's parameter follows what its parent passes; a `Fn::GetAtt` of
    /// `Stack.Outputs.Name` follows the output's value in that nested template. A reference to a
    /// resource of the same template is that resource. Pseudo-parameters and names nothing
    /// defines stand for nothing.
    public func resolve(_ reference: Reference, in template: Int) -> [Member] {
        struct Step: Hashable {
            var template: Int
            var target: String
            var attribute: String?
        }
        var out: [Member] = []
        var seen: Set<Step> = []
        var work = [(reference, template)]
        while let (ref, at) = work.popLast() {
            guard seen.insert(Step(template: at, target: ref.target, attribute: ref.attribute)).inserted else { continue }
            let t = templates[at]
            if let r = t.resource(ref.target) {
                if r.type == "AWS::CloudFormation::Stack", let attribute = ref.attribute, attribute.hasPrefix("Outputs.") {
                    if let c = child(of: at, stack: ref.target),
                        let value = templates[c].root["Outputs"]?[String(attribute.dropFirst("Outputs.".count))]?["Value"]
                    {
                        for next in StackHierarchy.targets(value) { work.append((next, c)) }
                    }
                } else {
                    out.append(Member(template: at, logicalId: ref.target))
                }
                continue
            }
            guard ref.attribute == nil, t.root["Parameters"]?[ref.target] != nil, let p = parents[at], let pi = p.template,
                let passed = templates[pi].resource(p.stack)?.node["Properties"]?["Parameters"]?[ref.target]
            else { continue }
            for next in StackHierarchy.targets(passed) { work.append((next, pi)) }
        }
        return out.sorted { ($0.template, $0.logicalId) < ($1.template, $1.logicalId) }
    }

    /// The value references that may carry a resource's identity: not conditions, mappings,
    /// DependsOn or pseudo-parameters.
    private static func targets(_ value: Node) -> [Reference] {
        value.references.filter { [.ref, .getAtt, .sub].contains($0.kind) && !$0.target.hasPrefix("AWS::") }
    }

    /// The path a `TemplateURL` names, from the folder of the template that holds it.
    static func target(of url: String, from parentPath: String) -> String {
        let folder = parentPath.lastIndex(of: "/").map { String(parentPath[...$0]) } ?? ""
        if let scheme = url.firstRange(of: "://") {
            var rest = url[scheme.upperBound...]
            if let q = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<q] }
            return folder + (rest.split(separator: "/").last.map(String.init) ?? "")
        }
        return url.hasPrefix("/") ? url : folder + url
    }

    /// A path without `.` parts, `..` after a name, or repeated slashes.
    static func normalized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return (absolute ? "/" : "") + parts.joined(separator: "/")
    }
}
