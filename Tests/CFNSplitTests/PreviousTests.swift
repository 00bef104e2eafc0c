import CFNModel
import CFNSchema
import Foundation
import Testing

@testable import CFNSplit

/// `--previous` never makes things worse: resources stay in the stacks they were deployed in.
@Suite("split --previous")
struct PreviousTests {
    /// The Serverless sizes a deployment grows through, one split after the other (another with
    /// `CFNTOOL_SPLIT_SEQUENCE=90,95,100`); `make check-split-previous` checks the same through
    /// the binary, also at `--max-resources 20`.
    static let sequence: [Int] = {
        let env = ProcessInfo.processInfo.environment["CFNTOOL_SPLIT_SEQUENCE"] ?? "90,95,120,300"
        return env.split(separator: ",").compactMap { Int($0) }
    }()

    /// Resources whose chain of stacks differs between two layouts.
    static func moved(_ a: Layout, _ b: Layout) -> [String] {
        a.holder.keys.sorted().filter { id in
            guard let was = a.path(of: id), let now = b.path(of: id) else { return false }
            return was != now
        }
    }

    @Test("each step moves at most what a fresh split would, and no resource with a fixed name", arguments: Strategy.allCases)
    func sequence(_ strategy: Strategy) throws {
        let sizes = Self.sequence
        try #require(sizes.count >= 2)
        var deployed = try Splitter.split(Fixtures.serverless(sizes[0]), options: SplitOptions(strategy: strategy)).layout
        for n in sizes.dropFirst() {
            let t = try Fixtures.serverless(n)
            let fresh = try Splitter.split(t, options: SplitOptions(strategy: strategy, verify: false))
            let kept = try Splitter.split(t, options: SplitOptions(strategy: strategy, previous: deployed))
            let freshMoves = Self.moved(deployed, fresh.layout)
            let keptMoves = Self.moved(deployed, kept.layout)
            #expect(keptMoves.count <= freshMoves.count, "\(strategy) -> \(n): \(keptMoves.count) moves, a fresh split \(freshMoves.count)")
            #expect(kept.moves.map(\.logicalId).sorted() == keptMoves)
            #expect(kept.moves.allSatisfy { !$0.named }, "\(strategy) -> \(n): \(kept.moves.filter(\.named).map(\.logicalId))")
            #expect(kept.parent.resources.count <= 200 && kept.stacks.allSatisfy { $0.template.resources.count <= 200 })
            // What the manifest writes is what the next run reads.
            let manifest = try Template(bytes: kept.manifest(generator: "test"), path: "manifest.json")
            #expect(Layout(manifest) == kept.layout)
            deployed = kept.layout
        }
    }

    @Test("90 -> 95 functions: the moves the issue saw (function 191, auto 91) are gone")
    func issue() throws {
        for strategy in [Strategy.function, .auto] {
            let before = try Splitter.split(Fixtures.serverless(90), options: SplitOptions(strategy: strategy)).layout
            let t = try Fixtures.serverless(95)
            let fresh = try Splitter.split(t, options: SplitOptions(strategy: strategy, verify: false))
            let kept = try Splitter.split(t, options: SplitOptions(strategy: strategy, previous: before))
            #expect(!Self.moved(before, fresh.layout).isEmpty)
            #expect(Self.moved(before, kept.layout).isEmpty, "\(strategy)")
            // New functions take room left in the stacks, or a stack of their own: none is cut in two.
            let old = Set(before.holder.values.compactMap { $0 })
            for s in kept.stacks where old.contains(s.logicalId) {
                let was = before.holder.filter { $0.value == s.logicalId }.count
                #expect(s.template.resources.count >= was)
            }
        }
    }

    @Test("a limit the deployed stacks no longer keep: named resources are refused, then moved with refactor mappings")
    func lowerLimit() throws {
        let t = try Fixtures.serverless(40)
        let deployed = try Splitter.split(t, options: SplitOptions(strategy: .routes)).layout
        do {
            _ = try Splitter.split(t, options: SplitOptions(strategy: .routes, maxResources: 10, previous: deployed))
            Issue.record("moving named resources must be refused")
        } catch {
            #expect(error.message.contains("with a fixed physical name would move"))
            #expect(error.message.contains("--allow-moves"))
            #expect(error.message.contains("over --max-resources 10"))
            #expect(error.message.contains("FunctionName") || error.message.contains("LogGroupName"))
        }
        let r = try Splitter.split(t, options: SplitOptions(strategy: .routes, maxResources: 10, previous: deployed, allowMoves: true))
        let named = r.moves.filter(\.named)
        #expect(!named.isEmpty)
        #expect(r.moves.prefix(named.count).allSatisfy { $0.named }, "named moves come first")
        #expect(named.allSatisfy { !$0.fixedName.isEmpty && !$0.reason.isEmpty })
        #expect(
            r.moves.count
                <= Self.moved(deployed, try Splitter.split(t, options: SplitOptions(strategy: .routes, maxResources: 10)).layout).count
        )
        // Every move is in exactly one refactor file, each file a list of Source/Destination
        // pairs (the shape of `create-stack-refactor --resource-mappings`) over at most 5 stacks.
        var mapped: [String] = []
        for file in r.refactorFiles {
            let list = try #require(JSONSerialization.jsonObject(with: Data(file.bytes)) as? [[String: [String: String]]])
            var stacks: Set<String> = []
            for m in list {
                let source = try #require(m["Source"])
                let destination = try #require(m["Destination"])
                #expect(
                    Set(source.keys) == ["StackName", "LogicalResourceId"] && Set(destination.keys) == ["StackName", "LogicalResourceId"]
                )
                #expect(source["LogicalResourceId"] == destination["LogicalResourceId"])
                #expect(source["StackName"] != destination["StackName"])
                stacks.formUnion([source["StackName"]!, destination["StackName"]!])
                mapped.append(source["LogicalResourceId"]!)
            }
            #expect(stacks.count <= 5)
        }
        #expect(mapped.sorted() == r.moves.map(\.logicalId).sorted())
    }

    @Test("a deployed single template over the limit: everything that must leave the parent is a move")
    func single() throws {
        let t = try Fixtures.serverless(120)
        let deployed = Layout(t)
        #expect(deployed.holder.values.allSatisfy { $0 == nil })
        #expect(throws: SplitError.self) { try Splitter.split(t, options: SplitOptions(previous: deployed)) }
        let r = try Splitter.split(t, options: SplitOptions(previous: deployed, allowMoves: true))
        let fresh = try Splitter.split(t, options: SplitOptions(verify: false))
        #expect(r.moves.count <= Self.moved(deployed, fresh.layout).count)
        #expect(r.moves.count >= t.resources.count - 200)
        #expect(r.moves.allSatisfy { $0.fromPath.isEmpty })
    }
}

@Suite("split: fixed physical names, from the resource schemas")
struct PhysicalNameTests {
    static let template = """
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties: {FunctionName: my-fn, Role: arn, Code: {ZipFile: x}, Handler: i.h, Runtime: python3.12}
          AnonymousFn:
            Type: AWS::Lambda::Function
            Properties: {Role: arn, Code: {ZipFile: x}, Handler: i.h, Runtime: python3.12}
          Permission:
            Type: AWS::Lambda::Permission
            Properties: {FunctionName: !Ref Fn, Action: lambda:InvokeFunction, Principal: s3.amazonaws.com}
          Queue:
            Type: AWS::SQS::Queue
            Properties: {QueueName: jobs}
          Table:
            Type: AWS::DynamoDB::Table
            Properties: {TableName: t, KeySchema: [{AttributeName: k, KeyType: HASH}], AttributeDefinitions: [{AttributeName: k, AttributeType: S}], BillingMode: PAY_PER_REQUEST}
          Group:
            Type: AWS::EC2::SecurityGroup
            Properties: {GroupName: web, GroupDescription: web}
          Api:
            Type: AWS::ApiGateway::RestApi
            Properties: {Name: api}
          Method:
            Type: AWS::ApiGateway::Method
            Properties: {RestApiId: !Ref Api, ResourceId: !GetAtt Api.RootResourceId, HttpMethod: GET, AuthorizationType: NONE}
          Custom:
            Type: Custom::Thing
            Properties: {ServiceToken: arn, Name: x}
        """

    @Test("create-only name properties and settable primary identifiers fix a name; a permission's FunctionName does not")
    func names() throws {
        let t = try Template(text: Self.template, path: "names.yaml")
        let names = PhysicalNames(t, schemas: SchemaStore.bundled)
        #expect(names.fixed["Fn"] == ["FunctionName"])
        #expect(names.fixed["Queue"] == ["QueueName"])
        #expect(names.fixed["Table"] == ["TableName"])
        #expect(names.fixed["Group"] == ["GroupName"])
        #expect(names.fixed["Method"] == ["RestApiId", "ResourceId", "HttpMethod"])
        #expect(names.fixed["AnonymousFn"] == nil)
        #expect(names.fixed["Permission"] == nil)
        // A REST API's Name is not unique in the account: it can be created twice.
        #expect(names.fixed["Api"] == nil)
        // Without a schema: the type's own `<Type>Name` or `Name`.
        #expect(names.fixed["Custom"] == ["Name"])
    }
}
