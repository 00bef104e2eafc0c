import CFNModel

/// What the transform knows and builds while it runs over one template.
///
/// Translators read the options and the SAM template, and may change other SAM resources before
/// those are translated (an `Api` event adds its path to the API's definition); they return the
/// resources they make, which the driver puts in the output.
struct TransformContext {
    /// The options the transform was asked for.
    var options: SAMTransform.Options
    /// `aws`, `aws-cn`, `aws-us-gov`, ...
    var partition: String
    /// The region the template is transformed for.
    var region: String
    /// Parameter values for the intrinsics the transform resolves.
    var intrinsics: Intrinsics
    /// The template as the transform goes: the SAM resources (with Globals merged), then the
    /// conditions it adds. Translators may change resources that are still to be translated.
    var template: Map
    /// The source file's path, for messages.
    var path: String

    /// Resources made by a SAM resource that the template can refer to as `Id.Property`
    /// (`MyFunction.Alias` -> `MyFunctionAliaslive`).
    var resourceRefs: [String: [String: String]] = [:]
    /// SAM resources whose logical id the transform changed (`MyLayer` -> `MyLayer3f2a9c01d4`).
    var changedIds: [String: String] = [:]
    /// Resources made outside of any one SAM resource's translation, added after them all.
    var extraResources: [CFNResource] = []
    /// What the SAM resources translated so far made, by logical id: connectors resolve their
    /// sources and destinations here, and may change these resources' `DependsOn`. The output
    /// takes each made resource from here.
    var translated: [String: CFNResource] = [:]

    /// The state of the REST API translators (implicit API, shared usage plans, ...).
    var restApi = RestApiState()
    /// The state of the HTTP API translators.
    var httpApi = HttpApiState()
    /// The functions' deployment preferences (CodeDeploy), made into resources after all of them.
    var deployments = DeploymentPreferenceState()
    /// The connectors' state (where embedded connectors were written).
    var connectors = ConnectorState()
    /// The Route 53 record set groups that APIs' custom domains share.
    var recordSetGroups = RecordSetGroups()
    /// The policy templates decoded so far (each once per run).
    var policyTemplates = PolicyTemplateCache()

    /// The SAM resources of the template, by logical id.
    var resources: Map {
        get { template["Resources"]?.mapValue ?? Map() }
        set { template["Resources"] = Node(.map(newValue), range: template["Resources"]?.range ?? .unknown) }
        _modify {
            // Changed in place: the template lets go of the section while it is changed, so that
            // setting one resource does not copy all the others.
            let range = template["Resources"]?.range ?? .unknown
            var map = template["Resources"]?.mapValue ?? Map()
            template["Resources"] = Node(.null, range: range)
            defer { template["Resources"] = Node(.map(map), range: range) }
            yield &map
        }
    }

    /// The template's conditions (new ones are added here).
    var conditions: Map {
        get { template["Conditions"]?.mapValue ?? Map() }
        set { template["Conditions"] = Node(.map(newValue), range: template["Conditions"]?.range ?? .unknown) }
    }

    /// A resource of the template, by logical id.
    func resource(_ logicalId: String) -> Node? { resources[logicalId] }

    /// The type of a resource of the template.
    func type(of logicalId: String) -> String? { resources[logicalId]?["Type"]?.stringValue }

    /// The ARN of an AWS managed policy: from the caller's map, then the bundled one of this
    /// partition; an ARN or an unknown name is used as it is.
    func managedPolicyArn(_ name: String) -> String {
        if let arn = options.managedPolicies?[name] { return arn }
        if let arn = SAMData.managedPolicyArn(name, partition: partition) { return arn }
        return name
    }

    /// `arn:<partition>:iam::aws:policy/<name>`.
    func awsManagedPolicy(_ name: String) -> String { "arn:\(partition):iam::aws:policy/\(name)" }
}
