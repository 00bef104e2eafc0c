import CFNModel
import CFNSAM

/// What changes between two templates, section by section, and what each resource change will
/// do when deployed (update, replace, delete, ...). Built by `Differ`.
public struct TemplateDiff: Sendable {
    /// The old template's path as given.
    public var oldPath: String
    /// The new template's path as given.
    public var newPath: String
    /// Changed resources, in the new template's order (removed ones after, in the old order).
    public var resources: [ResourceChange]
    /// Changed entries of the other sections (Parameters, Mappings, Conditions, Outputs, Rules,
    /// and whole sections such as Metadata, Transform, Description).
    public var sections: [SectionChange]

    /// Creates a diff.
    public init(oldPath: String, newPath: String, resources: [ResourceChange], sections: [SectionChange]) {
        self.oldPath = oldPath
        self.newPath = newPath
        self.resources = resources
        self.sections = sections
    }

    /// Whether the two templates mean the same.
    public var isEmpty: Bool { resources.isEmpty && sections.isEmpty }

    /// The number of resource changes with each impact.
    public var counts: [Impact: Int] {
        var out: [Impact: Int] = [:]
        for r in resources { out[r.impact, default: 0] += 1 }
        return out
    }

    /// Whether a resource is replaced, or may be, or a change will fail (a replacement, rename or
    /// move of a resource that keeps its custom name).
    public var hasReplacement: Bool { resources.contains { $0.impact == .replaced || $0.impact == .mayReplace || $0.willFail } }

    /// Whether a resource is deleted: removed without a Retain policy, or renamed or moved to
    /// another nested stack (deleted and created again).
    public var hasDeletion: Bool { resources.contains { $0.impact == .removed || $0.impact == .renamed || $0.impact == .moved } }

    /// Whether a change will make the update fail (see `ResourceChange.willFail`).
    public var hasFailure: Bool { resources.contains { $0.willFail } }

    /// The resource changes that will make the update fail.
    public var failures: [ResourceChange] { resources.filter(\.willFail) }

    /// What `filtered(_:)` keeps.
    public enum Focus: String, Sendable, CaseIterable {
        /// Resources that are replaced or may be, and changes that will fail.
        case replacements
        /// IAM policy statements and security-group rules added or removed.
        case security
    }

    /// The part of the diff a reviewer asked for; other sections are left out.
    public func filtered(_ focus: Focus) -> TemplateDiff {
        var out = self
        out.sections = []
        switch focus {
        case .replacements:
            out.resources = resources.filter { $0.impact == .replaced || $0.impact == .mayReplace || $0.willFail }
        case .security:
            out.resources = resources.filter { !$0.security.isEmpty }.map {
                var r = $0
                r.changes = []
                return r
            }
        }
        return out
    }
}

/// What deploying a resource change does.
public enum Impact: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A new resource is created.
    case added = "add"
    /// The resource is deleted.
    case removed = "delete"
    /// The resource leaves the stack but is kept (`DeletionPolicy: Retain`).
    case orphaned = "orphan"
    /// The resource is updated in place.
    case updated = "update"
    /// A conditionally create-only property changes: the update may replace the resource.
    case mayReplace = "may replace"
    /// The resource is replaced: a new one is created and the old one deleted.
    case replaced = "replace"
    /// The logical id changes, type and properties stay: a delete and a create, unless the
    /// stack is refactored to move the resource.
    case renamed = "rename"
    /// The resource goes to another stack of a split hierarchy: created in the new stack,
    /// deleted from the old one, unless the stacks are refactored.
    case moved = "move"

    /// How much a reviewer should worry, for ordering and for upgrading an impact.
    public var severity: Int {
        switch self {
        case .updated: return 0
        case .added: return 1
        case .orphaned: return 2
        case .mayReplace: return 3
        case .renamed: return 4
        case .moved: return 4
        case .replaced: return 5
        case .removed: return 6
        }
    }

    /// Orders by severity.
    public static func < (lhs: Impact, rhs: Impact) -> Bool { lhs.severity < rhs.severity }
}

/// One step of a path into a template value: a mapping key or a list position.
public enum PathComponent: Sendable, Hashable, CustomStringConvertible {
    /// A mapping key.
    case key(String)
    /// A list position (0-based).
    case index(Int)

    /// `Key` or `[2]`.
    public var description: String {
        switch self {
        case .key(let k): return k
        case .index(let i): return "[\(i)]"
        }
    }
}

extension Array where Element == PathComponent {
    /// `Properties.Tags[2].Value`.
    public var dotted: String {
        var s = ""
        for c in self {
            switch c {
            case .key(let k): s += s.isEmpty ? k : "." + k
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }
}

/// One changed value inside a resource or section entry.
public struct PropertyChange: Sendable {
    /// How the value changed.
    public enum Kind: String, Sendable, Hashable {
        /// The value is new.
        case added
        /// The value is gone.
        case removed
        /// The value is different.
        case modified
        /// A list item is the same but at another position (`oldPath` says where it was).
        case moved
    }

    /// Whether changing the value replaces the resource.
    public enum Replacement: String, Sendable, Hashable {
        /// It does not (or the schema is unknown).
        case never
        /// A conditionally create-only property: it may.
        case conditional
        /// A create-only property: it does.
        case always
    }

    /// Where, in the new template (in the old one for removed values).
    public var path: [PathComponent]
    /// For moved list items: where the item was.
    public var oldPath: [PathComponent]?
    /// How.
    public var kind: Kind
    /// The old value (nil when added).
    public var old: Node?
    /// The new value (nil when removed).
    public var new: Node?
    /// Whether it replaces the resource.
    public var replacement: Replacement

    /// Creates a change.
    public init(
        path: [PathComponent],
        oldPath: [PathComponent]? = nil,
        kind: Kind,
        old: Node?,
        new: Node?,
        replacement: Replacement = .never
    ) {
        self.path = path
        self.oldPath = oldPath
        self.kind = kind
        self.old = old
        self.new = new
        self.replacement = replacement
    }
}

/// A security-relevant item added or removed: an IAM policy statement or a security-group rule.
public struct SecurityChange: Sendable {
    /// What the item is.
    public enum Kind: String, Sendable, Hashable {
        /// A statement of an IAM policy document.
        case statement
        /// An inbound security-group rule.
        case ingress
        /// An outbound security-group rule.
        case egress
    }

    /// Statement, ingress or egress rule.
    public var kind: Kind
    /// Added (true) or removed (false).
    public var added: Bool
    /// Where the item's list is, e.g. `Properties.Policies[0].PolicyDocument.Statement`.
    public var path: [PathComponent]
    /// The item's fields in reading order, as one-line text (`Effect`, `Action`, ...).
    public var fields: [(name: String, value: String)]
    /// The item itself.
    public var node: Node
}

/// A changed resource and what deploying the change does.
public struct ResourceChange: Sendable {
    /// The logical id (in the new template; in the old one for removals).
    public var logicalId: String
    /// The resource type (the new one when it changes).
    public var type: String?
    /// The old type when it changes.
    public var oldType: String?
    /// What the change does.
    public var impact: Impact
    /// For `renamed`: the old logical id.
    public var renamedFrom: String?
    /// Why the resource is replaced, may be, or updated without a change of its own, in words.
    public var reasons: [String]
    /// The changed values, paths from the resource (`Properties.BucketName`, `DependsOn`).
    public var changes: [PropertyChange]
    /// IAM statements and security-group rules added and removed.
    public var security: [SecurityChange]
    /// Where the logical id is written in the old template (unknown when added).
    public var oldRange: SourceRange
    /// Where the logical id is written in the new template (unknown when removed).
    public var newRange: SourceRange
    /// Whether deploying the change fails: the resource keeps its custom physical name
    /// (`TableName`, `RoleName`, ...) while CloudFormation must create a second one before it
    /// deletes the first (a replacement, a rename, a move to another stack, or a new resource
    /// taking the name of a removed one).
    public var willFail: Bool
    /// Why it fails, in words (nil when it does not).
    public var failReason: String?
    /// In a split hierarchy: the nested stack that holds the resource in the new one, outer
    /// stacks first (`Api`, `Group1/Api`); nil for the parent or a single template.
    public var stack: String?
    /// In a split hierarchy: the nested stack that held the resource in the old one.
    public var oldStack: String?
    /// In a split hierarchy: the file the resource is written in, old side (nil: `oldPath`).
    public var oldFile: String?
    /// In a split hierarchy: the file the resource is written in, new side (nil: `newPath`).
    public var newFile: String?
    /// Under the SAM transform: the SAM resource (and event or property) the resource came
    /// from; nil for a resource written as it is (see `TemplateDiff.attributing(old:new:)`).
    public var origin: Origin?

    /// Creates a resource change.
    public init(
        logicalId: String,
        type: String?,
        oldType: String? = nil,
        impact: Impact,
        renamedFrom: String? = nil,
        reasons: [String] = [],
        changes: [PropertyChange] = [],
        security: [SecurityChange] = [],
        oldRange: SourceRange = .unknown,
        newRange: SourceRange = .unknown,
        willFail: Bool = false,
        failReason: String? = nil
    ) {
        self.willFail = willFail
        self.failReason = failReason
        self.logicalId = logicalId
        self.type = type
        self.oldType = oldType
        self.impact = impact
        self.renamedFrom = renamedFrom
        self.reasons = reasons
        self.changes = changes
        self.security = security
        self.oldRange = oldRange
        self.newRange = newRange
    }
}

/// A changed entry of a section other than Resources, or a changed whole section.
public struct SectionChange: Sendable {
    /// Added, removed or modified.
    public enum Kind: String, Sendable, Hashable {
        /// The entry is new.
        case added
        /// The entry is gone.
        case removed
        /// The entry is different.
        case modified
    }

    /// The section: `Parameters`, `Outputs`, `Metadata`, `Transform`, ...
    public var section: String
    /// The entry's name (a parameter, an output, ...); nil for a whole section such as Metadata.
    public var name: String?
    /// How it changed.
    public var kind: Kind
    /// The changed values, paths from the entry (or from the section).
    public var changes: [PropertyChange]
    /// Where the name (or section key) is written in the old template.
    public var oldRange: SourceRange
    /// Where the name (or section key) is written in the new template.
    public var newRange: SourceRange
    /// The entry's old value (nil when added).
    public var old: Node?
    /// The entry's new value (nil when removed).
    public var new: Node?
}
