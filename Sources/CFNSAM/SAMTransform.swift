import CFNModel

/// The `AWS::Serverless-2016-10-31` transform: a SAM template in, the plain CloudFormation
/// template that CloudFormation would deploy out, each generated resource with the SAM source it
/// came from.
///
/// ```swift
/// let output = try SAMTransform(.init(region: "eu-west-1")).apply(to: template)
/// output.template           // plain CloudFormation
/// output.origins["GetUserFnRole"]?.logicalId   // "GetUserFn"
/// ```
public struct SAMTransform: Sendable {
    /// The transform's name, as `Transform:` writes it.
    public static let name = "AWS::Serverless-2016-10-31"

    /// What the transform is run for.
    public struct Options: Sendable {
        /// The region (pseudo parameter `AWS::Region`, and the partition when none is given).
        public var region: String
        /// `aws`, `aws-cn`, `aws-us-gov`, ...; derived from the region when nil.
        public var partition: String?
        /// Values of the template's parameters (the defaults fill in the rest).
        public var parameterValues: [String: Node]
        /// Managed policy names to ARNs, consulted before the bundled map (aws-sam-translator's
        /// `managed_policy_map`).
        public var managedPolicies: [String: String]?
        /// The template URL of each serverless-repository application (`AWS::Serverless::Application`
        /// with an `ApplicationId`), which cannot be looked up offline: by application id, or `*` for any.
        public var sarTemplateURLs: [String: String]

        /// Options for a region.
        public init(
            region: String = "us-east-1",
            partition: String? = nil,
            parameterValues: [String: Node] = [:],
            managedPolicies: [String: String]? = nil,
            sarTemplateURLs: [String: String] = [:]
        ) {
            self.region = region
            self.partition = partition
            self.parameterValues = parameterValues
            self.managedPolicies = managedPolicies
            self.sarTemplateURLs = sarTemplateURLs
        }
    }

    /// What the transform made.
    public struct Output: Sendable {
        /// The plain CloudFormation template.
        public var template: Template
        /// For each resource the transform made or changed, by logical id: where it came from.
        public var origins: [String: Origin]
    }

    /// The options.
    public var options: Options

    /// A transform with these options.
    public init(_ options: Options = Options()) { self.options = options }

    /// Whether the template names this transform in `Transform` (alone or in a list).
    public static func isDeclared(in template: Template) -> Bool { transforms(of: template).contains(name) }

    /// Whether the template is SAM: it declares the transform, or it declares none and has
    /// `AWS::Serverless::*` resources (as aws-sam-translator's own test inputs are written).
    public static func applies(to template: Template) -> Bool {
        if isDeclared(in: template) { return true }
        guard template.root["Transform"] == nil else { return false }
        return template.resources.contains { $0.type?.hasPrefix("AWS::Serverless::") ?? false }
    }

    /// The names in `Transform`.
    static func transforms(of template: Template) -> [String] {
        guard let t = template.root["Transform"] else { return [] }
        if let s = t.stringValue { return [s] }
        return t.listValue?.compactMap(\.stringValue) ?? []
    }

    /// The template transformed, or every error found. A template the transform does not apply to
    /// comes back as it is.
    public func apply(to template: Template) throws(SAMErrors) -> Output {
        guard SAMTransform.applies(to: template) else { return Output(template: template, origins: [:]) }
        var source = template
        if SAMTransform.transforms(of: template).contains(LanguageExtensions.name) {
            source = try LanguageExtensions.apply(to: template, options: options)
        }
        var driver = try Driver(source, options)
        return try driver.run()
    }
}

/// One run of the transform over one template.
private struct Driver {
    var context: TransformContext
    let original: Template
    var errors: [SAMError] = []
    var origins: [String: Origin] = [:]
    /// Per logical id of the template, the resources that take its place in the output.
    var replacements: [String: [CFNResource]] = [:]

    init(_ template: Template, _ options: SAMTransform.Options) throws(SAMErrors) {
        original = template
        let partition = options.partition ?? Partition.of(region: options.region)
        var parameters = options.parameterValues
        for entry in template.root["Parameters"]?.mapValue ?? Map() where parameters[entry.key] == nil {
            if let value = entry.value["Default"] { parameters[entry.key] = value }
        }
        if parameters["AWS::Region"] == nil { parameters["AWS::Region"] = .string(options.region) }
        if parameters["AWS::Partition"] == nil { parameters["AWS::Partition"] = .string(partition) }
        context = TransformContext(
            options: options,
            partition: partition,
            region: options.region,
            intrinsics: Intrinsics(parameters: parameters),
            template: template.root,
            path: template.path
        )
        try checkStructure()
    }

    /// aws-sam-translator's first checks: a non-empty `Resources` mapping of mappings, and
    /// `Properties` a mapping on every SAM resource.
    private func checkStructure() throws(SAMErrors) {
        let invalid = "Structure of the SAM template is invalid. "
        guard let resources = context.template["Resources"]?.mapValue, !resources.isEmpty else {
            throw SAMErrors([SAMError(invalid + "'Resources' section is required", range: context.template["Resources"]?.range ?? .unknown)]
            )
        }
        for entry in resources where entry.value.mapValue == nil {
            throw SAMErrors([
                SAMError(
                    invalid + "All 'Resources' must be Objects. If you're using YAML, this may be an indentation issue.",
                    range: entry.keyRange
                )
            ])
        }
        for section in ["Mappings", "Parameters"] {
            if let value = context.template[entry: section], value.value.mapValue == nil {
                throw SAMErrors([
                    SAMError(invalid + "'Mappings' or 'Parameters' is either null or not a valid dictionary.", range: value.keyRange)
                ])
            }
        }
        for entry in resources where entry.value["Type"]?.stringValue?.hasPrefix("AWS::Serverless::") ?? false {
            if let p = entry.value["Properties"], p.mapValue == nil, !p.isNull {
                throw SAMErrors([
                    SAMError("Attribute 'Properties' should be a map.", logicalId: entry.key, range: p.range)
                ])
            }
        }
    }

    mutating func run() throws(SAMErrors) -> SAMTransform.Output {
        // The template-wide steps before any resource, in aws-sam-translator's plugin order.
        try ServerlessApplications.prepare(&context)
        try DefaultDefinitionBody.prepare(&context)
        try ImplicitRestApi.prepare(&context)
        try ImplicitHttpApi.prepare(&context)
        try Globals.apply(&context)
        errors += EmbeddedConnectors.extract(&context)

        let before = context.resources
        for logicalId in Driver.order(before) {
            guard let entry = context.resources[entry: logicalId], let type = entry.value["Type"]?.stringValue,
                let translator = Translators.translator(for: type)
            else { continue }
            var resource = SAMResource(logicalId: logicalId, entry: entry)
            do throws(SAMError) {
                guard GeneratedIds.isAlphanumeric(logicalId), !Driver.isNumberKey(entry) else {
                    throw SAMError("Logical ids must be alphanumeric.", logicalId: logicalId, range: entry.keyRange)
                }
                try translator.prepare(&resource, &context)
                try translator.properties.validate(resource)
                let made = try translator.translate(resource, &context)
                try place(made, for: resource, before: before)
                for (property, type) in translator.referableProperties {
                    if let id = made.last(where: { $0.type == type })?.logicalId {
                        context.resourceRefs[logicalId, default: [:]][property] = id
                    }
                }
            } catch {
                errors.append(error)
            }
        }
        do {
            let made = try DeploymentPreferences.finish(&context)
            for r in made { replacements[r.logicalId, default: []].append(r) }
        } catch {
            errors.append(error)
        }
        do {
            try ImplicitRestApi.finish(&context)
        } catch {
            errors.append(error)
        }
        guard errors.isEmpty else { throw SAMErrors(errors) }
        return assemble()
    }

    /// Whether a key was written as a plain YAML number (`0:`): not a logical id, though it reads as one.
    static func isNumberKey(_ entry: Map.Entry) -> Bool {
        guard entry.keyStyle == .plain, entry.key.first?.isNumber ?? false else { return false }
        if case .number = ScalarResolver.resolve(entry.key) { return true }
        return false
    }

    /// Functions and state machines first (their API events change the APIs), then the APIs, the
    /// other SAM resources, and connectors last (they read what the others made).
    static func order(_ resources: Map) -> [String] {
        func rank(_ type: String) -> Int {
            switch type {
            case "AWS::Serverless::Function": return 0
            case "AWS::Serverless::StateMachine": return 1
            case "AWS::Serverless::Api", "AWS::Serverless::HttpApi", "AWS::Serverless::WebSocketApi": return 2
            case "AWS::Serverless::Connector": return 4
            default: return 3
            }
        }
        let sam = resources.entries.filter { Translators.translator(for: $0.value["Type"]?.stringValue ?? "") != nil }
        return sam.enumerated().sorted { a, b in
            let ra = rank(a.element.value["Type"]?.stringValue ?? "")
            let rb = rank(b.element.value["Type"]?.stringValue ?? "")
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element.key)
    }

    /// Records what a SAM resource made; a logical id the template already has may only be taken
    /// by the kind of resource the transform is known to replace (the SAM resource itself, an S3
    /// bucket an event adds notifications to, ...).
    private mutating func place(_ made: [CFNResource], for resource: SAMResource, before: Map) throws(SAMError) {
        try GeneratedIds.check(made, resource)
        var placed: [CFNResource] = []
        for r in made {
            if r.logicalId != resource.logicalId, let existing = before[r.logicalId]?["Type"]?.stringValue,
                !(Driver.replaceable[r.type]?.contains(existing) ?? false)
            {
                throw SAMError(
                    "Transforming resource with id [\(resource.logicalId)] attempts to create a new resource with id "
                        + "[\(r.logicalId)] and type \"\(r.type)\". A resource with that id already exists within this "
                        + "template. Please use a different id for that resource.",
                    logicalId: resource.logicalId,
                    range: resource.range
                )
            }
            placed.append(r)
        }
        for r in placed { context.translated[r.logicalId] = r }
        context.resources.remove(resource.logicalId)
        replacements[resource.logicalId, default: []] += placed.filter { $0.logicalId == resource.logicalId || before[$0.logicalId] == nil }
        for r in placed where r.logicalId != resource.logicalId && before[r.logicalId] != nil {
            replacements[r.logicalId] = [r]
        }
    }

    /// The types the transform may write over a resource of the template with the same logical id.
    static let replaceable: [String: Set<String>] = [
        "AWS::Lambda::Function": ["AWS::Serverless::Function"],
        "AWS::Lambda::LayerVersion": ["AWS::Serverless::LayerVersion"],
        "AWS::Lambda::CapacityProvider": ["AWS::Serverless::CapacityProvider"],
        "AWS::ApiGateway::RestApi": ["AWS::Serverless::Api"],
        "AWS::ApiGatewayV2::Api": ["AWS::Serverless::HttpApi", "AWS::Serverless::WebSocketApi"],
        "AWS::S3::Bucket": ["AWS::S3::Bucket"],
        "AWS::SNS::Topic": ["AWS::SNS::Topic"],
        "AWS::DynamoDB::Table": ["AWS::Serverless::SimpleTable"],
        "AWS::CloudFormation::Stack": ["AWS::Serverless::Application"],
        "AWS::Cognito::UserPool": ["AWS::Cognito::UserPool"],
        "AWS::ApiGateway::DomainName": ["AWS::ApiGateway::DomainName"],
        "AWS::ApiGateway::BasePathMapping": ["AWS::ApiGateway::BasePathMapping"],
        "AWS::ApiGateway::DomainNameV2": ["AWS::ApiGateway::DomainNameV2"],
        "AWS::ApiGateway::BasePathMappingV2": ["AWS::ApiGateway::BasePathMappingV2"],
        "AWS::StepFunctions::StateMachine": ["AWS::Serverless::StateMachine"],
        "AWS::AppSync::GraphQLApi": ["AWS::Serverless::GraphQLApi"],
    ]

    /// The output template: each SAM resource replaced, where it stood, by what it made; the
    /// template's other resources as they were (or as a translator changed them); then what was
    /// made for the template as a whole. `Transform` goes, and references to what SAM resources
    /// made are resolved.
    private mutating func assemble() -> SAMTransform.Output {
        var resources: [Map.Entry] = []
        var seen = Set<String>()
        func add(_ made: CFNResource) {
            // A later translator (a connector) may have changed what an earlier one made.
            let r = context.translated[made.logicalId] ?? made
            guard seen.insert(r.logicalId).inserted else {
                if let i = resources.firstIndex(where: { $0.key == r.logicalId }) { resources[i].value = r.node }
                origins[r.logicalId] = r.origin
                return
            }
            resources.append(Map.Entry(key: r.logicalId, value: r.node, keyRange: r.origin.range))
            origins[r.logicalId] = r.origin
        }
        let sourceResources = original.root["Resources"]?.mapValue ?? Map()
        var order = sourceResources.keys
        // Resources a step before translation added (the implicit APIs, connectors) go last.
        for key in replacements.keys.sorted() where sourceResources[key] == nil { order.append(key) }
        for key in order {
            if let made = replacements[key] {
                made.forEach(add)
            } else if let entry = context.resources[entry: key], !seen.contains(key) {
                seen.insert(key)
                resources.append(entry)
            }
        }
        for entry in context.resources where !seen.contains(entry.key) {
            seen.insert(entry.key)
            resources.append(entry)
        }
        // Made after every translator (by no connector changed): as they are.
        for r in context.extraResources {
            context.translated[r.logicalId] = r
            add(r)
        }

        var root = context.template
        root["Resources"] = Node(.map(Map(resources)), range: original.root["Resources"]?.range ?? .unknown)
        root.remove("Transform")
        var node = Node(.map(root), range: original.range)
        node = Driver.resolveDependsOn(node, context.changedIds)
        node = Intrinsics.resolveReferences(node, changed: context.changedIds, refs: context.resourceRefs)
        let template = Template(
            root: node.mapValue ?? Map(),
            format: original.format,
            path: original.path,
            range: original.range
        )
        return SAMTransform.Output(template: template, origins: origins)
    }

    /// `DependsOn` entries naming a logical id the transform changed name the new one.
    static func resolveDependsOn(_ node: Node, _ changed: [String: String]) -> Node {
        guard !changed.isEmpty, var root = node.mapValue, var resources = root["Resources"]?.mapValue else { return node }
        for entry in resources {
            guard var r = entry.value.mapValue, let d = r["DependsOn"] else { continue }
            if let s = d.stringValue, let to = changed[s] {
                r["DependsOn"] = Node(.string(to), range: d.range)
            } else if let items = d.listValue {
                r["DependsOn"] = Node(
                    .list(items.map { i in i.stringValue.flatMap { changed[$0] }.map { Node(.string($0), range: i.range) } ?? i }),
                    range: d.range
                )
            } else {
                continue
            }
            resources[entry.key] = Node(.map(r), range: entry.value.range)
        }
        root["Resources"] = Node(.map(resources), range: root["Resources"]?.range ?? .unknown)
        var out = node
        out.value = .map(root)
        return out
    }
}
