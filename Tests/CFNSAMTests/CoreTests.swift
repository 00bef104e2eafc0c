import CFNModel
import Testing

@testable import CFNSAM

@Suite("SAM transform: the core")
struct CoreTests {
    @Test("SHA-1 gives the FIPS 180 digests")
    func sha1() {
        #expect(SHA1.hex(Array("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(SHA1.hex([UInt8]()) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(SHA1.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1000)) == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
    }

    @Test("a node hashes as Python's json.dumps(sort_keys=True, compact) text does (the stable logical ids)")
    func pythonJSON() throws {
        // The expected text and hash are what Python 3.11's json and hashlib give for the same value.
        let node = try SAMFixtures.template(
            """
            b: [1, 2.5, true, null, "x\\u00e9\\U0001F600"]
            a: !Ref X
            c: "q\\"\\\\\\n\\t"
            d: 1.0e-05
            e: 1.0e+16
            f: 100.0
            """
        ).rootNode
        let text = PythonJSON.dumps(node)
        #expect(text == #"{"a":{"Ref":"X"},"b":[1,2.5,true,null,"x\u00e9\ud83d\ude00"],"c":"q\"\\\n\t","d":1e-05,"e":1e+16,"f":100.0}"#)
        #expect(LogicalId.make("MyApiDeployment", node) == "MyApiDeploymenta7588165b1")
        #expect(LogicalId.make("Prefix", nil) == "Prefix")
        #expect(LogicalId.make("Prefix", Node(.map(Map()))) == "Prefix")
    }

    @Test("Globals: the resource's scalars win, mappings merge, lists are global then local, IgnoreGlobals opts out")
    func globals() throws {
        let template = try SAMFixtures.template(
            """
            Globals:
              Function:
                Runtime: python3.12
                Handler: index.handler
                Timeout: 10
                Environment: {Variables: {TABLE: t, STAGE: dev}}
                Layers: [arn:aws:lambda:us-east-1:123456789012:layer:a:1]
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: s3://bucket/key.zip
                  Timeout: !Ref T
                  Environment: {Variables: {STAGE: prod}}
                  Layers: [arn:aws:lambda:us-east-1:123456789012:layer:b:1]
              Plain:
                Type: AWS::Serverless::Function
                IgnoreGlobals: [Timeout, Layers]
                Properties: {CodeUri: s3://bucket/key.zip}
            """)
        let out = try SAMTransform().apply(to: template).template
        let fn = try #require(out.root["Resources"]?["Fn"]?["Properties"])
        #expect(fn["Runtime"]?.stringValue == "python3.12")
        #expect(fn["Timeout"]?.functionValue?.refTarget == "T")
        #expect(SAMFixtures.canonical(fn["Environment"]!) == #"{Variables:{STAGE:"prod",TABLE:"t"}}"#)
        #expect(fn["Layers"]?.listValue?.compactMap(\.stringValue).map { $0.suffix(3) } == ["a:1", "b:1"])
        let plain = try #require(out.root["Resources"]?["Plain"]?["Properties"])
        #expect(plain["Timeout"] == nil && plain["Layers"] == nil && plain["Runtime"]?.stringValue == "python3.12")
        #expect(out.root["Globals"] == nil && out.root["Transform"] == nil)
    }

    @Test("a Globals section with an unsupported property is an error naming it")
    func globalsUnsupported() throws {
        let template = try SAMFixtures.template(
            """
            Globals:
              Function: {FunctionName: x}
            Resources:
              Fn: {Type: AWS::Serverless::Function, Properties: {CodeUri: s3://b/k, Runtime: python3.12, Handler: a.b}}
            """)
        #expect {
            try SAMTransform().apply(to: template)
        } throws: { error in
            let e = (error as? SAMErrors)?.errors.first
            return e?.message.contains("'FunctionName' is not a supported property of 'Function'") == true && e?.range.start.line == 2
        }
    }

    @Test("parameters resolve where SAM resolves them: Ref and ${} in Sub, defaults and pseudo parameters")
    func intrinsics() throws {
        let params: [String: Node] = ["Bucket": "my-bucket", "AWS::Region": "eu-west-1", "Count": 3, "Later": "{{IntrinsicFunction:x}}"]
        let resolver = Intrinsics(parameters: params)
        let sub = try resolver.resolveParameters(.sub("s3://${Bucket}/${AWS::Region}/${Other}/${Later}"))
        #expect(sub.functionValue?.argument.stringValue == "s3://my-bucket/eu-west-1/${Other}/${Later}")
        #expect(try resolver.resolveParameters(.ref("Bucket")).stringValue == "my-bucket")
        #expect(try resolver.resolveParameters(.ref("Later")).functionValue?.refTarget == "Later")
        #expect(throws: SAMError.self) { try resolver.resolveParameters(.sub("${Count}")) }
    }

    @Test("references to what SAM made resolve in Ref, Sub and both GetAtt forms")
    func resourceRefs() {
        let refs = ["Fn": ["Alias": "FnAliaslive"]]
        #expect(Intrinsics.resolveResourceRefs(.ref("Fn.Alias"), refs).functionValue?.refTarget == "FnAliaslive")
        let sub = Intrinsics.resolveResourceRefs(.sub("${Fn.Alias} ${Fn.Alias.Arn} ${Fn.Version}"), refs)
        #expect(sub.functionValue?.argument.stringValue == "${FnAliaslive} ${FnAliaslive.Arn} ${Fn.Version}")
        for getAtt in [Node.getAtt("Fn.Alias", "Arn"), Node.getAtt("Fn", "Alias.Arn")] {
            let resolved = Intrinsics.resolveResourceRefs(getAtt, refs).functionValue?.getAttTarget
            #expect(resolved?.resource == "FnAliaslive" && resolved?.attribute == "Arn")
        }
        let changed = Intrinsics.resolveChangedIds(.sub("${Layer}-${Layer.Arn}"), ["Layer": "Layer0123456789"])
        #expect(changed.functionValue?.argument.stringValue == "${Layer0123456789}-${Layer0123456789.Arn}")
    }

    @Test("a plain CloudFormation template comes back as it is; a SAM input without Transform is transformed")
    func applies() throws {
        let plain = try SAMFixtures.template("Resources:\n  Q: {Type: AWS::SQS::Queue}\n")
        #expect(SAMTransform.applies(to: plain) == false)
        #expect(try SAMTransform().apply(to: plain).template.rootNode.isSemanticallyEqual(to: plain.rootNode))
        let other = try SAMFixtures.template("Transform: AWS::LanguageExtensions\nResources:\n  F: {Type: AWS::Serverless::Function}\n")
        #expect(SAMTransform.applies(to: other) == false)
        #expect(SAMTransform.applies(to: try SAMFixtures.input("basic_function")))
    }

    @Test("basic_function: every generated resource equals aws-sam-translator's, in every partition")
    func basicFunction() throws {
        for partition in ["aws", "aws-cn", "aws-us-gov"] {
            let output = try SAMFixtures.transform("basic_function", partition: partition)
            let expected = try SAMFixtures.expected("basic_function", partition: partition)
            #expect(SAMFixtures.canonical(output.template.rootNode) == SAMFixtures.canonical(expected.rootNode), "\(partition)")
        }
    }

    @Test("origins: each generated resource names the SAM resource it came from, and its nodes carry the source's lines")
    func origins() throws {
        let output = try SAMFixtures.transform("basic_function")
        let role = try #require(output.origins["FunctionWithPoliciesRole"])
        #expect(role.logicalId == "FunctionWithPolicies" && role.type == "AWS::Serverless::Function")
        #expect(role.range.start.line == 64)
        let handler = try #require(output.template.root["Resources"]?["CompleteFunction"]?["Properties"]?["Handler"])
        #expect(handler.range.start.line == 47)
        let trust = try #require(output.template.root["Resources"]?["MinimalFunctionRole"]?["Properties"]?["AssumeRolePolicyDocument"])
        #expect(trust.range.start.line == 9, "a generated node carries its SAM resource's line")
    }

    @Test("every error of a template is reported, each with its resource and line")
    func errors() throws {
        let template = try SAMFixtures.template(
            """
            Resources:
              A:
                Type: AWS::Serverless::Function
                Properties: {CodeUri: s3://b/k, Runtime: python3.12, Handler: a.b, Unknown: 1}
              B:
                Type: AWS::Serverless::Function
                Properties: {CodeUri: s3://b/k, Handler: a.b}
            """)
        #expect {
            try SAMTransform().apply(to: template)
        } throws: { error in
            let errors = (error as? SAMErrors)?.errors ?? []
            return errors.map(\.logicalId) == ["A", "B"] && errors[0].message.contains("Unknown") && errors[0].range.start.line == 4
                && errors[1].message.contains("Runtime and Handler") && errors[1].range.start.line == 5
        }
    }
}
