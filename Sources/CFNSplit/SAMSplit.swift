import CFNModel
import CFNSAM

/// What a split of a SAM template knows from its source: which SAM resource made each output
/// resource, and the route group of each function.
struct SAMLayout: Sendable {
    /// Output resource -> the SAM resource that made it (the transform's origins, without the
    /// plain resources of the source that the transform only changed).
    var origins: [String: Origin]
    /// Output resource -> the SAM function that made it (the function's own resource included).
    var function: [String: String]
    /// SAM function -> its route group: the first segment of its Api and HttpApi event paths
    /// (`/users/{id}` -> `Users`), when they all share one.
    var routeGroup: [String: String]

    init(_ output: SAMTransform.Output, source: Template) {
        let written = source.root["Resources"]?.mapValue ?? Map()
        var origins: [String: Origin] = [:]
        var function: [String: String] = [:]
        for (id, o) in output.origins {
            // A bucket an S3 event adds notifications to stays the source's own resource.
            if let t = written[id]?["Type"]?.stringValue, !t.hasPrefix("AWS::Serverless::") { continue }
            origins[id] = o
            if o.type == "AWS::Serverless::Function" { function[id] = o.logicalId }
        }
        var routeGroup: [String: String] = [:]
        for entry in written where entry.value["Type"]?.stringValue == "AWS::Serverless::Function" {
            var groups = Set<String>()
            for event in entry.value["Properties"]?["Events"]?.mapValue ?? Map() {
                guard let type = event.value["Type"]?.stringValue, type == "Api" || type == "HttpApi",
                    let path = event.value["Properties"]?["Path"]?.stringValue
                else { continue }
                if let first = path.split(separator: "/").first { groups.insert(Grouper.camel(String(first))) }
            }
            if groups.count == 1 { routeGroup[entry.key] = groups.first! }
        }
        self.origins = origins
        self.function = function
        self.routeGroup = routeGroup
    }
}

extension Splitter {
    /// Splits what a SAM template deploys: `output`, the transform's output for `source`
    /// (`SAMTransform(...).apply(to: source)`), into a parent and nested stacks of plain
    /// CloudFormation.
    ///
    /// As `split(_:options:)` on `output.template`, with what the source says: the `routes`
    /// strategy groups the functions by the first segment of their `Api` and `HttpApi` event
    /// paths (the API itself is one body); what the transform made for a function (its role,
    /// versions, alias, permissions, event sources) stays with it; and the manifest records, for
    /// each resource the transform made, the SAM resource it came from (`origins`).
    ///
    /// ```swift
    /// let output = try SAMTransform(.init(region: "eu-west-1")).apply(to: template)
    /// let result = try Splitter.split(sam: output, source: template)
    /// ```
    public static func split(
        sam output: SAMTransform.Output,
        source: Template,
        options: SplitOptions = SplitOptions()
    ) throws(SplitError) -> SplitResult {
        var template = output.template
        template.path = source.path
        return try split(processed: template, options: options, sam: SAMLayout(output, source: source))
    }
}
