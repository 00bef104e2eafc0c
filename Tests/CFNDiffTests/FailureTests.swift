import CFNModel
import CFNSchema
import CFNSplit
import Foundation
import Testing

@testable import CFNDiff

/// A Serverless-Framework-style template from ../shared/tools/gen_serverless.py.
func serverless(_ functions: Int) throws -> Template {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", Corpus.root + "/../shared/tools/gen_serverless.py", String(functions), "--yaml"]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return try Template(bytes: [UInt8](data), path: "serverless-\(functions).yaml")
}

/// Changes that fail because a custom physical name stays, and dependents that see no change.
@Suite("diff: what will fail")
struct FailureTests {
    let differ = Differ()

    @Test("the custom name of a type is read from its schema, with a few overrides")
    func identities() throws {
        let store = try #require(SchemaStore.bundled)
        func identity(_ type: String) throws -> Identity? {
            Identity.of(type: type, schema: try #require(store.schema(for: type), "\(type) has no schema"))
        }
        // The primary identifier is the name.
        for (type, name) in [
            ("AWS::DynamoDB::Table", "TableName"), ("AWS::Lambda::Function", "FunctionName"), ("AWS::S3::Bucket", "BucketName"),
            ("AWS::IAM::Role", "RoleName"), ("AWS::Logs::LogGroup", "LogGroupName"), ("AWS::Kinesis::Stream", "Name"),
        ] {
            let i = try identity(type)
            #expect(i?.name == name && i?.scope == [] && i?.refIsName == true, "\(type): \(String(describing: i))")
        }
        // A generated identifier (URL, ARN), and a create-only <Type>Name or Name property.
        #expect(try identity("AWS::SQS::Queue") == Identity(name: "QueueName", scope: [], refIsName: false))
        #expect(try identity("AWS::SNS::Topic") == Identity(name: "TopicName", scope: [], refIsName: false))
        #expect(try identity("AWS::Events::Rule")?.name == "Name")
        // Scoped names: a log stream is named within its log group, a service within its cluster.
        #expect(try identity("AWS::Logs::LogStream") == Identity(name: "LogStreamName", scope: ["LogGroupName"], refIsName: false))
        #expect(try identity("AWS::ECS::Service")?.scope == ["Cluster"])
        // No name: a VPC, a Lambda version; names that two resources may share: hosted zones.
        #expect(try identity("AWS::EC2::VPC") == nil)
        #expect(try identity("AWS::Lambda::LayerVersion") == nil)
        #expect(try identity("AWS::Route53::HostedZone") == nil)
        #expect(try identity("AWS::ElastiCache::CacheCluster")?.name == "ClusterName")
    }

    @Test("a DynamoDB KeySchema change replaces the table, it does not only maybe replace it")
    func keySchemaReplaces() throws {
        let old = try Corpus.template(DifferTests.table)
        let new = old.setting("Resources/myDynamoDBTable/Properties/KeySchema/0/AttributeName", str("pk"))
        let r = try #require(differ.diff(old, new).resource("myDynamoDBTable"))
        #expect(r.impact == .replaced)
        #expect(r.changes.map(\.replacement) == [.always])
        #expect(r.reasons == ["Properties.KeySchema replaces the table: its primary key cannot change in place"])
        // No TableName: CloudFormation names the new table, nothing fails.
        #expect(!r.willFail && r.failReason == nil)
    }

    @Test("a named table replaced under its name fails; under a new name it does not")
    func namedTableReplacement() throws {
        let old = try Corpus.template(DifferTests.table).setting("Resources/myDynamoDBTable/Properties/TableName", str("orders"))
        let keys = old.setting("Resources/myDynamoDBTable/Properties/KeySchema/0/AttributeName", str("pk"))
        let d = differ.diff(old, keys)
        let r = try #require(d.resource("myDynamoDBTable"))
        #expect(r.impact == .replaced && r.willFail)
        #expect(r.failReason?.hasPrefix("the custom name Properties.TableName (\"orders\") stays") == true)
        #expect(d.hasFailure && d.hasReplacement)
        #expect(d.summary == "1 will fail; 1 replace")
        let text = d.render(as: .text)
        #expect(text.contains("! myDynamoDBTable  AWS::DynamoDB::Table  REPLACE: WILL FAIL"))
        #expect(text.contains("      error: the custom name Properties.TableName (\"orders\") stays"))

        let renamedToo = keys.setting("Resources/myDynamoDBTable/Properties/TableName", str("orders-v2"))
        let e = differ.diff(old, renamedToo)
        #expect(e.resource("myDynamoDBTable")?.impact == .replaced)
        #expect(!e.hasFailure)

        // Under a condition the table may not be deployed: said, not claimed.
        let conditional = old.setting("Conditions", Node(.map(Map([Map.Entry(key: "IsProd", value: Node(.bool(true)))]))))
            .setting("Resources/myDynamoDBTable/Condition", str("IsProd"))
        let f = differ.diff(conditional, conditional.setting("Resources/myDynamoDBTable/Properties/KeySchema/0/AttributeName", str("pk")))
        let c = try #require(f.resource("myDynamoDBTable"))
        #expect(c.impact == .replaced && !c.willFail)
        #expect(c.reasons.contains { $0.hasPrefix("if Condition IsProd holds, the update fails: the custom name Properties.TableName") })
    }

    @Test("a name that reads a parameter whose default changes is not known to stay: no failure claimed")
    func uncertainName() throws {
        let old = try Corpus.template(DifferTests.table).setting(
            "Resources/myDynamoDBTable/Properties/TableName",
            Node(.function(Intrinsic(.sub, str("orders-${HashKeyElementName}"))))
        )
        let keys = old.setting("Resources/myDynamoDBTable/Properties/KeySchema/0/KeyType", str("RANGE"))
        #expect(differ.diff(old, keys).resource("myDynamoDBTable")?.willFail == true)
        let defaultChanged = keys.setting("Parameters/HashKeyElementName/Default", str("other"))
        let r = try #require(differ.diff(old, defaultChanged).resource("myDynamoDBTable"))
        #expect(r.impact == .replaced && !r.willFail)
    }

    @Test("a function replaced under its FunctionName fails, and what takes its Ref or Arn is not listed; unnamed, they are")
    func serverlessFunction() throws {
        let old = try serverless(3)
        let fn = "UsersFn0LambdaFunction"
        let image = old.setting("Resources/\(fn)/Properties/PackageType", str("Image"))
        let d = differ.diff(old, image)
        #expect(d.resources.map(\.logicalId) == [fn], "\(d.render(as: .text))")
        #expect(d.resource(fn)?.willFail == true)

        // Without a FunctionName, CloudFormation names the replacement: the version, the
        // permission (create-only FunctionName) and the method (its integration URI) follow it.
        let unnamed = old.setting("Resources/\(fn)/Properties/FunctionName", nil)
        let e = differ.diff(unnamed, unnamed.setting("Resources/\(fn)/Properties/PackageType", str("Image")))
        #expect(!e.hasFailure)
        #expect(e.resource(fn)?.impact == .replaced)
        #expect(e.resources.count == 4, "\(e.render(as: .text))")
        #expect(
            e.resources.filter { $0.type == "AWS::Lambda::Version" || $0.type == "AWS::Lambda::Permission" }.allSatisfy {
                $0.impact == .replaced
            }
        )
        #expect(e.resources.contains { $0.type == "AWS::ApiGateway::Method" && $0.impact == .updated })
    }

    @Test("a named table replaced under its name: a GetAtt of its stream still changes, its Ref and Arn do not")
    func streamArnChanges() throws {
        let yaml = """
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: orders
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
                  StreamSpecification: {StreamViewType: NEW_IMAGE}
              ByName:
                Type: AWS::SSM::Parameter
                Properties: {Type: String, Value: !Ref Table}
              ByArn:
                Type: AWS::SSM::Parameter
                Properties: {Type: String, Value: !Sub "${Table.Arn}/index/*"}
              ByStream:
                Type: AWS::Lambda::EventSourceMapping
                Properties: {FunctionName: f, EventSourceArn: !GetAtt Table.StreamArn, StartingPosition: LATEST}
            """
        let old = try Template(text: yaml, path: "a.yaml")
        let new = old.setting("Resources/Table/Properties/KeySchema/0/AttributeName", str("pk"))
        let d = differ.diff(old, new)
        #expect(d.resources.map(\.logicalId) == ["Table", "ByStream"], "\(d.render(as: .text))")
        // EventSourceArn is create-only: the mapping is replaced with the stream.
        #expect(d.resource("ByStream")?.impact == .replaced)
        #expect(d.resource("Table")?.willFail == true)
    }

    @Test("a rename of a named resource fails; of an unnamed one it does not")
    func renames() throws {
        let old = try serverless(3)
        let d = differ.diff(old, old.renamingResource("IamRoleLambdaExecution", to: "LambdaRole"))
        let role = try #require(d.resource("LambdaRole"))
        #expect(role.impact == .renamed && role.willFail)
        #expect(role.failReason?.contains("CloudFormation creates LambdaRole before it deletes IamRoleLambdaExecution") == true)
        #expect(d.hasFailure && d.hasReplacement && d.hasDeletion)

        let bucket = differ.diff(old, old.renamingResource("ServerlessDeploymentBucket", to: "DeploymentBucket"))
        #expect(bucket.resource("DeploymentBucket")?.impact == .renamed)
        #expect(!bucket.hasFailure)
    }

    @Test("a new resource taking the name of one this update removes fails (a rename with an edit)")
    func nameTakenOver() throws {
        let old = try serverless(3)
        let group = "UsersFn0LogGroup"
        var new = old.renamingResource(group, to: "UsersLogs")
        new = new.setting("Resources/UsersLogs/Properties/RetentionInDays", num(30))
        new = new.setting("Resources/UsersFn0LambdaFunction/DependsOn", Node(.list([str("UsersLogs")])))
        let d = differ.diff(old, new)
        let added = try #require(d.resource("UsersLogs"))
        #expect(added.impact == .added && added.willFail, "\(d.render(as: .text))")
        #expect(added.failReason?.contains("is held by \(group)") == true)
        #expect(d.resource(group)?.impact == .removed)
        // A different name is no conflict.
        let other = new.setting("Resources/UsersLogs/Properties/LogGroupName", str("/aws/lambda/users-v2"))
        #expect(!differ.diff(old, other).hasFailure)
    }

    @Test("a named resource that may be replaced says it would fail, without claiming it will")
    func mayReplaceNamed() throws {
        let yaml = """
            Resources:
              Rule:
                Type: AWS::Events::Rule
                Properties:
                  Name: nightly
                  ScheduleExpression: cron(0 3 * * ? *)
                  EventBusName: default
            """
        let old = try Template(text: yaml, path: "a.yaml")
        let d = differ.diff(old, old.setting("Resources/Rule/Properties/EventBusName", str("orders")))
        let r = try #require(d.resource("Rule"))
        #expect(r.impact == .mayReplace && !r.willFail)
        #expect(r.reasons.contains { $0.hasPrefix("if it is replaced, the update fails: the custom name Properties.Name (\"nightly\")") })
    }

    @Test("every corpus resource with a custom name of literals and parameters: a rename fails; without the name, it does not")
    func corpusRenames() throws {
        let templates = CorpusChangeTests.templates
        let results = Parallel.map(templates) { t -> (checked: Int, failures: [String]) in
            let differ = Differ()
            var checked = 0
            var failures: [String] = []
            var shapes: [String: Int] = [:]
            for r in t.resources { shapes[CorpusChangeTests.identityText(r.node), default: 0] += 1 }
            for r in t.resources where shapes[CorpusChangeTests.identityText(r.node)] == 1 && r.node["Condition"] == nil {
                // A name of literals, parameters and pseudo parameters (no resource, no condition).
                guard let type = r.type, let schema = differ.schemas?.schema(for: type),
                    let identity = Identity.of(type: type, schema: schema),
                    let name = r.properties?[identity.name], identity.scope.isEmpty, t.resource(r.logicalId + "Renamed") == nil,
                    name.references.allSatisfy({
                        ($0.kind == .ref || $0.kind == .sub) && t.resource($0.target) == nil && $0.target != "AWS::NoValue"
                    })
                else { continue }
                let d = differ.diff(t, t.renamingResource(r.logicalId, to: r.logicalId + "Renamed"))
                if d.resource(r.logicalId + "Renamed")?.willFail != true {
                    failures.append(
                        "\(t.path): rename of \(r.logicalId) (\(type)): \(d.resources.map { "\($0.logicalId) \($0.impact) \($0.willFail)" })"
                    )
                }
                let unnamed = t.setting("Resources/\(r.logicalId)/Properties/\(identity.name)", nil)
                let e = differ.diff(unnamed, unnamed.renamingResource(r.logicalId, to: r.logicalId + "Renamed"))
                if e.hasFailure { failures.append("\(t.path): rename of unnamed \(r.logicalId) (\(type)) fails") }
                checked += 1
                if checked == 3 { break }
            }
            return (checked, failures)
        }
        let failures = results.flatMap(\.failures)
        #expect(failures.isEmpty, "\(failures.count) wrong; first: \(failures.prefix(5).joined(separator: "\n"))")
        #expect(results.reduce(0) { $0 + $1.checked } > 100)
    }

    // MARK: long values

    @Test("long values show where they differ, on both sides")
    func longValues() throws {
        let prefix = String(repeating: "abcdefghij", count: 15)
        let (a, b) = Inline.pair(str(prefix + "-one-" + prefix), str(prefix + "-two-" + prefix))
        #expect(a.count <= Inline.maxLength && b.count <= Inline.maxLength)
        #expect(a.hasPrefix("...") && a.hasSuffix("...") && a.contains("-one-"), "\(a)")
        #expect(b.hasPrefix("...") && b.contains("-two-"), "\(b)")
        // Short values are whole.
        #expect(Inline.pair(str("x"), str("y")) == ("\"x\"", "\"y\""))
        // A difference near the start keeps the start; one at the very end shows the end.
        #expect(Inline.pair(str("x" + prefix), str("y" + prefix)).old.hasPrefix("\"x"))
        #expect(Inline.pair(str(prefix + "1"), str(prefix + "2")).new.hasSuffix("j2\""))

        // A route pointed at another function: the integration URI differs in the middle.
        let old = try serverless(2)
        let path = "Resources/ApiGatewayMethodUsersV2Get/Properties/Integration/Uri/Fn::Join/1/5"
        let new = old.setting(path, Node(.function(Intrinsic(.getAtt, Node(.list([str("OrdersFn1LambdaFunction"), str("Arn")]))))))
        let uri = try #require(differ.diff(old, new).resource("ApiGatewayMethodUsersV2Get")?.changes.first)
        #expect(Inline.text(uri.old!).hasSuffix("..."), "the URI fits on a line: nothing to test")
        for format in [TemplateDiff.OutputFormat.text, .markdown] {
            let out = differ.diff(old, new).render(as: format)
            let line = try #require(out.split(separator: "\n").first { $0.contains("Properties.Integration.Uri:") })
            #expect(line.contains("!GetAtt UsersFn0LambdaFunction.Arn") && line.contains("!GetAtt OrdersFn1LambdaFunction.Arn"), "\(line)")
        }
    }

    // MARK: split hierarchies

    static func split(_ t: Template, previous: Layout? = nil) throws -> MergedHierarchy {
        let r = try Splitter.split(t, options: SplitOptions(strategy: .function, maxResources: 12, previous: previous))
        var nested: [String: Template] = [:]
        for s in r.stacks { nested[s.logicalId] = try Template(bytes: s.bytes, path: s.fileName) }
        return try MergedHierarchy(parent: try Template(bytes: r.parentBytes, path: r.parentFileName), nested: nested)
    }

    @Test("two split hierarchies compare as the wholes they deploy, each change naming its nested stack")
    func hierarchies() throws {
        let old = try serverless(6)
        let fn = "OrdersFn1LambdaFunction"
        let new = old.setting("Resources/\(fn)/Properties/MemorySize", num(512))
        let a = try Self.split(old)
        // The layout `a` deployed: each resource's stack, and each stack's parent stack.
        var parentOf: [String: String] = [:]
        for chain in a.stacks.values { for (p, c) in zip(chain, chain.dropFirst()) { parentOf[c] = p } }
        let b = try Self.split(new, previous: Layout(holder: a.stacks.mapValues { $0.last }, parentOf: parentOf))
        #expect(a.stacks.values.contains { !$0.isEmpty }, "the split made no nested stack")
        let d = differ.diff(a, b)
        #expect(d.resources.map(\.logicalId) == differ.diff(old, new).resources.map(\.logicalId), "\(d.render(as: .text))")
        let r = try #require(d.resource(fn))
        #expect(r.impact == .updated)
        #expect(r.stack != nil && r.stack == r.oldStack && r.stack == b.stacks[fn]?.joined(separator: "/"))
        #expect(r.newFile == b.files[fn] && r.newFile?.hasPrefix(r.stack!) == true)
        // A hierarchy against itself: nothing.
        #expect(differ.diff(a, a).isEmpty)
    }

    @Test("a resource moving to another nested stack is moved; with a custom name it fails")
    func movesBetweenStacks() throws {
        let old = try serverless(6)
        let single = MergedHierarchy(old)
        let split = try Self.split(old)
        let d = differ.diff(single, split)
        let moved = d.resources.filter { $0.impact == .moved }
        #expect(!moved.isEmpty && moved.allSatisfy { $0.oldStack == nil && $0.stack != nil })
        // Each function has a FunctionName, each log group a LogGroupName: they cannot move.
        let functions = moved.filter { $0.type == "AWS::Lambda::Function" }
        #expect(!functions.isEmpty && functions.allSatisfy(\.willFail))
        #expect(functions.first?.failReason?.contains("before it deletes it from the parent") == true)
        // A version has no name of its own.
        #expect(moved.filter { $0.type == "AWS::Lambda::Version" }.allSatisfy { !$0.willFail })
        #expect(d.hasDeletion && d.hasFailure)
    }
}
