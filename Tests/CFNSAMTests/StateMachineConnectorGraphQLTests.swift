import CFNModel
import Foundation
import Testing

@testable import CFNSAM

/// The fixtures of the state machine, connector and GraphQL area, and how they are compared.
enum AreaFixtures {
    /// Our own templates, with what aws-sam-translator makes of them (scripts/sam-expected.py).
    static let own = SAMFixtures.root + "/Tests/Fixtures/sam-sfn"

    static let prefixes = [
        "state_machine_", "basic_state_machine", "connector_", "embedded_connectors_", "graphqlapi_", "error_state_machine",
        "error_connector", "error_embedded_connectors",
    ]

    /// SAM's own fixtures of the area.
    static let shared: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: SAMFixtures.sam + "/input")) ?? []
        return names.filter { n in n.hasSuffix(".yaml") && prefixes.contains { n.hasPrefix($0) } }.map { String($0.dropLast(5)) }.sorted()
    }()

    /// Whether a template needs the REST API translators (an `AWS::Serverless::Api`, or an `Api`
    /// event, whose integration goes into a REST API's definition): those are theirs to prove.
    static func needsRestApi(_ template: Template) -> Bool {
        for r in template.root["Resources"]?.mapValue ?? Map() {
            if r.value["Type"]?.stringValue == "AWS::Serverless::Api" { return true }
            for e in r.value["Properties"]?["Events"]?.mapValue ?? Map() where e.value["Type"]?.stringValue == "Api" { return true }
        }
        return false
    }

    /// The transform as sam_compare.py runs it for a partition.
    static func transform(_ template: Template, partition: String = "aws") throws(SAMErrors) -> SAMTransform.Output {
        try SAMTransform(.init(region: SAMFixtures.regions[partition]!, partition: partition)).apply(to: template)
    }

    /// The resources (and other sections) that differ between an output and the expected one,
    /// lists compared as multisets.
    static func differences(_ made: Template, _ expected: Template) -> [String] {
        var out: [String] = []
        let keys = Set(made.root.keys + expected.root.keys).sorted()
        for key in keys where key != "Resources" {
            if made.root[key].map(SAMFixtures.canonical) != expected.root[key].map(SAMFixtures.canonical) { out.append(key) }
        }
        let a = made.root["Resources"]?.mapValue ?? Map()
        let b = expected.root["Resources"]?.mapValue ?? Map()
        for id in Set(a.keys + b.keys).sorted() where a[id].map(SAMFixtures.canonical) != b[id].map(SAMFixtures.canonical) {
            out.append("Resources." + id)
        }
        return out
    }

    /// The errors an `errorMessage` lists: the resource it names (if any) and the message.
    static func expectedErrors(_ message: String) -> [(resource: String?, text: String)] {
        var markers: [(Range<String.Index>, resource: Bool)] = []
        for r in message.ranges(of: "Resource with id [") { markers.append((r, true)) }
        for r in message.ranges(of: "Event with id [") { markers.append((r, false)) }
        markers.sort { $0.0.lowerBound < $1.0.lowerBound }
        var out: [(String?, String)] = []
        var pending: String? = nil
        for (i, marker) in markers.enumerated() {
            guard let close = message[marker.0.upperBound...].firstIndex(of: "]") else { continue }
            let id = String(message[marker.0.upperBound..<close])
            let end = i + 1 < markers.count ? markers[i + 1].0.lowerBound : message.endIndex
            var text = message[close...].dropFirst()
            if text.hasPrefix(" is invalid.") { text = text.dropFirst(" is invalid.".count) }
            let trimmed = text[..<min(end, text.endIndex)].trimmingCharacters(in: .whitespaces)
            if marker.resource { pending = id }
            if trimmed.isEmpty { continue }
            out.append((pending, trimmed))
            pending = nil
        }
        return out
    }
}

@Suite("SAM transform: state machines, connectors, GraphQL APIs")
struct StateMachineConnectorGraphQLTests {
    @Test("SAM's own fixtures of the area match aws-sam-translator in every partition (REST API ones aside)")
    func sharedFixtures() throws {
        #expect(AreaFixtures.shared.count >= 80)
        var compared = 0
        for name in AreaFixtures.shared {
            let template = try SAMFixtures.input(name)
            if AreaFixtures.needsRestApi(template) { continue }
            for partition in ["aws", "aws-cn", "aws-us-gov"] {
                // Error fixtures are kept for the aws partition only.
                guard FileManager.default.fileExists(atPath: SAMFixtures.sam + "/output/\(partition)/\(name).json") else { continue }
                let expected = try SAMFixtures.expected(name, partition: partition)
                if let message = expected.root["errorMessage"]?.stringValue {
                    do {
                        _ = try AreaFixtures.transform(template, partition: partition)
                        // A local path is never an error (it is what `aws cloudformation package` uploads).
                        #expect(name == "error_state_machine_invalid_s3_string", "\(name) (\(partition)) transformed")
                    } catch {
                        let ids = Set(error.errors.compactMap(\.logicalId))
                        let want = Set(AreaFixtures.expectedErrors(message).compactMap(\.resource))
                        #expect(want.isSubset(of: ids), "\(name) (\(partition)): \(error)")
                    }
                } else {
                    let out = try AreaFixtures.transform(template, partition: partition)
                    #expect(AreaFixtures.differences(out.template, expected) == [], "\(name) (\(partition))")
                }
                compared += 1
            }
        }
        #expect(compared >= 190)
    }

    @Test(
        "our own templates become what aws-sam-translator makes of them",
        arguments: ["state_machine_all", "connectors_all", "graphqlapi_all"]
    )
    func ownFixtures(_ name: String) throws {
        let template = try Template(contentsOf: AreaFixtures.own + "/\(name).yaml")
        let expected = try Template(contentsOf: AreaFixtures.own + "/\(name).json")
        let out = try AreaFixtures.transform(template)
        #expect(AreaFixtures.differences(out.template, expected) == [])
    }

    @Test(
        "every invalid resource is refused, in aws-sam-translator's words, at a position in the file",
        arguments: ["error_state_machines", "error_connectors", "error_graphqlapis"]
    )
    func ownErrors(_ name: String) throws {
        let template = try Template(contentsOf: AreaFixtures.own + "/\(name).yaml")
        let reference = try Template(contentsOf: AreaFixtures.own + "/\(name).json")
        let message = try #require(reference.root["errorMessage"]?.stringValue)
        let expected = AreaFixtures.expectedErrors(message)
        do {
            _ = try AreaFixtures.transform(template)
            Issue.record("\(name) transformed")
        } catch {
            #expect(error.errors.count == expected.count)
            let texts = Set(error.errors.map(\.message))
            let ids = Set(error.errors.compactMap(\.logicalId))
            for e in expected {
                // Our message is SAM's, sometimes with what to do about it after.
                #expect(texts.contains { $0.hasPrefix(e.text) }, "\(e.text)")
                if let id = e.resource { #expect(ids.contains(id), "\(id)") }
            }
            for e in error.errors { #expect(e.range.isKnown && e.range.start.line > 2, "\(e)") }
        }
    }

    @Test("intrinsics and dynamic references in a definition become substitutions, numbered in key order")
    func definitionSubstitutions() throws {
        let template = try SAMFixtures.template(
            """
            Resources:
              Flow:
                Type: AWS::Serverless::StateMachine
                Properties:
                  DefinitionSubstitutions: {Mine: x}
                  Definition:
                    StartAt: B
                    States:
                      B: {Type: Task, Resource: !GetAtt Fn.Arn, End: true, Parameters: {Secret: "{{resolve:ssm:name}}"}}
                      A: {Type: Pass, Result: !Ref AWS::Region, Next: B}
            """
        )
        let out = try AreaFixtures.transform(template)
        let flow = try #require(out.template.root["Resources"]?["Flow"]?["Properties"])
        let substitutions = try #require(flow["DefinitionSubstitutions"]?.mapValue)
        #expect(substitutions.keys == ["Mine", "definition_substitution_1", "definition_substitution_2", "definition_substitution_3"])
        #expect(substitutions["definition_substitution_1"]?.functionValue?.refTarget == "AWS::Region", "States.A comes first")
        #expect(substitutions["definition_substitution_2"]?.stringValue == "{{resolve:ssm:name}}")
        #expect(substitutions["definition_substitution_3"]?.functionValue?.getAttTarget?.resource == "Fn")
        let items = try #require(flow["DefinitionString"]?.functionValue?.argument.listValue?.last?.listValue)
        let lines = items.compactMap(\.stringValue)
        #expect(lines.first == "{" && lines.last == "}")
        #expect(lines.contains("            \"Result\": \"${definition_substitution_1}\","))
        #expect(lines.contains("            \"Resource\": \"${definition_substitution_3}\","))
    }

    @Test("a local DefinitionUri stays a path, for aws cloudformation package to upload")
    func localDefinition() throws {
        let template = try SAMFixtures.template(
            """
            Resources:
              Flow:
                Type: AWS::Serverless::StateMachine
                Properties:
                  DefinitionUri: statemachine/flow.asl.json
            """
        )
        let out = try AreaFixtures.transform(template)
        let flow = try #require(out.template.root["Resources"]?["Flow"]?["Properties"])
        #expect(flow["DefinitionS3Location"]?.stringValue == "statemachine/flow.asl.json")
        #expect(flow["RoleArn"]?.functionValue?.getAttTarget?.resource == "FlowRole")
    }

    @Test("what events, connectors and GraphQL APIs make names where it came from in the SAM source")
    func origins() throws {
        let path = AreaFixtures.own + "/connectors_all.yaml"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let out = try AreaFixtures.transform(try Template(contentsOf: path))
        func line(_ text: String) -> Int { (lines.firstIndex { $0.hasPrefix(text) } ?? -1) + 1 }

        // An embedded connector: what it makes comes from the resource it is written on, at its entry.
        let policy = try #require(out.origins["ParentStartsPolicy"])
        #expect(policy.logicalId == "Parent" && policy.property == "Connectors.Starts")
        #expect(policy.range.start.line == line("      Starts:"))
        let resource = try #require(out.origins["RuleToQueueQueuePolicy"])
        #expect(resource.logicalId == "RuleToQueue" && resource.range.start.line == line("  RuleToQueue:"))

        let flows = try AreaFixtures.transform(try Template(contentsOf: AreaFixtures.own + "/state_machine_all.yaml"))
        let rule = try #require(flows.origins["MachineNightly"])
        #expect(rule.logicalId == "Machine" && rule.event == "Nightly" && rule.type == "AWS::Serverless::StateMachine")
        #expect(flows.origins["MachineAliaslive"]?.property == "AutoPublishAlias")

        let apis = try AreaFixtures.transform(try Template(contentsOf: AreaFixtures.own + "/graphqlapi_all.yaml"))
        #expect(apis.origins["ApiTodoTableDynamoDBDataSource"]?.property == "DataSources")
        #expect(apis.origins["ApiQuerygetTodo"]?.property == "Resolvers")
        #expect(apis.origins["ApiToLambdaAuthConnector1WriteLambdaPermission"]?.property == "Auth")
    }

    @Test("a DependsOn on a connector names what the connector made; DependedBy adds the policy to the source")
    func dependsOn() throws {
        let out = try AreaFixtures.transform(try Template(contentsOf: AreaFixtures.own + "/connectors_all.yaml")).template
        let resources = try #require(out.root["Resources"])
        func dependsOn(_ id: String) -> [String] { resources[id]?["DependsOn"]?.listValue?.compactMap(\.stringValue) ?? [] }
        #expect(dependsOn("Waits") == ["TopicToWorkerWriteLambdaPermission", "ParentStartsPolicy"])
        #expect(dependsOn("Worker") == ["QueueToWorkerPolicy"], "a SAM function's DependsOn on an embedded connector")
        #expect(dependsOn("Mapping") == ["QueueToWorkerPolicy"], "the event source mapping waits for the queue policy")
        #expect(dependsOn("Parent") == ["ParentStartsPolicy"], "a state machine starting another needs the policy first")
        #expect(resources["QueueToWorker"] == nil && resources["ParentStarts"] == nil)
    }
}
