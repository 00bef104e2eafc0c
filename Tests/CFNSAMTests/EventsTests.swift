import CFNModel
import Foundation
import Testing

@testable import CFNSAM

/// Where the event tests read their templates.
enum EventFixtures {
    /// The repository root.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// SAM's own translator test inputs and expected outputs: `../shared/sam`, or `$SAM_FIXTURES`.
    static let shared: String = ProcessInfo.processInfo.environment["SAM_FIXTURES"] ?? root + "/../shared/sam"

    /// Our own event templates, with aws-sam-translator's output for each (scripts/sam-expected.py).
    static let own = root + "/Tests/Fixtures/sam-events"

    /// The regions of SAM's test suite, per partition.
    static let regions = ["aws": "ap-southeast-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"]

    /// The event types of this area.
    static let types: Set<String> = [
        "S3", "SNS", "SQS", "Kinesis", "DynamoDB", "MSK", "MQ", "SelfManagedKafka", "DocumentDB", "Schedule", "ScheduleV2",
        "CloudWatchEvent", "EventBridgeRule", "CloudWatchLogs", "IoTRule", "AlexaSkill", "Cognito",
    ]

    /// The shared fixtures whose SAM resources are all functions and whose events are all of this
    /// area (at least one): what this area must get right with the functions' own translation.
    static let ofThisArea: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: shared + "/input")) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted().filter { name in
            // sam_compare.py skips these too: SAM's suite runs them with a feature toggle or extra options.
            if name.hasPrefix("feature_toggle_") || name.hasPrefix("translate_") { return false }
            guard let template = try? Template(contentsOf: shared + "/input/\(name).yaml") else { return false }
            var events = 0
            for resource in template.resources {
                guard let type = resource.type, type.hasPrefix("AWS::Serverless::") else { continue }
                guard type == "AWS::Serverless::Function" else { return false }
                let properties = resource.properties ?? Map()
                for event in properties["Events"]?.mapValue ?? Map() {
                    guard let t = event.value["Type"]?.stringValue, types.contains(t) else { return false }
                    events += 1
                }
            }
            return events > 0
        }
    }()

    /// Each function of the shared fixtures that publishes an alias (`AutoPublishAlias` written
    /// out) and has events of this area.
    static let aliased: [AliasedFunction] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: shared + "/input")) ?? []
        var out: [AliasedFunction] = []
        for name in names.sorted() where name.hasSuffix(".yaml") && !name.hasPrefix("error_") {
            let fixture = String(name.dropLast(5))
            guard FileManager.default.fileExists(atPath: shared + "/output/aws/\(fixture).json"),
                let template = try? Template(contentsOf: shared + "/input/\(name)")
            else { continue }
            for resource in template.resources where resource.type == "AWS::Serverless::Function" {
                let properties = resource.properties ?? Map()
                guard let alias = properties["AutoPublishAlias"]?.stringValue,
                    (properties["Events"]?.mapValue ?? Map()).contains(where: { types.contains($0.value["Type"]?.stringValue ?? "") })
                else { continue }
                out.append(AliasedFunction(fixture: fixture, function: resource.logicalId, alias: alias))
            }
        }
        return out
    }()

    /// The transform with the options sam_compare.py passes.
    static func transform(_ template: Template, partition: String = "aws") throws(SAMErrors) -> SAMTransform.Output {
        try SAMTransform(.init(region: regions[partition]!, partition: partition, sarTemplateURLs: ["*": "https://example.com/t"]))
            .apply(to: template)
    }

    /// A node with every list sorted (by its items' compact JSON), as SAM's tests compare
    /// templates: lists are multisets.
    static func normalized(_ node: Node) -> Node {
        var out = node
        switch node.value {
        case .list(let items):
            let sorted = items.map(normalized).map { (PythonJSON.dumps($0), $0) }.sorted { $0.0 < $1.0 }
            out.value = .list(sorted.map(\.1))
        case .map(let map):
            out.value = .map(map.mapValues(normalized))
        case .function(var f):
            f.argument = normalized(f.argument)
            out.value = .function(f)
        default:
            break
        }
        return out
    }

    /// The compact JSON of a normalized node: equal texts, equal templates under SAM's comparison.
    static func canonical(_ node: Node) -> String { PythonJSON.dumps(normalized(node)) }

    /// The resources of `made` whose JSON differs from `expected`'s, by logical id (missing and
    /// extra ones too).
    static func differences(_ made: Template, _ expected: Template) -> [String] {
        let a = made.root["Resources"]?.mapValue ?? Map()
        let b = expected.root["Resources"]?.mapValue ?? Map()
        var out: [String] = []
        for key in Set(a.keys).union(b.keys).sorted() where a[key].map(canonical) != b[key].map(canonical) { out.append(key) }
        for key in ["Conditions", "Outputs", "Parameters"]
        where made.root[key].map(canonical) != expected.root[key].map(canonical) {
            out.append(key)
        }
        return out
    }

    /// The bracketed ids `errors` print (`[Fn] Event with id [E] ...`), as sam_compare reads stderr.
    static func bracketedIds(_ errors: SAMErrors) -> Set<String> {
        var ids = Set<String>()
        for e in errors.errors {
            if let id = e.logicalId { ids.insert(id) }
            if let event = e.event { ids.insert(event) }
        }
        return ids
    }

    /// The ids an expected error message names (`Resource with id [X] is invalid`).
    static func expectedIds(_ message: String) -> Set<String> {
        var ids = Set<String>()
        var rest = Substring(message)
        while let start = rest.range(of: "Resource with id [") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "]") else { break }
            ids.insert(String(rest[..<end]))
            rest = rest[end...]
        }
        return ids
    }
}

/// A function of a shared fixture that publishes an alias.
struct AliasedFunction: Sendable, CustomStringConvertible {
    var fixture: String
    var function: String
    var alias: String
    var description: String { "\(fixture): \(function)" }
}

@Suite("SAM function events")
struct EventsTests {
    @Test("every shared fixture of the area matches aws-sam-translator in every partition")
    func sharedFixtures() throws {
        let names = EventFixtures.ofThisArea
        #expect(names.count >= 70, "expected the shared SAM fixtures in ../shared/sam")
        var compared = 0
        for name in names {
            let template = try Template(contentsOf: EventFixtures.shared + "/input/\(name).yaml")
            for partition in ["aws", "aws-cn", "aws-us-gov"] {
                let path = EventFixtures.shared + "/output/\(partition)/\(name).json"
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let expected = try Template(contentsOf: path)
                compared += 1
                if let message = expected.root["errorMessage"]?.stringValue {
                    do {
                        _ = try EventFixtures.transform(template, partition: partition)
                        Issue.record("\(name) (\(partition)): transformed, expected \(message)")
                    } catch {
                        let want = EventFixtures.expectedIds(message)
                        #expect(want.isSubset(of: EventFixtures.bracketedIds(error)), "\(name) (\(partition)): \(error)")
                    }
                    continue
                }
                do {
                    let out = try EventFixtures.transform(template, partition: partition)
                    #expect(EventFixtures.differences(out.template, expected) == [], "\(name) (\(partition))")
                } catch {
                    Issue.record("\(name) (\(partition)): \(error)")
                }
            }
        }
        #expect(compared >= 3 * 40)
    }

    @Test(
        "our own event templates match aws-sam-translator's output",
        arguments: ["pull_events", "push_events", "rule_events"]
    )
    func ownFixtures(_ name: String) throws {
        let template = try Template(contentsOf: EventFixtures.own + "/\(name).yaml")
        let expected = try Template(contentsOf: EventFixtures.own + "/\(name).json")
        let out = try EventFixtures.transform(template)
        #expect(EventFixtures.differences(out.template, expected) == [])
    }

    @Test("each invalid event is reported as aws-sam-translator words it, at the event")
    func ownErrors() throws {
        let template = try Template(contentsOf: EventFixtures.own + "/error_events.yaml")
        let expected = try Template(contentsOf: EventFixtures.own + "/error_events.json")
        let message = try #require(expected.root["errorMessage"]?.stringValue)
        do {
            _ = try EventFixtures.transform(template)
            Issue.record("transformed an invalid template")
        } catch {
            #expect(message.contains("Number of errors found: \(error.errors.count)."))
            for e in error.errors {
                // SAM's words: "Resource with id [Fn] is invalid. Event with id [E] is invalid. ..."
                let samWords = "Resource with id [\(e.logicalId ?? "")] is invalid. " + e.description.drop { $0 != "]" }.dropFirst(2)
                #expect(message.contains(samWords), "\(e)")
                #expect(e.range.isKnown, "\(e) has no position")
            }
            // Event errors point into the event that is wrong.
            let lines = try String(contentsOfFile: EventFixtures.own + "/error_events.yaml", encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
            let omitted = try #require(error.errors.first { $0.logicalId == "NamedAndOmitted" })
            #expect(lines[omitted.range.start.line - 1].contains("Name: tick"))
            let kinesis = try #require(error.errors.first { $0.logicalId == "GroupOnKinesis" })
            #expect(lines[kinesis.range.start.line - 1].contains("ConsumerGroupId"))
        }
    }

    @Test("generated resources name the event that made them, and carry its source range")
    func origins() throws {
        let template = try Template(contentsOf: EventFixtures.shared + "/input/function_event_conditions.yaml")
        // The function with the alias is left out: its events alone are enough here.
        var root = template.root
        var resources = root["Resources"]!.mapValue!
        resources.remove("MyAwesomeFunction")
        root["Resources"] = Node(.map(resources))
        let out = try EventFixtures.transform(Template(root: root, format: .yaml, path: template.path, range: template.range))
        let text = try String(contentsOfFile: template.path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)

        let permission = try #require(out.origins["FunctionOneImageBucketPermission"])
        #expect(permission.logicalId == "FunctionOne" && permission.event == "ImageBucket")
        #expect(text[permission.range.start.line - 1].contains("ImageBucket:"))
        // The bucket the event changed: its new notification points at the event, its own nodes stay where they are.
        let bucket = try #require(out.origins["Images"])
        #expect(bucket.logicalId == "Images" && bucket.event == nil)
        let node = try #require(out.template.root["Resources"]?["Images"])
        let configuration = try #require(node["Properties"]?["NotificationConfiguration"]?["LambdaConfigurations"]?.listValue?.first)
        #expect(configuration.range.start.line == permission.range.start.line)
        #expect(text[node["Type"]!.range.start.line - 1].contains("Images:"))
    }

    /// The events (of this area) of each function that publishes an alias in the shared fixtures,
    /// translated with the alias `AutoPublishAlias` makes as their target, against the fixture's
    /// expected output.
    @Test("events target the function's alias when it has one (AutoPublishAlias)", arguments: EventFixtures.aliased)
    func aliasTarget(_ fixture: AliasedFunction) throws {
        let template = try Template(contentsOf: EventFixtures.shared + "/input/\(fixture.fixture).yaml")
        let expected = try Template(contentsOf: EventFixtures.shared + "/output/aws/\(fixture.fixture).json")
        var parameters: [String: Node] = ["AWS::Region": "ap-southeast-1", "AWS::Partition": "aws"]
        for p in template.root["Parameters"]?.mapValue ?? Map() { parameters[p.key] = p.value["Default"] }
        var context = TransformContext(
            options: .init(region: "ap-southeast-1"),
            partition: "aws",
            region: "ap-southeast-1",
            intrinsics: Intrinsics(parameters: parameters),
            template: template.root,
            path: template.path
        )
        try Globals.apply(&context)
        let entry = try #require(context.resources[entry: fixture.function])
        var function = SAMResource(logicalId: fixture.function, entry: entry)
        // Only this area's events: the others (Api, HttpApi) are translated elsewhere.
        let all = function["Events"]?.mapValue ?? Map()
        function.properties["Events"] = Node(
            .map(Map(all.entries.filter { EventFixtures.types.contains($0.value["Type"]?.stringValue ?? "") }))
        )

        let alias = CFNResource(
            fixture.function + "Alias" + fixture.alias,
            "AWS::Lambda::Alias",
            origin: function.origin(property: "AutoPublishAlias"),
            attributes: function.passthroughAttributes
        )
        let role = CFNResource(
            fixture.function + "Role",
            "AWS::IAM::Role",
            origin: function.origin(),
            properties: [("ManagedPolicyArns", [])]
        )
        var target = FunctionTarget(function: alias, role: role, resource: function)
        var made: [CFNResource] = []
        for (event, source) in FunctionEvents.sorted(try FunctionEvents.events(of: function)) {
            try source.link(event, &context)
            made += try source.translate(event, &target, &context)
        }
        Tagging.propagate(&made, tags: function["Tags"], enabled: function["PropagateTags"])

        let want = try #require(expected.root["Resources"]?.mapValue)
        let ours = made.filter { $0.logicalId.hasPrefix(fixture.function) }
        #expect(ours.count >= function["Events"]?.mapValue?.count ?? 0)
        for r in ours {
            let node = try #require(want[r.logicalId], "\(r.logicalId) is not in the expected output")
            #expect(EventFixtures.canonical(r.node) == EventFixtures.canonical(node), "\(r.logicalId)")
        }
        // What the events give the role is what the expected role has.
        let expectedRole = want[fixture.function + "Role"]?["Properties"]
        for arn in target.role?["ManagedPolicyArns"]?.listValue ?? [] {
            let arns = expectedRole?["ManagedPolicyArns"]?.listValue ?? []
            #expect(arns.contains { $0.isSemanticallyEqual(to: arn) }, "\(arn)")
        }
        for policy in target.role?["Policies"]?.listValue ?? [] {
            let policies = expectedRole?["Policies"]?.listValue ?? []
            #expect(policies.contains { EventFixtures.canonical($0) == EventFixtures.canonical(policy) }, "\(policy)")
        }
    }

    @Test("a role you give gets no policies, but the events' checks still run")
    func ownRole() throws {
        func template(_ access: String) throws -> Template {
            let text = """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: s3://b/k.zip
                      Handler: index.handler
                      Runtime: python3.12
                      Role: arn:aws:iam::123456789012:role/mine
                      Events:
                        Broker:
                          Type: MQ
                          Properties:
                            Broker: arn:aws:mq:us-east-1:123456789012:broker:b:b-1
                            Queues: [q]
                            \(access)
                """
            return try Template(text: text, path: "own-role.yaml")
        }
        let missing = try template("")
        do {
            _ = try EventFixtures.transform(missing)
            Issue.record("an MQ event without SourceAccessConfigurations was taken")
        } catch {
            #expect(error.description.contains("No SourceAccessConfigurations for Amazon MQ event provided."))
        }
        let out = try EventFixtures.transform(try template("SourceAccessConfigurations: [{Type: BASIC_AUTH, URI: secret}]"))
        let resources = try #require(out.template.root["Resources"]?.mapValue)
        #expect(resources.keys.sorted() == ["Fn", "FnBroker"])
        #expect(resources["Fn"]?["Properties"]?["Role"]?.stringValue == "arn:aws:iam::123456789012:role/mine")
    }
}
