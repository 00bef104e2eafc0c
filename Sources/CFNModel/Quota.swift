/// One of CloudFormation's template quotas: a limit on how many of something, or how big, a
/// template may be.
///
/// The numbers are CloudFormation's published quotas. A hard quota makes CloudFormation reject
/// the template; a soft one (`isHard == false`) only constrains how it can be deployed.
public struct Quota: Sendable, Hashable {
    /// A stable identifier, e.g. `resources` (machine output uses it).
    public var id: String
    /// What is counted, for people, e.g. `resources`.
    public var title: String
    /// The largest allowed value.
    public var limit: Int
    /// Whether CloudFormation rejects a template over the limit (`false`: a warning).
    public var isHard: Bool
    /// What to do when the limit is passed, for people.
    public var advice: String

    /// Creates a quota.
    public init(id: String, title: String, limit: Int, isHard: Bool = true, advice: String = "") {
        self.id = id
        self.title = title
        self.limit = limit
        self.isHard = isHard
        self.advice = advice
    }

    /// Resources in one template: 500.
    public static let resources = Quota(
        id: "resources",
        title: "resources",
        limit: 500,
        advice: "split the template into nested stacks"
    )
    /// Parameters in one template: 200.
    public static let parameters = Quota(id: "parameters", title: "parameters", limit: 200)
    /// Outputs in one template: 200.
    public static let outputs = Quota(id: "outputs", title: "outputs", limit: 200)
    /// Mappings in one template: 200.
    public static let mappings = Quota(id: "mappings", title: "mappings", limit: 200)
    /// Attributes in one mapping: 200 second-level keys under any one top-level key.
    public static let mappingAttributes = Quota(id: "mapping-attributes", title: "mapping attributes", limit: 200)
    /// Length of a logical id or name (resources, parameters, outputs, mappings, conditions): 255 characters.
    public static let nameLength = Quota(id: "name-length", title: "name length", limit: 255)
    /// Size of a template body, passed through S3 (`--template-url`): 1,000,000 bytes.
    public static let templateBytes = Quota(id: "template-bytes", title: "template bytes (S3)", limit: 1_000_000)
    /// Size of a template body passed inline (`--template-body`): 51,200 bytes. Bigger templates
    /// deploy through S3, so this is a warning.
    public static let inlineTemplateBytes = Quota(
        id: "inline-template-bytes",
        title: "template bytes (inline)",
        limit: 51_200,
        isHard: false,
        advice: "deploy through S3 (--s3-bucket / --template-url), not --template-body"
    )
    /// Size of the template's `Description`: 1,024 bytes.
    public static let descriptionBytes = Quota(id: "description-bytes", title: "description bytes", limit: 1_024)
    /// Resources that one create operation may make across a nested-stack hierarchy: 2,500.
    /// A bigger hierarchy can exist, but its first deploy must be staged, so this is a warning.
    public static let hierarchyResources = Quota(
        id: "hierarchy-resources",
        title: "resources across nested stacks",
        limit: 2_500,
        isHard: false,
        advice: "the first deploy of a bigger hierarchy must be staged: create some nested stacks, then add the rest"
    )

    /// The quotas of one template, in the order `Template.quotaUsage(bodyBytes:)` reports them.
    public static let template: [Quota] = [
        .resources, .parameters, .outputs, .mappings, .mappingAttributes, .nameLength, .templateBytes, .inlineTemplateBytes,
        .descriptionBytes,
    ]
}

/// How much of a quota a template uses.
public struct QuotaUsage: Sendable, Hashable {
    /// The quota.
    public var quota: Quota
    /// How much is used (a count, a length or a size in bytes, as the quota says).
    public var used: Int
    /// What the number is about, for per-item quotas: the mapping (`Mapping/TopKey`) or the
    /// name; nil for whole-template quotas.
    public var subject: String?
    /// Where the subject is written (`.unknown` when there is none).
    public var range: SourceRange

    /// Creates a usage.
    public init(quota: Quota, used: Int, subject: String? = nil, range: SourceRange = .unknown) {
        self.quota = quota
        self.used = used
        self.subject = subject
        self.range = range
    }

    /// Whether the usage is over the limit.
    public var exceeded: Bool { used > quota.limit }

    /// Whether the usage is at 90% of the limit or more, but not over it.
    public var nearLimit: Bool { !exceeded && used * 10 >= quota.limit * 9 }

    /// Whether CloudFormation would reject the template for this: over a hard quota.
    public var fails: Bool { exceeded && quota.isHard }
}
