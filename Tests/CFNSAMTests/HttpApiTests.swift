import CFNModel
import Foundation
import Testing

@testable import CFNSAM

/// SAM's own translator fixtures of the API Gateway v2 area, and what the transform makes.
private enum V2Fixtures {
    /// `../shared/sam` beside the checkout, or `$CFN_SAM_FIXTURES`.
    static let dir: String = {
        if let d = ProcessInfo.processInfo.environment["CFN_SAM_FIXTURES"] { return d }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/../shared/sam"
    }()

    /// The regions SAM's test suite uses for each partition.
    static let regions = ["aws": "ap-southeast-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"]

    /// The fixtures of HTTP and WebSocket APIs (and the HttpApi event).
    static let names: [String] = {
        let prefixes = [
            "http_api", "implicit_http_api", "explicit_http_api", "websocket", "error_http_api", "error_websocket",
            "error_implicit_http_api", "error_httpapi", "error_invalid_httpapi", "error_function_invalid_event_http_api",
            "api_with_basic_custom_domain_http", "api_with_basic_custom_domain_intrinsics_http", "api_with_custom_domain_route53_http",
        ]
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/input")) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
            .filter { name in prefixes.contains { name.hasPrefix($0) } || (name.hasPrefix("function_with_") && name.contains("httpapi")) }
            .sorted()
    }()

    /// Fixtures of the area whose output also needs what other parts of the transform make.
    static let needOtherParts: [String: String] = [
        "http_api_with_custom_domains_regional_latency_routing_ipv6": "its function's events are REST API (Api) events",
        "websocket_api_simple_app": "it has an AWS::Serverless::SimpleTable",
    ]

    static func template(_ name: String) throws -> Template {
        try Template(contentsOf: dir + "/input/\(name).yaml")
    }

    static func expected(_ name: String, _ partition: String = "aws") throws -> Node {
        Node(.map(try Template(contentsOf: dir + "/output/\(partition)/\(name).json").root))
    }

    static func transform(_ template: Template, _ partition: String = "aws") throws(SAMErrors) -> SAMTransform.Output {
        try SAMTransform(.init(region: regions[partition]!, partition: partition)).apply(to: template)
    }

    static func transform(text: String) throws(SAMErrors) -> SAMTransform.Output {
        let template: Template
        do {
            template = try Template(text: text, path: "t.yaml")
        } catch {
            Issue.record("the test template does not decode: \(error)")
            throw SAMErrors([])
        }
        return try transform(template)
    }
}

/// A node with its lists sorted, as SAM's test suite compares templates (lists as multisets).
private func sortedLists(_ node: Node) -> Node {
    var out = node
    switch node.value {
    case .list(let items):
        out.value = .list(items.map(sortedLists).sorted { PythonJSON.dumps($0) < PythonJSON.dumps($1) })
    case .map(let map):
        out.value = .map(map.mapValues(sortedLists))
    case .function(var f):
        f.argument = sortedLists(f.argument)
        out.value = .function(f)
    default:
        break
    }
    return out
}

/// The canonical text of a node for comparisons: sorted keys and lists.
private func canonical(_ node: Node?) -> String { node.map { PythonJSON.dumps(sortedLists($0)) } ?? "nil" }

private func resources(_ output: SAMTransform.Output) -> Map { output.template.root["Resources"]?.mapValue ?? Map() }

private func resource(_ output: SAMTransform.Output, _ id: String) -> Node? { resources(output)[id] }

private func resourceIds(_ output: SAMTransform.Output) -> [String] { resources(output).keys.sorted() }

@Suite struct HttpApiTests {
    @Test(arguments: V2Fixtures.names.filter { !$0.hasPrefix("error_") && V2Fixtures.needOtherParts[$0] == nil })
    func successFixtureMatchesAwsSamTranslator(_ name: String) throws {
        for partition in ["aws", "aws-cn", "aws-us-gov"] {
            let output = try V2Fixtures.transform(V2Fixtures.template(name), partition)
            let expected = try V2Fixtures.expected(name, partition)
            let got = Node(.map(output.template.root))
            let want = expected
            #expect(canonical(got["Resources"]) == canonical(want["Resources"]), "\(name) (\(partition))")
            #expect(canonical(got["Outputs"]) == canonical(want["Outputs"]), "\(name) (\(partition))")
            #expect(canonical(got["Conditions"]) == canonical(want["Conditions"]), "\(name) (\(partition))")
        }
    }

    @Test(arguments: V2Fixtures.names.filter { $0.hasPrefix("error_") })
    func errorFixtureIsRejectedNamingTheSameResources(_ name: String) throws {
        let message = try V2Fixtures.expected(name)["errorMessage"]?.stringValue ?? ""
        var want = Set<String>()
        var rest = Substring(message)
        while let r = rest.firstRange(of: "Resource with id [") {
            let after = rest[r.upperBound...]
            guard let close = after.firstIndex(of: "]") else { break }
            want.insert(String(after[..<close]))
            rest = after[close...]
        }
        do {
            _ = try V2Fixtures.transform(V2Fixtures.template(name))
            Issue.record("\(name) transformed, but aws-sam-translator refuses it: \(message)")
        } catch let error as SAMErrors {
            let named = Set(error.errors.compactMap(\.logicalId))
            #expect(want.isSubset(of: named), "\(name): named \(named.sorted()), expected \(want.sorted())")
            #expect(error.errors.allSatisfy { $0.range.isKnown }, "\(name): every error has a position")
        }
    }

    @Test func fixturesOfTheAreaAreFound() {
        #expect(V2Fixtures.names.count >= 60, "\(V2Fixtures.dir) holds \(V2Fixtures.names.count) fixtures of the area")
    }

    /// A function with a `$default` route and a route with a path parameter: one permission
    /// covers both (the `$default` integration invokes the function), and each generated resource
    /// names the event or property it came from.
    @Test func implicitApiGetsEachRouteAndOnePermission() throws {
        let output = try V2Fixtures.transform(
            text: """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Users:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: s3://bucket/users.zip
                      Handler: index.handler
                      Runtime: python3.12
                      Events:
                        GetUser:
                          Type: HttpApi
                          Properties:
                            Path: /users/{id}
                            Method: GET
                        Everything:
                          Type: HttpApi
                """
        )
        #expect(
            resourceIds(output) == [
                "ServerlessHttpApi", "ServerlessHttpApiApiGatewayDefaultStage", "Users", "UsersEverythingPermission", "UsersRole",
            ]
        )
        let paths = resource(output, "ServerlessHttpApi")?["Properties"]?["Body"]?["paths"]
        #expect(paths?["$default"]?["x-amazon-apigateway-any-method"]?["isDefaultRoute"]?.isSemanticallyEqual(to: true) == true)
        let get = paths?["/users/{id}"]?["get"]
        #expect(canonical(get?["parameters"]) == #"[{"in":"path","name":"id","required":true}]"#)
        #expect(
            get?["x-amazon-apigateway-integration"]?["uri"]?.functionValue?.argument.stringValue
                == "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Users.Arn}/invocations"
        )
        let permission = output.origins["UsersEverythingPermission"]
        #expect(permission?.logicalId == "Users")
        #expect(permission?.event == "Everything")
        #expect(permission?.range.start.line == 15)
        #expect(output.origins["ServerlessHttpApiApiGatewayDefaultStage"]?.logicalId == "ServerlessHttpApi")
    }

    /// Lambda, JWT and IAM authorizers become security schemes; the default authorizer guards
    /// the routes without an authorizer of their own, and a Lambda authorizer that asks for it
    /// gets a permission.
    @Test func authorizersBecomeSecuritySchemes() throws {
        let output = try V2Fixtures.transform(
            text: """
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Auth:
                        EnableIamAuthorizer: true
                        DefaultAuthorizer: Token
                        Authorizers:
                          Token:
                            FunctionArn: !GetAtt Authorizer.Arn
                            AuthorizerPayloadFormatVersion: "2.0"
                            EnableFunctionDefaultPermissions: true
                            Identity:
                              Headers: [Authorization]
                              ReauthorizeEvery: 300
                          Jwt:
                            IdentitySource: $request.header.Authorization
                            JwtConfiguration:
                              Issuer: https://issuer.example.com
                              Audience: [app]
                  Authorizer:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: s3://b/a.zip, Handler: a.handler, Runtime: python3.12}
                  Handler:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: s3://b/h.zip
                      Handler: h.handler
                      Runtime: python3.12
                      Events:
                        Open:
                          Type: HttpApi
                          Properties: {ApiId: !Ref Api, Path: /open, Method: get, Auth: {Authorizer: AWS_IAM}}
                        Guarded:
                          Type: HttpApi
                          Properties: {ApiId: !Ref Api, Path: /guarded, Method: get}
                        Scoped:
                          Type: HttpApi
                          Properties: {ApiId: !Ref Api, Path: /scoped, Method: get, Auth: {Authorizer: Jwt, AuthorizationScopes: [read]}}
                """
        )
        let body = resource(output, "Api")?["Properties"]?["Body"]
        let schemes = body?["components"]?["securitySchemes"]
        #expect(schemes?.mapValue?.keys == ["AWS_IAM", "Token", "Jwt"])
        #expect(schemes?["Jwt"]?["x-amazon-apigateway-authorizer"]?["jwtConfiguration"]?.mapValue?.keys == ["issuer", "audience"])
        let token = schemes?["Token"]?["x-amazon-apigateway-authorizer"]
        #expect(canonical(token?["identitySource"]) == #"["$request.header.Authorization"]"#)
        #expect(token?["authorizerResultTtlInSeconds"]?.scalarText == "300")
        let paths = body?["paths"]
        #expect(canonical(paths?["/open"]?["get"]?["security"]) == #"[{"AWS_IAM":[]}]"#)
        #expect(canonical(paths?["/guarded"]?["get"]?["security"]) == #"[{"Token":[]}]"#)
        #expect(canonical(paths?["/scoped"]?["get"]?["security"]) == #"[{"Jwt":["read"]}]"#)
        let permission = resource(output, "ApiTokenAuthorizerPermission")
        #expect(permission?["Properties"]?["FunctionName"].map(PythonJSON.dumps) == #"{"Fn::GetAtt":["Authorizer","Arn"]}"#)
        #expect(output.origins["ApiTokenAuthorizerPermission"]?.property == "Auth")
    }

    /// `MyApi.Stage` and `MyApi.DomainName` refer to the stage and domain name SAM makes; the
    /// domain's Route 53 records join one group per hosted zone.
    @Test func stageAndDomainNameAreReferable() throws {
        let output = try V2Fixtures.transform(
            text: """
                Resources:
                  One:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      StageName: prod
                      Domain:
                        DomainName: one.example.com
                        CertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/one
                        BasePath: [/v1, /v2/]
                        Route53: {HostedZoneId: Z123}
                  Two:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Domain:
                        DomainName: two.example.com
                        CertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/two
                        Route53: {HostedZoneId: Z123}
                Outputs:
                  Stage:
                    Value: !Ref One.Stage
                  Domain:
                    Value: !GetAtt One.DomainName.RegionalDomainName
                """
        )
        let outputs = output.template.root["Outputs"]
        #expect(canonical(outputs?["Stage"]?["Value"]) == #"{"Ref":"OneprodStage"}"#)
        let domainId = LogicalId.make("ApiGatewayDomainNameV2", "one.example.com")
        #expect(canonical(outputs?["Domain"]?["Value"]) == #"{"Fn::GetAtt":["\#(domainId)","RegionalDomainName"]}"#)
        #expect(resource(output, "Onev2ApiMapping")?["Properties"]?["ApiMappingKey"]?.stringValue == "v2")
        let groups = resources(output).filter { $0.value["Type"]?.stringValue == "AWS::Route53::RecordSetGroup" }
        #expect(groups.count == 1)
        #expect(groups.first?.value["Properties"]?["RecordSets"]?.listValue?.count == 2)
    }

    /// The routes of a function with a `Condition` exist only under it, and so does the implicit
    /// API when every route is conditional.
    @Test func conditionalFunctionsMakeConditionalRoutes() throws {
        let output = try V2Fixtures.transform(
            text: """
                Conditions:
                  Blue: !Equals [!Ref AWS::Region, eu-west-1]
                  Green: !Equals [!Ref AWS::Region, eu-west-2]
                Resources:
                  BlueFn:
                    Type: AWS::Serverless::Function
                    Condition: Blue
                    Properties:
                      CodeUri: s3://b/k.zip
                      Handler: index.handler
                      Runtime: python3.12
                      Events:
                        Get: {Type: HttpApi, Properties: {Path: /items, Method: get}}
                  GreenFn:
                    Type: AWS::Serverless::Function
                    Condition: Green
                    Properties:
                      CodeUri: s3://b/k.zip
                      Handler: index.handler
                      Runtime: python3.12
                      Events:
                        Post: {Type: HttpApi, Properties: {Path: /items, Method: post}}
                """
        )
        let api = resource(output, "ServerlessHttpApi")
        #expect(api?["Condition"]?.stringValue == "ServerlessHttpApiCondition")
        let path = api?["Properties"]?["Body"]?["paths"]?["/items"]
        #expect(path?.ifBranches?.condition.stringValue == "ServerlessHttpApiSLASHitemsPathCondition")
        let conditions = output.template.root["Conditions"]
        #expect(canonical(conditions?["ServerlessHttpApiCondition"]) == #"{"Fn::Or":[{"Condition":"Blue"},{"Condition":"Green"}]}"#)
        #expect(resource(output, "BlueFnGetPermission")?["Condition"]?.stringValue == "Blue")
    }

    /// A local `DefinitionUri` stays a path, for `aws cloudformation package` to upload.
    @Test func localDefinitionUriStaysAPath() throws {
        let output = try V2Fixtures.transform(
            text: """
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      DefinitionUri: ./openapi.yaml
                """
        )
        #expect(resource(output, "Api")?["Properties"]?["BodyS3Location"]?.stringValue == "./openapi.yaml")
        #expect(resource(output, "ApiApiGatewayDefaultStage") != nil)
    }

    /// Every route gets a route, an integration and a permission; the stage waits for the routes
    /// when route settings name them; the `$connect` route takes the authorizer.
    @Test func webSocketRoutes() throws {
        let output = try V2Fixtures.transform(
            text: """
                Resources:
                  Chat:
                    Type: AWS::Serverless::WebSocketApi
                    Properties:
                      RouteSelectionExpression: $request.body.action
                      StageName: live
                      RouteSettings:
                        sendMessage: {ThrottlingBurstLimit: 10}
                      Auth:
                        AuthType: CUSTOM
                        AuthArn: arn:aws:lambda:eu-west-1:123456789012:function:auth
                        IdentitySource: [route.request.header.Auth]
                      Routes:
                        $connect:
                          FunctionArn: arn:aws:lambda:eu-west-1:123456789012:function:connect
                        sendMessage:
                          FunctionArn: arn:aws:lambda:eu-west-1:123456789012:function:send
                """
        )
        #expect(
            resourceIds(output) == [
                "Chat", "ChatAuthorizerPermission", "ChatConnectAuthorizer", "ChatConnectIntegration", "ChatConnectPermission",
                "ChatConnectRoute", "ChatSendmessageIntegration", "ChatSendmessagePermission", "ChatSendmessageRoute", "ChatliveStage",
            ]
        )
        #expect(canonical(resource(output, "ChatliveStage")?["DependsOn"]) == #"["ChatConnectRoute","ChatSendmessageRoute"]"#)
        let connect = resource(output, "ChatConnectRoute")?["Properties"]
        #expect(connect?["AuthorizationType"]?.stringValue == "CUSTOM")
        #expect(resource(output, "ChatSendmessageRoute")?["Properties"]?["AuthorizationType"] == nil)
        #expect(
            resource(output, "ChatSendmessagePermission")?["Properties"]?["SourceArn"]?.functionValue?.argument.stringValue
                == "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Chat.ApiId}/live/sendMessage"
        )
        #expect(output.origins["ChatSendmessageRoute"]?.property == "Routes")
        #expect(output.origins["ChatSendmessageRoute"]?.range.start.line == 16)
    }

    /// A second event for a route SAM already manages is refused, at the event.
    @Test func duplicateRouteIsAnErrorAtTheEvent() throws {
        do {
            _ = try V2Fixtures.transform(
                text: """
                    Resources:
                      Fn:
                        Type: AWS::Serverless::Function
                        Properties:
                          CodeUri: s3://b/k.zip
                          Handler: index.handler
                          Runtime: python3.12
                          Events:
                            One: {Type: HttpApi, Properties: {Path: /a, Method: get}}
                            Two: {Type: HttpApi, Properties: {Path: /a, Method: GET}}
                    """
            )
            Issue.record("a route defined twice was accepted")
        } catch {
            #expect(error.errors.count == 1)
            #expect(
                error.errors.first?.description
                    == "[Fn] Event with id [Two] is invalid. API method 'get' defined multiple times for path '/a'."
            )
            #expect(error.errors.first?.range.start.line == 10)
        }
    }

    /// An event of a function with an alias (`AutoPublishAlias`) invokes the alias: the
    /// integration URI names it, the permission is the alias's, and a `$default` route of the
    /// alias does not stand for the function's permission.
    @Test func eventOfAnAliasInvokesTheAlias() throws {
        let template = try Template(
            text: """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: s3://b/k.zip
                      Handler: index.handler
                      Runtime: python3.12
                      Events:
                        Any: {Type: HttpApi}
                        Get: {Type: HttpApi, Properties: {Path: /a, Method: get}}
                """,
            path: "t.yaml"
        )
        var context = TransformContext(
            options: .init(),
            partition: "aws",
            region: "eu-west-1",
            intrinsics: Intrinsics(parameters: [:]),
            template: template.root,
            path: "t.yaml"
        )
        try ImplicitHttpApi.prepare(&context)
        let function = SAMResource(logicalId: "Fn", entry: context.resources[entry: "Fn"]!)
        let alias = CFNResource("FnAliaslive", "AWS::Lambda::Alias", origin: function.origin(property: "AutoPublishAlias"))
        var target = FunctionTarget(function: alias, role: nil, resource: function)
        var made: [CFNResource] = []
        for (event, source) in FunctionEvents.sorted(try FunctionEvents.events(of: function)) {
            made += try source.translate(event, &target, &context)
        }
        #expect(made.map(\.logicalId) == ["FnAnyPermission", "FnGetPermission"])
        #expect(made.allSatisfy { PythonJSON.dumps($0["FunctionName"]!) == #"{"Ref":"FnAliaslive"}"# })
        let body = context.resource("ServerlessHttpApi")?["Properties"]?["DefinitionBody"]
        let uri = body?["paths"]?["/a"]?["get"]?["x-amazon-apigateway-integration"]?["uri"]
        #expect(
            uri?.functionValue?.argument.stringValue
                == "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${FnAliaslive}/invocations"
        )
    }

    /// The permission of a path ends as API Gateway matches it: parameters as `*`, no trailing
    /// slash.
    @Test func permissionSourceArnMatchesTheRoute() {
        #expect(HttpApiEvent.wildcardParameters("/users/{id}/posts/{proxy+}") == "/users/*/posts/*")
        #expect(HttpApiEvent.wildcardParameters("/a/{b/c}/{d}") == "/a/{b/c}/*")
        #expect(OpenApiEditor.pathParameters("/{domain/}{id}") == ["domain/", "id"])
        #expect(OpenApiEditor.firstArnReference("arn:${AWS::Partition}:lambda:${Fn.Arn}/x/${Other.Arn}") == "Fn")
        #expect(OpenApiEditor.firstArnReference("${a.b.Arn}") == "b")
        #expect(OpenApiEditor.firstArnReference("${FnAliaslive}") == nil)
    }

    @Test func combinedConditionsTakeTenAtATime() {
        let names = (1...12).map { "C\($0)" }
        let made = ImplicitHttpApi.combinedConditions(names, name: "X")
        #expect(made.map(\.0) == ["X1", "X"])
        #expect(made[0].1.functionValue?.argument.listValue?.count == 10)
        #expect(canonical(made[1].1) == #"{"Fn::Or":[{"Condition":"C11"},{"Condition":"C12"},{"Condition":"X1"}]}"#)
    }
}
