import CFNModel
import Foundation
import Testing

@testable import CFNSAM

/// The REST API part of the transform (`AWS::Serverless::Api`, the implicit `ServerlessRestApi`,
/// functions' `Api` events), checked against aws-sam-translator 1.110.0's expected outputs for
/// SAM's own fixtures and on small templates.
@Suite("SAM REST APIs")
struct RestApiTests {
    /// `../shared/sam` beside the checkout.
    static let sam: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/../shared/sam"
    }()
    static let regions = ["aws": "ap-southeast-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"]

    /// The fixtures of this area: those named after REST APIs.
    static let areaPrefixes = [
        "api_", "implicit_api", "explicit_api", "mixed_api", "no_implicit_api", "global_handle_path_level_parameter",
        "separate_route53", "error_api_", "function_with_request_parameters",
    ]

    static func transform(_ template: Template, partition: String = "aws") throws(SAMErrors) -> SAMTransform.Output {
        try SAMTransform(.init(region: regions[partition]!, partition: partition)).apply(to: template)
    }

    static func transform(yaml: String) throws -> SAMTransform.Output {
        try transform(try Template(text: yaml, path: "t.yaml"))
    }

    /// Whether this build knows every SAM resource type and event type a template uses (the
    /// other areas of the transform are written apart; their fixtures wait for them).
    static func isCovered(_ template: Template) -> Bool {
        for resource in template.resources {
            guard let type = resource.type, type.hasPrefix("AWS::Serverless::") else { continue }
            if Translators.translator(for: type) == nil { return false }
            for event in resource.node["Properties"]?["Events"]?.mapValue ?? Map() {
                guard let eventType = event.value["Type"]?.stringValue else { continue }
                if type == "AWS::Serverless::Function" && FunctionEvents.source(for: eventType) == nil { return false }
            }
        }
        return true
    }

    /// A template's resources as SAM's test suite compares them: lists as multisets, keys in
    /// order, each deployment named after its API alone (its hash is the transform's own).
    static func canonical(_ root: Node) -> String {
        var deployments: [String: String] = [:]
        for entry in root["Resources"]?.mapValue ?? Map() where entry.value["Type"]?.stringValue == "AWS::ApiGateway::Deployment" {
            let api = entry.value["Properties"]?["RestApiId"]?.functionValue?.refTarget ?? "?"
            deployments[entry.key] = "<deployment of \(api)>"
        }
        func text(_ node: Node) -> String {
            switch node.value {
            case .map(let map):
                let entries = map.entries.filter {
                    !($0.key == "Description" && ($0.value.stringValue?.hasPrefix("RestApi deployment id: ") ?? false))
                }
                return "{"
                    + entries.sorted { $0.key < $1.key }.map { "\(deployments[$0.key] ?? $0.key):\(text($0.value))" }
                    .joined(separator: ",") + "}"
            case .list(let items): return "[" + items.map(text).sorted().joined(separator: ",") + "]"
            case .function(let f):
                if f.name == .ref, let target = f.argument.stringValue, let d = deployments[target] { return "{Ref:\(d)}" }
                return "{\(f.name.rawValue):\(text(f.argument))}"
            case .string(let s): return deployments[s] ?? PythonJSON.dumps(Node(.string(s)))
            default: return PythonJSON.dumps(node)
            }
        }
        return text(root)
    }

    static func areaFixtures() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: sam + "/input").filter { name in
            name.hasSuffix(".yaml") && areaPrefixes.contains { name.hasPrefix($0) }
        }.map { String($0.dropLast(5)) }.sorted()
    }

    @Test("the area's success fixtures come out as aws-sam-translator's, in every partition")
    func fixtures() throws {
        var compared = 0
        for name in try RestApiTests.areaFixtures() {
            let input = try Template(contentsOf: RestApiTests.sam + "/input/\(name).yaml")
            guard RestApiTests.isCovered(input) else { continue }
            for partition in ["aws", "aws-cn", "aws-us-gov"] {
                let path = RestApiTests.sam + "/output/\(partition)/\(name).json"
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let expected = try Template(contentsOf: path)
                if expected.root["errorMessage"] != nil { continue }
                let output = try RestApiTests.transform(input, partition: partition)
                let got = RestApiTests.canonical(Node(.map(output.template.root)))
                let want = RestApiTests.canonical(Node(.map(expected.root)))
                #expect(got == want, "\(name) (\(partition)) differs from aws-sam-translator's output")
                compared += 1
            }
        }
        #expect(compared > 250)
    }

    @Test("the area's error fixtures are refused, naming the resources aws-sam-translator names")
    func errorFixtures() throws {
        var compared = 0
        for name in try RestApiTests.areaFixtures() {
            let input = try Template(contentsOf: RestApiTests.sam + "/input/\(name).yaml")
            let expected = try Template(contentsOf: RestApiTests.sam + "/output/aws/\(name).json")
            guard let message = expected.root["errorMessage"]?.stringValue, RestApiTests.isCovered(input) else { continue }
            var want = Set<String>()
            var rest = Substring(message)
            while let r = rest.firstRange(of: "Resource with id [") {
                let tail = rest[r.upperBound...]
                guard let end = tail.firstIndex(of: "]") else { break }
                want.insert(String(tail[..<end]))
                rest = tail[end...]
            }
            do {
                _ = try RestApiTests.transform(input)
                Issue.record("\(name) was transformed; aws-sam-translator refuses it: \(message)")
            } catch {
                let named = Set(error.errors.flatMap { [$0.logicalId, $0.event].compactMap { $0 } })
                #expect(want.isSubset(of: named), "\(name): named \(named.sorted()), expected \(want.sorted())")
                #expect(error.errors.allSatisfy { $0.range.isKnown }, "\(name): an error without a source position")
            }
            compared += 1
        }
        #expect(compared > 30)
    }
}

/// The REST API translators on small templates: what a user looks for in the output.
@Suite("SAM REST APIs on small templates")
struct RestApiBehaviourTests {
    static let function = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          GetUser:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: s3://bucket/code.zip
              Handler: index.handler
              Runtime: python3.12
              Events:
                Get:
                  Type: Api
                  Properties:
                    Path: /users/{id}
                    Method: get

        """

    static func resource(_ output: SAMTransform.Output, _ id: String) -> Node? { output.template.root["Resources"]?[id] }

    @Test("a function's Api event makes the implicit API with its path, a deployment, the Prod stage and the permission")
    func implicitApi() throws {
        let output = try RestApiTests.transform(yaml: RestApiBehaviourTests.function)
        let api = try #require(RestApiBehaviourTests.resource(output, "ServerlessRestApi"))
        #expect(api["Type"]?.stringValue == "AWS::ApiGateway::RestApi")
        let integration = try #require(api["Properties"]?["Body"]?["paths"]?["/users/{id}"]?["get"]?["x-amazon-apigateway-integration"])
        #expect(integration["type"]?.stringValue == "aws_proxy")
        #expect(
            integration["uri"]?.functionValue?.argument.stringValue
                == "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${GetUser.Arn}/invocations"
        )
        let resources = output.template.root["Resources"]?.mapValue ?? Map()
        let deployments = resources.keys.filter { resources[$0]?["Type"]?.stringValue == "AWS::ApiGateway::Deployment" }
        #expect(deployments.count == 1)
        let deployment = try #require(deployments.first)
        #expect(deployment.hasPrefix("ServerlessRestApiDeployment") && deployment.count == "ServerlessRestApiDeployment".count + 10)
        let stage = try #require(RestApiBehaviourTests.resource(output, "ServerlessRestApiProdStage"))
        #expect(stage["Properties"]?["StageName"]?.stringValue == "Prod")
        #expect(stage["Properties"]?["DeploymentId"]?.functionValue?.refTarget == deployment)
        let permission = try #require(RestApiBehaviourTests.resource(output, "GetUserGetPermissionProd"))
        let sourceArn = permission["Properties"]?["SourceArn"]?.functionValue?.argument.listValue?.first?.stringValue
        #expect(sourceArn == "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/GET/users/*")
        // Every generated resource says which SAM resource and event made it.
        #expect(output.origins["GetUserGetPermissionProd"]?.event == "Get")
        #expect(output.origins["GetUserGetPermissionProd"]?.logicalId == "GetUser")
        #expect(output.origins["ServerlessRestApi"]?.range.isKnown == true)
        // The path's generated nodes point at the event that made them.
        let path = try #require(api["Properties"]?["Body"]?["paths"]?["/users/{id}"])
        #expect(path.range.start.line == 10)
        #expect(integration.range.start.line == 10)
    }

    @Test("the deployment's logical id follows the API's definition: same input, same id; a new path, a new id")
    func deploymentFollowsBody() throws {
        func deployment(_ yaml: String) throws -> String? {
            let resources = try RestApiTests.transform(yaml: yaml).template.root["Resources"]?.mapValue ?? Map()
            return resources.keys.first { resources[$0]?["Type"]?.stringValue == "AWS::ApiGateway::Deployment" }
        }
        let first = try deployment(RestApiBehaviourTests.function)
        #expect(first != nil)
        #expect(try deployment(RestApiBehaviourTests.function) == first)
        let changed = RestApiBehaviourTests.function.replacingOccurrences(of: "/users/{id}", with: "/people/{id}")
        #expect(try deployment(changed) != first)
    }

    @Test("an explicit API's Cors, Auth and !Ref MyApi.Stage come out as API Gateway takes them")
    func explicitApi() throws {
        let yaml = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: s3://bucket/code.zip
                  Handler: index.handler
                  Runtime: python3.12
                  Events:
                    List: {Type: Api, Properties: {Path: /items, Method: get, RestApiId: !Ref MyApi}}
                    Add: {Type: Api, Properties: {Path: /items, Method: post, RestApiId: !Ref MyApi, Auth: {Authorizer: NONE}}}
              MyApi:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: v1
                  Cors: "'https://example.com'"
                  Auth:
                    DefaultAuthorizer: Users
                    Authorizers:
                      Users: {UserPoolArn: arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_x}
            Outputs:
              Stage:
                Value: !Ref MyApi.Stage

            """
        let output = try RestApiTests.transform(yaml: yaml)
        let paths = try #require(RestApiBehaviourTests.resource(output, "MyApi")?["Properties"]?["Body"]?["paths"]?["/items"])
        let preflight = paths["options"]?[SwaggerEditor.integrationKey]?["responses"]?["default"]?["responseParameters"]
        #expect(preflight?["method.response.header.Access-Control-Allow-Methods"]?.stringValue == "'GET,OPTIONS,POST'")
        #expect(preflight?["method.response.header.Access-Control-Allow-Origin"]?.stringValue == "'https://example.com'")
        #expect(paths["get"]?["security"]?.listValue?.first?["Users"] != nil)
        // NONE opts the method out of the default authorizer.
        #expect(paths["post"]?["security"]?.listValue?.first?["Users"] == nil)
        let definitions = RestApiBehaviourTests.resource(output, "MyApi")?["Properties"]?["Body"]?["securityDefinitions"]
        #expect(definitions?["Users"]?["x-amazon-apigateway-authtype"]?.stringValue == "cognito_user_pools")
        #expect(output.template.root["Outputs"]?["Stage"]?["Value"]?.functionValue?.refTarget == "MyApiv1Stage")
    }

    @Test("APIs with a SHARED usage plan share one plan, key and plan key; APIs on one hosted zone share a record set group")
    func sharedResources() throws {
        var yaml = "Transform: AWS::Serverless-2016-10-31\nResources:\n"
        for name in ["One", "Two"] {
            yaml += """
                  \(name):
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: prod
                      Auth: {ApiKeyRequired: true, UsagePlan: {CreateUsagePlan: SHARED}}
                      Domain:
                        DomainName: \(name.lowercased()).example.com
                        CertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/x
                        Route53: {HostedZoneId: Z123}

                """
        }
        let output = try RestApiTests.transform(yaml: yaml)
        let resources = output.template.root["Resources"]?.mapValue ?? Map()
        let plans = resources.filter { $0.value["Type"]?.stringValue == "AWS::ApiGateway::UsagePlan" }
        #expect(plans.map(\.key) == ["ServerlessUsagePlan"])
        #expect(plans.first?.value["Properties"]?["ApiStages"]?.listValue?.count == 2)
        #expect(plans.first?.value["DependsOn"]?.listValue?.compactMap(\.stringValue) == ["One", "Two"])
        #expect(resources["ServerlessApiKey"]?["Properties"]?["StageKeys"]?.listValue?.count == 2)
        let groups = resources.filter { $0.value["Type"]?.stringValue == "AWS::Route53::RecordSetGroup" }
        #expect(groups.count == 1)
        let names = groups.first?.value["Properties"]?["RecordSets"]?.listValue?.compactMap { $0["Name"]?.stringValue }
        #expect(names == ["one.example.com", "two.example.com"])
    }

    @Test("a local DefinitionUri stays a path for `aws cloudformation package`")
    func localDefinitionUri() throws {
        let yaml = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              MyApi:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod
                  DefinitionUri: ./openapi.yaml

            """
        let output = try RestApiTests.transform(yaml: yaml)
        #expect(RestApiBehaviourTests.resource(output, "MyApi")?["Properties"]?["BodyS3Location"]?.stringValue == "./openapi.yaml")
    }

    @Test("errors name the resource and event, at the line of what is wrong, all of them")
    func errors() throws {
        let yaml = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: s3://bucket/code.zip
                  Handler: index.handler
                  Runtime: python3.12
                  Events:
                    One: {Type: Api, Properties: {Path: /a, Method: get}}
                    Two: {Type: Api, Properties: {Path: /a, Method: GET}}
              Broken:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod
                  Cors: {AllowOrigin: "'*'", AllowCredentials: true}

            """
        let template = try Template(text: yaml, path: "t.yaml")
        do {
            _ = try RestApiTests.transform(template)
            Issue.record("the template was transformed")
        } catch {
            #expect(error.errors.count == 2)
            let duplicate = try #require(error.errors.first { $0.logicalId == "Fn" })
            #expect(duplicate.event == "Two")
            #expect(duplicate.message == "API method \"get\" defined multiple times for path \"/a\".")
            #expect(duplicate.range.start.line == 11)
            let cors = try #require(error.errors.first { $0.logicalId == "Broken" })
            #expect(cors.message.contains("'AllowCredentials' can not be true"))
            #expect(cors.range.start.line == 16)
        }
    }

    @Test("a state machine's Api event adds its StartExecution integration to the API SAM writes")
    func stateMachineIntegration() throws {
        let yaml = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Flow:
                Type: AWS::Serverless::StateMachine
                Properties:
                  Events:
                    Start: {Type: Api, Properties: {Path: /start, Method: post, RestApiId: !Ref MyApi}}
              MyApi:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod

            """
        let template = try Template(text: yaml, path: "t.yaml")
        var context = TransformContext(
            options: .init(),
            partition: "aws",
            region: "us-east-1",
            intrinsics: Intrinsics(parameters: [:]),
            template: template.root,
            path: "t.yaml"
        )
        try DefaultDefinitionBody.prepare(&context)
        let flow = SAMResource(logicalId: "Flow", entry: try #require(context.resources[entry: "Flow"]))
        let node = try #require(flow["Events"]?["Start"])
        let event = SAMEvent(
            name: "Start",
            logicalId: "FlowStart",
            type: "Api",
            properties: node["Properties"]?.mapValue ?? Map(),
            node: node,
            range: .unknown,
            owner: flow
        )
        try StateMachineApiIntegration.add(event, roleArn: .getAtt("FlowStartRole", "Arn"), &context)
        let method = try #require(context.resources["MyApi"]?["Properties"]?["DefinitionBody"]?["paths"]?["/start"]?["post"])
        let integration = method[SwaggerEditor.integrationKey]
        #expect(integration?["type"]?.stringValue == "aws")
        #expect(integration?["credentials"]?.functionValue?.name == .getAtt)
        let template_ = integration?["requestTemplates"]?["application/json"]?.functionValue?.argument.stringValue
        #expect(template_ == "{\"input\": \"$util.escapeJavaScript($input.json('$'))\", \"stateMachineArn\": \"${Flow}\"}")
        #expect(method["responses"]?["400"]?["description"]?.stringValue == "Bad Request")
    }
}
