import CFNModel
import Testing

@testable import CFNSplit

@Suite("split: Serverless templates")
struct ServerlessSplitTests {
    @Test("40 functions, every strategy: verified, within quotas, byte-identical on a second run", arguments: Strategy.allCases)
    func fortyFunctions(_ strategy: Strategy) throws {
        let t = try Fixtures.serverless(40)
        let a = try Splitter.split(t, options: SplitOptions(strategy: strategy))
        let b = try Splitter.split(t, options: SplitOptions(strategy: strategy))
        #expect(a.parentBytes == b.parentBytes)
        #expect(a.stacks.map(\.bytes) == b.stacks.map(\.bytes))
        #expect(a.manifest(generator: "test") == b.manifest(generator: "test"))
        #expect(a.stacks.count >= 2)
        for s in a.stacks {
            #expect(s.template.resources.count <= 200 && s.template.parameters.count <= 200 && s.template.outputs.count <= 200)
        }
        #expect(a.parent.resources.count <= 500)
        // Every original resource is in exactly one place.
        let placed =
            a.parent.resources.map(\.logicalId).filter { id in !a.stacks.contains { $0.logicalId == id } }
            + a.stacks.flatMap { $0.template.resources.map(\.logicalId) }
        #expect(placed.sorted() == t.resources.map(\.logicalId).sorted())
    }

    @Test("routes: one stack per route group; the API, deployment and stage stay in the parent, the deployment waits for the groups")
    func routes() throws {
        let t = try Fixtures.serverless(40)
        let r = try Splitter.split(t)
        #expect(r.strategy == .routes)
        let names = Set(r.stacks.map(\.logicalId))
        for g in ["Users", "Orders", "Admin", "Billing", "Catalog", "Search", "Auth", "Reports", "Inventory", "Notifications"] {
            #expect(names.contains(g + "Stack"), "\(g)")
        }
        let parentTypes = Set(r.parent.resources.compactMap(\.type))
        #expect(parentTypes.contains("AWS::ApiGateway::RestApi") && parentTypes.contains("AWS::ApiGateway::Deployment"))
        let deployment = try #require(r.parent.resources.first { $0.type == "AWS::ApiGateway::Deployment" })
        #expect(Set(deployment.dependsOn) == names)
        // The users stack holds the /users path nodes, methods and functions.
        let users = try #require(r.stacks.first { $0.logicalId == "UsersStack" })
        let types = Set(users.template.resources.compactMap(\.type))
        #expect(
            types.isSuperset(of: [
                "AWS::ApiGateway::Resource", "AWS::ApiGateway::Method", "AWS::Lambda::Function", "AWS::Lambda::Permission",
                "AWS::Logs::LogGroup", "AWS::Lambda::Version",
            ])
        )
        #expect(users.template.resources.allSatisfy { !$0.logicalId.hasPrefix("Orders") })
    }

    @Test("1,000 functions must not mean 1,000 stacks: the function strategy packs")
    func packs() throws {
        let t = try Fixtures.serverless(120)
        let r = try Splitter.split(t, options: SplitOptions(strategy: .function))
        #expect(r.stacks.count < 10)
        #expect(r.parent.resources.count < 50)
    }

    @Test("a smaller --max-resources cuts big groups further")
    func cuts() throws {
        let t = try Fixtures.serverless(40)
        let r = try Splitter.split(t, options: SplitOptions(strategy: .routes, maxResources: 10))
        #expect(r.stacks.allSatisfy { $0.template.resources.count <= 10 })
        #expect(r.stacks.contains { $0.logicalId == "Users2Stack" })
    }
}

@Suite("split: every reference form across a boundary")
struct ReferenceSplitTests {
    /// The bucket and its neighbours go to a `Bucket` stack by type; the queue, the function and
    /// the outputs read it across the boundary in every form.
    static let template = """
        Parameters:
          Env: {Type: String, AllowedValues: [dev, prod]}
          Subnets: {Type: CommaDelimitedList}
        Mappings:
          Sizes: {dev: {Memory: 128}, prod: {Memory: 1024}}
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Condition: IsProd
            Properties:
              BucketName: !Sub '${AWS::StackName}-data'
          Bucket2:
            Type: AWS::S3::Bucket
          Queue:
            Type: AWS::SQS::Queue
            DependsOn: Bucket2
            Properties:
              QueueName: !Ref Bucket2
              Tags:
                - {Key: arn, Value: !GetAtt Bucket2.Arn}
                - {Key: arn2, Value: {"Fn::GetAtt": [Bucket2, DomainName]}}
                - {Key: sub, Value: !Sub 'arn:${Bucket2.Arn}/x-${Bucket2}-${!Literal}'}
                - {Key: list, Value: !Sub ['${A}-${Env}', {A: !GetAtt Bucket2.RegionalDomainName}]}
                - {Key: cond, Value: !If [IsProd, !Ref Bucket, !Ref AWS::NoValue]}
                - {Key: map, Value: !FindInMap [Sizes, !Ref Env, Memory]}
                - {Key: subnets, Value: !Join [',', !Ref Subnets]}
        Outputs:
          BucketArn:
            Condition: IsProd
            Value: !GetAtt Bucket.Arn
          QueueUrl:
            Value: !Ref Queue
          Both:
            Value: !Sub '${Bucket2}/${Queue.Arn}'
        """

    @Test("type strategy: rewritten references verify, and read as expected")
    func everyForm() throws {
        let t = try Template(text: Self.template, path: "refs.yaml")
        let r = try Splitter.split(t, options: SplitOptions(strategy: .type, maxResources: 2))
        let bucketStack = try #require(r.stacks.first { $0.template.resource("Bucket") != nil })
        let queueStack = try #require(r.stacks.first { $0.template.resource("Queue") != nil })
        #expect(bucketStack.logicalId != queueStack.logicalId)
        // The queue's stack gets the bucket as parameters; `!Ref Bucket2` keeps its name.
        let q = queueStack.template
        let params = Set(q.parameters.map(\.name))
        #expect(
            params.isSuperset(of: ["Bucket2", "Bucket2Arn", "Bucket2DomainName", "Bucket2RegionalDomainName", "Env", "Subnets", "Bucket"])
        )
        #expect(q.parameters.first { $0.name == "Subnets" }?.type == "CommaDelimitedList")
        #expect(q.resource("Queue")?.properties?["QueueName"]?.functionValue?.refTarget == "Bucket2")
        // Condition and mapping copied, with the parameter they read.
        #expect(q.conditions.map(\.name) == ["IsProd"])
        #expect(q.mappings.map(\.name) == ["Sizes"])
        // DependsOn across stacks is now the stack's dependency.
        #expect(q.resource("Queue")?.dependsOn == [])
        let parentQueueStack = try #require(r.parent.resource(queueStack.logicalId))
        let holder2 = try #require(r.stacks.first { $0.template.resource("Bucket2") != nil })
        // A DependsOn, unless the stack reads an output of the other already (that waits as well).
        let reads = parentQueueStack.node["Properties"]?["Parameters"]?.references.contains { $0.target == holder2.logicalId } == true
        #expect(parentQueueStack.dependsOn.contains(holder2.logicalId) != reads || holder2.logicalId == queueStack.logicalId)
        // The conditional bucket is exported under its condition and passed guarded.
        let out = try #require(bucketStack.template.outputs.first { $0.name == "BucketArn" || $0.name == "Bucket" })
        #expect(out.condition == "IsProd")
        // AWS::StackName in a nested stack is the parent's.
        #expect(bucketStack.template.parameters.contains { $0.name == "ParentStackName" })
        // Outputs of the original read the moved resources through stack outputs.
        let queueUrl = try #require(r.parent.outputs.first { $0.name == "QueueUrl" }?.value?.functionValue)
        #expect(queueUrl.name == .getAtt && queueUrl.getAttTarget?.attribute == "Outputs.Queue")
        let both = try #require(r.parent.outputs.first { $0.name == "Both" }?.value?.functionValue?.argument.stringValue)
        #expect(both.contains(".Outputs."))
    }

    @Test("the verifier catches an output that means something else")
    func verifierFails() throws {
        let t = try Template(text: Self.template, path: "refs.yaml")
        var r = try Splitter.split(t, options: SplitOptions(strategy: .type, maxResources: 2, verify: false))
        try Verifier.verify(r)
        // Tamper with one nested template: the queue's name now reads another bucket.
        let i = try #require(r.stacks.firstIndex { $0.template.resource("Queue") != nil })
        let text = String(decoding: r.stacks[i].bytes, as: UTF8.self).replacingOccurrences(
            of: "QueueName: !Ref Bucket2",
            with: "QueueName: !Ref Env"
        )
        r.replaceStackBytes(i, Array(text.utf8))
        #expect(throws: SplitError.self) { try Verifier.verify(r) }
    }

    @Test("templates with a transform or a dependency cycle are refused")
    func refusals() throws {
        let sam = try Template(text: "Transform: AWS::Serverless-2016-10-31\nResources:\n  F: {Type: AWS::Serverless::Function}\n")
        #expect(throws: SplitError.self) { try Splitter.split(sam) }
        let cycle = try Template(text: "Resources:\n  A: {Type: T, DependsOn: B}\n  B: {Type: T, Properties: {X: !Ref A}}\n")
        do {
            _ = try Splitter.split(cycle)
            Issue.record("a cycle must be refused")
        } catch {
            #expect(error.message.contains("A -> B -> A") || error.message.contains("B -> A -> B"))
        }
    }
}

@Suite("split: a second level")
struct NestedSplitTests {
    @Test("more nested stacks than the parent may hold go into stacks of stacks; every template keeps --max-resources")
    func secondLevel() throws {
        let t = try Fixtures.serverless(120)
        let r = try Splitter.split(t, options: SplitOptions(strategy: .type, maxResources: 20))
        #expect(r.parent.resources.count <= 20)
        let intermediates = Set(r.stacks.compactMap(\.parentStack))
        #expect(intermediates.count >= 2)
        for s in r.stacks {
            #expect(
                s.template.resources.count <= 20 && s.template.parameters.count <= 200 && s.template.outputs.count <= 200,
                "\(s.logicalId)"
            )
        }
        for name in intermediates {
            let i = try #require(r.stacks.first { $0.logicalId == name })
            // Each stack named as a parent holds its children's stack resources.
            let held = Set(i.template.resources.filter { $0.type == "AWS::CloudFormation::Stack" }.map(\.logicalId))
            #expect(Set(r.stacks.filter { $0.parentStack == name }.map(\.logicalId)) == held)
        }
        // The layout names every resource's holder, and the chain of stacks above it.
        let layout = r.layout
        #expect(layout.holder.count == t.resources.count)
        for s in r.stacks where s.parentStack != nil { #expect(layout.parentOf[s.logicalId] == s.parentStack) }
    }

    @Test("--max-resources 1 cannot hold two stacks in one parent: refused with the reason")
    func one() throws {
        let t = try Fixtures.serverless(10)
        #expect {
            _ = try Splitter.split(t, options: SplitOptions(maxResources: 1))
        } throws: { error in
            (error as? SplitError)?.message.contains("cannot split within 1 resource a stack") == true
        }
    }
}
