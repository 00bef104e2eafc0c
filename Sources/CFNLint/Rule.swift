import CFNModel
import CFNSchema

/// What a rule is, for people and for the test suite: its examples run as tests.
public struct RuleInfo: Sendable {
    /// The id, following cfn-lint's numbering where the check is the same (`E3005`).
    public var id: String
    /// A one-line title.
    public var title: String
    /// What it checks and why; this is the rule's documentation.
    public var description: String
    private let passingExamples: @Sendable () -> [String]
    private let failingExamples: @Sendable () -> [String]
    private let fixExamples: @Sendable () -> [FixExample]

    /// Templates (YAML) that must pass the rule (built when asked for: some are a megabyte).
    public var passing: [String] { passingExamples() }
    /// Templates that must fail it: each line ending in `# <-` must carry a finding of the rule.
    public var failing: [String] { failingExamples() }
    /// What the rule's fixes do: each example's `before`, fixed, is its `after`.
    public var fixes: [FixExample] { fixExamples() }

    /// Creates the description of a rule; the examples are built only when the docs or tests ask.
    public init(
        id: String,
        title: String,
        description: String,
        passing: @autoclosure @escaping @Sendable () -> [String] = [],
        failing: @autoclosure @escaping @Sendable () -> [String] = [],
        fixes: @autoclosure @escaping @Sendable () -> [FixExample] = []
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.passingExamples = passing
        self.failingExamples = failing
        self.fixExamples = fixes
    }

    /// The severity the id's first letter gives.
    public var severity: Severity { Severity(ruleId: id) }
}

/// A lint rule: it reads the decoded template and its dependency graph, never the raw text.
public protocol Rule: Sendable {
    /// The rule's id, title, documentation and examples.
    static var info: RuleInfo { get }
    /// The id of the rule family this one belongs to, which must be enabled too (E3000 for the
    /// constraints documented on their own); nil for most rules. A requirement, not a dynamic
    /// cast, because each first `is` check of a type scans every conformance in the binary.
    static var familyId: String? { get }
    /// Whether the rule reads the schema check's findings (`LintContext.schemaFindings`): a run
    /// that has such a rule checks the resources against their schemas first, in parts on all
    /// lanes. A rule that reads them without saying so still gets them, checked then, on one lane.
    static var usesSchemaCheck: Bool { get }
    /// Creates the rule.
    init()
    /// The problems the rule finds.
    func check(_ context: LintContext, into findings: inout [Finding])
}

extension Rule {
    /// No family: the rule's own id decides.
    public static var familyId: String? { nil }

    /// Most rules read the template alone.
    public static var usesSchemaCheck: Bool { false }

    /// The rule's description.
    public var info: RuleInfo { Self.info }
}

/// What a rule gets: the template, its graph, and the settings of the run.
public struct LintContext: Sendable {
    /// The template.
    public let template: Template
    /// Its dependency graph.
    public let graph: DependencyGraph
    /// The size of the template's text in bytes.
    public let bodyBytes: Int
    /// The day deprecation dates are compared with.
    public let asOf: LintDate
    /// Regions the template is checked for.
    public let regions: [String]
    /// The templates linted with this one, as stack hierarchies (nil when it is linted alone).
    public let hierarchy: StackHierarchy?
    /// This template's index in `hierarchy.templates`.
    public let member: Int
    /// The template as written when `template` is what the SAM transform made of it (nil
    /// otherwise): cfn-lint reads a few things before the transform (the parameters, mappings and
    /// conditions the source uses), and so do the rules that mirror it.
    public var source: Template? = nil
    /// The template's text, where fixes may edit it (nil: findings carry no fix).
    var text: FixSource? = nil
    /// The parameter values of the deployments the run checks the template for
    /// (`--deployment-files`, `--parameter-files`); empty when none were given.
    public var parameterSets: [ParameterSet] = []
    /// Work several rules share, done once per template.
    let shared = SharedWork()

    /// The template as written: `source`, or `template` when no transform ran.
    public var written: Template { source ?? template }

    /// `FunctionWalker.functions(template, visit)`, from one walk that the template's function
    /// rules share.
    func eachFunction(_ visit: (Intrinsic, Node, [String], FunctionScope) -> Void) {
        for site in shared.functions(template) { visit(site.function, site.node, site.path, site.scope) }
    }

    /// Creates a context; `hierarchy` and `member` place the template among the others of its run.
    public init(
        template: Template,
        graph: DependencyGraph,
        bodyBytes: Int,
        asOf: LintDate,
        regions: [String],
        hierarchy: StackHierarchy? = nil,
        member: Int = 0
    ) {
        self.template = template
        self.graph = graph
        self.bodyBytes = bodyBytes
        self.asOf = asOf
        self.regions = regions
        self.hierarchy = hierarchy
        self.member = member
    }

    /// Whether the template is a nested stack's: a parent linted with it names it in a
    /// `TemplateURL`, or the split manifest beside it lists it.
    public var isNestedStack: Bool { hierarchy?.isNested(member) ?? false }

    /// The region whose resource schemas are read: the first of `--regions`.
    public var schemaRegion: String { regions.first ?? "us-east-1" }

    /// A finding under another id than the rule's own (cfn-lint files some problems under the
    /// id of the function they sit in); the id's letter gives the severity.
    public func finding(id: String, _ message: String, at range: SourceRange, path: [String] = []) -> Finding {
        Finding(ruleId: id, severity: Severity(ruleId: id), message: message, file: template.path, range: range, path: path)
    }

    /// A fix built on the template's text, or nil when there is none to edit or the builder
    /// cannot be sure of the result.
    func fix(_ title: String, _ safety: Fix.Safety, _ build: (FixSource) -> [TextEdit]?) -> Fix? {
        guard let text, let edits = build(text), !edits.isEmpty else { return nil }
        return Fix(title: title, safety: safety, edits: edits)
    }

    /// The fix for a key that is none of `names`: the one name it equals but for case (safe:
    /// the names are fixed words, so nothing else can be meant), else the one close name (unsafe).
    /// None when the name is taken in `map` already, or no single name fits.
    func renameFix(_ entry: Map.Entry, to names: [String], in map: Map) -> Fix? {
        let lowered = entry.key.lowercased()
        let sameWord = names.filter { $0.lowercased() == lowered }
        let close = sameWord.isEmpty ? NameMatch.closest(to: entry.key, in: names, limit: 2) : sameWord
        guard close.count == 1, map[close[0]] == nil else { return nil }
        return fix("rename '\(entry.key)' to '\(close[0])'", sameWord.isEmpty ? .unsafe : .safe) { $0.renameKey(entry, to: close[0]) }
    }

    /// A finding of `rule` at `range`.
    public func finding<R: Rule>(_ rule: R.Type, _ message: String, at range: SourceRange, path: [String] = []) -> Finding {
        Finding(ruleId: R.info.id, severity: R.info.severity, message: message, file: template.path, range: range, path: path)
    }
}

/// A calendar day, `YYYY-MM-DD`, compared as text.
public struct LintDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `YYYY-MM-DD`.
    public let text: String

    /// A day from `YYYY-MM-DD`; nil if the text is not one.
    public init?(_ text: String) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == 45, u[7] == 45,
            u.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || ($0.element >= 48 && $0.element <= 57) })
        else { return nil }
        self.text = text
    }

    /// `YYYY-MM-DD`.
    public var description: String { text }

    /// Orders days.
    public static func < (a: LintDate, b: LintDate) -> Bool { a.text < b.text }
}

/// Results several rules need (the missing names, the dynamic references), computed on first
/// use and kept for the other rules of the same template. The rules of one template may run on
/// several threads at once (`LintOptions.ruleJobs`): each result is computed by the first rule
/// that asks, while the others asking wait for it.
final class SharedWork: Sendable {
    private let brokenReferences = Once<[BrokenReference]>()
    private let dynamicReferences = Once<[DynamicReference]>()
    private let schemaFindings = Once<[String: [Finding]]>()
    private let functionSites = Once<[FunctionSite]>()
    private let conditionScenarios = Once<ConditionScenarios>()
    private let templateStrings = Once<[TemplateString]>()
    private let policyDocuments = Once<[PolicyDocument]>()
    private let policySchemaFindings = Once<[Finding]>()
    private let valueContext = Once<ValueContext?>()
    /// The schema check, when the run does it in parts on all lanes before the rules that read it.
    let schemaInParts = Locked<SchemaCheck.InParts?>(nil)

    /// The template's policy documents (W3037, W2511, the policy schema rules), JSON text decoded once.
    func policies(_ template: Template) -> [PolicyDocument] {
        policyDocuments.value { PolicyActions.policies(template) }
    }

    /// The policy schema findings (E3510, E3512, E3513, E3514, E3530), each document validated once.
    func policySchema(_ context: LintContext) -> [Finding] {
        policySchemaFindings.value { PolicySchema.run(context) }
    }

    /// What the validator knows of the template (parameter and resource types, conditions),
    /// for the rules that validate values against schemas of their own (E3601, E3016, ...);
    /// nil without the bundled schemas.
    func values(_ context: LintContext) -> ValueContext? {
        valueContext.value { SchemaStore.bundled.map { ValueContext(template: context.template, store: $0, region: context.schemaRegion) } }
    }

    func functions(_ template: Template) -> [FunctionSite] {
        functionSites.value { FunctionWalker.sites(template) }
    }

    func broken(_ context: LintContext) -> [BrokenReference] {
        brokenReferences.value {
            BrokenReference.all(context.template, region: context.schemaRegion, sites: functions(context.template))
        }
    }

    /// The schema check's findings by id: waited for when the run checks in parts, else checked here.
    func schema(_ context: LintContext) -> [String: [Finding]] {
        schemaFindings.value {
            if let parts = schemaInParts.withLock({ $0 }) { return parts.merged() }
            return SchemaCheck.run(context)
        }
    }

    /// Whether a rule has asked for the schema check (the test that rules declare `usesSchemaCheck`).
    var checkedSchema: Bool { schemaFindings.isComputed }

    /// The template's conditions, read once for the rules that ask which can hold together.
    func scenarios(_ template: Template) -> ConditionScenarios {
        conditionScenarios.value { ConditionScenarios(template: template) }
    }

    /// The template's strings that hold `{{` or start with `AWS::`, for W1053.
    func strings(_ context: LintContext) -> [TemplateString] {
        templateStrings.value { TemplateStrings.all(context) }
    }

    func dynamic(_ template: Template) -> [DynamicReference] {
        dynamicReferences.value { DynamicReference.all(template) }
    }
}
