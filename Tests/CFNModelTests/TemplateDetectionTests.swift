import CFNModel
import Foundation
import Testing

@Suite("Template detection by keys, and stack hierarchies")
struct TemplateDetectionTests {
    /// The error `Template(templateBytes:)` gives for `text`, or nil when it is a template.
    func refusal(_ text: String) -> CFNError? {
        do {
            _ = try Template(templateBytes: Array(text.utf8), path: "f.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test("a template has Resources, AWSTemplateFormatVersion or the SAM Transform at its top level")
    func templates() throws {
        for text in [
            "Resources: {}\n",
            "Resources:\n  Q: {Type: AWS::SQS::Queue}\n",
            "Resources: [broken]\n",
            "AWSTemplateFormatVersion: '2010-09-09'\nDescription: no resources yet\n",
            "Transform: AWS::Serverless-2016-10-31\nGlobals: {Function: {Timeout: 3}}\n",
            "Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\n",
            "{\"Resources\": {}}",
        ] {
            #expect(refusal(text) == nil, "\(text)")
        }
    }

    @Test("everything else is refused with kind .notTemplate, at the top level's position, whatever its text says")
    func notTemplates() throws {
        let cases: [(String, String, Int)] = [
            // Keys, not text: "Resources" and "AWSTemplateFormatVersion" in comments and values.
            ("# Resources for the app\nversion: '3'\nservices: {web: {image: nginx, resources: {}}}\n", "(it has version, services)", 2),
            (
                "{\"name\": \"x\", \"description\": \"AWSTemplateFormatVersion\", \"scripts\": {}, \"main\": \"a\", \"files\": []}",
                "(it has name, description, scripts, main, ...)", 1
            ),
            // Lower case is another key: a Serverless Framework file.
            ("service: app\nresources:\n  Resources: {}\n", "(it has service, resources)", 1),
            // A CodePipeline template configuration, and an outputs-only fragment.
            ("{\"Parameters\": {\"Env\": \"prod\"}}", "(it has Parameters)", 1),
            ("Transform: AWS::Include\n", "(it has Transform)", 1),
            (#"{"version": 1, "maxResources": 200, "parent": "p.yaml", "stacks": {}, "resources": {}}"#, "it is a split manifest", 1),
            ("", "the file is empty", 1),
            ("# only a comment\n", "the file is empty", 1),
            ("- ParameterKey: Env\n  ParameterValue: prod\n", "the top level is a list", 1),
            ("just text\n", "the top level is a single value", 1),
        ]
        for (text, says, line) in cases {
            let e = try #require(refusal(text), "\(text)")
            #expect(e.kind == .notTemplate)
            #expect(e.message.hasPrefix("not a CloudFormation template: ") && e.message.contains(says), "\(e.message)")
            #expect(e.position.line == line && e.file == "f.yaml", "\(e)")
        }
        // Bytes that are no YAML at all stay a syntax error: nothing tells they are no template.
        #expect(refusal("Resources:\n  B: [\n")?.kind == .syntax)
        // The plain decoder still reads any mapping (configs, manifests).
        let doc = try Template(bytes: Array("version: '3'\n".utf8), path: "c.yaml")
        #expect(!doc.isTemplate && doc.notTemplateReason?.hasPrefix("no Resources") == true)
    }

    @Test("Template.read: the template and its bytes, read once; refusals carry the path")
    func read() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("detect-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "Resources:\n  Q: {Type: AWS::SQS::Queue}\n".write(toFile: dir + "/t.yaml", atomically: true, encoding: .utf8)
        try "version: '3'\n".write(toFile: dir + "/c.yaml", atomically: true, encoding: .utf8)
        let (t, bytes) = try Template.read(dir + "/t.yaml")
        #expect(t.resources.count == 1 && bytes.count == 40)
        #expect(throws: CFNError.self) { try Template.read(dir + "/c.yaml") }
        do {
            _ = try Template.read(dir + "/c.yaml")
        } catch {
            #expect(error.kind == .notTemplate && error.file == dir + "/c.yaml")
        }
        do {
            _ = try Template.read(dir + "/none.yaml")
        } catch {
            #expect(error.kind == .io && error.message == "no such file")
        }
    }

    /// The templates of a split folder: a parent, two nested stacks, one nested in the other.
    func hierarchy(manifests: Bool, urls: Bool) throws -> StackHierarchy {
        let url = { (file: String) in urls ? "https://bucket.s3.amazonaws.com/prefix/\(file)" : file }
        let parent = try decode(
            """
            Resources:
              Fns:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: \(url("fns.yaml"))
              Api:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: \(url("api.yaml"))
                  Parameters:
                    Target: !GetAtt Fns.Outputs.HandlerArn
            """,
            path: "out/parent.yaml"
        )
        let fns = try decode(
            "Resources:\n  Handler: {Type: AWS::Lambda::Function}\nOutputs:\n  HandlerArn: {Value: !GetAtt Handler.Arn}\n",
            path: "out/fns.yaml"
        )
        let api = try decode(
            """
            Parameters:
              Target: {Type: String}
            Resources:
              Inner:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: ./inner.yaml
                  Parameters:
                    Fn: !Ref Target
            """,
            path: "out/api.yaml"
        )
        let inner = try decode("Parameters:\n  Fn: {Type: String}\nResources:\n  Use: {Type: AWS::SNS::Topic}\n", path: "out/./inner.yaml")
        let alone = try decode("Resources:\n  Q: {Type: AWS::SQS::Queue}\n", path: "other/alone.yaml")
        var list: [SplitManifest] = []
        if manifests {
            let m = try decode(
                #"{"parent": "parent.yaml", "stacks": {"Fns": {"file": "fns.yaml", "parent": null}, "Api": {"file": "api.yaml", "parent": null}, "Inner": {"file": "inner.yaml", "parent": "Api"}}}"#,
                path: "out/manifest.json"
            )
            list.append(try SplitManifest(m))
        }
        return StackHierarchy([parent, fns, api, inner, alone], manifests: list)
    }

    func decode(_ text: String, path: String) throws -> Template { try Template(text: text, path: path) }

    @Test("StackHierarchy links nested templates by TemplateURL (relative or URL) and by a split manifest")
    func links() throws {
        for (manifests, urls) in [(false, false), (false, true), (true, true)] {
            let h = try hierarchy(manifests: manifests, urls: urls)
            #expect(!h.isNested(0) && h.isNested(1) && h.isNested(2) && !h.isNested(4), "manifests \(manifests) urls \(urls)")
            #expect(h.parent(of: 1) == StackHierarchy.Parent(template: 0, stack: "Fns"))
            #expect(h.parent(of: 3) == StackHierarchy.Parent(template: 2, stack: "Inner"))
            #expect(h.child(of: 0, stack: "Api") == 2)
            #expect(h.family(of: 3) == [0, 1, 2, 3] && h.family(of: 4) == [4])
        }
        // A manifest alone: nested, with no parent template among them.
        let child = try decode("Resources:\n  Q: {Type: AWS::SQS::Queue}\n", path: "out/fns.yaml")
        let m = try SplitManifest(
            try decode(#"{"parent": "parent.yaml", "stacks": {"Fns": {"file": "fns.yaml"}}}"#, path: "out/manifest.json")
        )
        let h = StackHierarchy([child], manifests: [m])
        #expect(h.isNested(0) && h.parent(of: 0) == StackHierarchy.Parent(template: nil, stack: "Fns"))
        #expect(!StackHierarchy([child]).isNested(0))
    }

    @Test("StackHierarchy.resolve follows a value through parameters and outputs to the resource")
    func resolve() throws {
        let h = try hierarchy(manifests: false, urls: false)
        // In api.yaml's nested Inner stack, Fn is the Handler of fns.yaml: Ref Fn -> api's
        // Target -> the parent's GetAtt Fns.Outputs.HandlerArn -> fns.yaml's output -> Handler.
        let fn = Reference(kind: .ref, target: "Fn")
        #expect(h.resolve(fn, in: 3) == [StackHierarchy.Member(template: 1, logicalId: "Handler")])
        #expect(h.resolve(Reference(kind: .sub, target: "Target"), in: 2) == [StackHierarchy.Member(template: 1, logicalId: "Handler")])
        #expect(
            h.resolve(Reference(kind: .getAtt, target: "Use", attribute: "TopicArn"), in: 3) == [
                StackHierarchy.Member(template: 3, logicalId: "Use")
            ]
        )
        #expect(h.resolve(Reference(kind: .ref, target: "AWS::Region"), in: 3).isEmpty)
        #expect(h.resolve(Reference(kind: .ref, target: "Nothing"), in: 3).isEmpty)
        // A template of its own knows only itself.
        #expect(h.resolve(Reference(kind: .ref, target: "Q"), in: 4) == [StackHierarchy.Member(template: 4, logicalId: "Q")])
    }
}
