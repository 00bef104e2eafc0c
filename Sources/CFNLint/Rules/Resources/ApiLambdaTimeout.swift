import CFNModel

/// W3092: a Lambda function behind an API Gateway integration that may run longer than the
/// integration waits.
struct ApiLambdaTimeout: Rule {
    static let info = RuleInfo(
        id: "W3092",
        title: "Lambda timeout longer than API Gateway's 29 seconds",
        description: """
            API Gateway gives up on an integration after 29 seconds (REST and HTTP APIs, by \
            default): a function behind it with a longer `Timeout` keeps running, and billing, \
            after the client got a 504. Set the function's `Timeout` to 29 or less, or make the \
            work asynchronous. Found for `AWS::ApiGateway::Method` and `AWS::ApiGatewayV2::Integration` \
            integrations that name the function (through `Fn::GetAtt`, `Ref` or `Fn::Sub`), also from \
            another nested stack of the same hierarchy linted in the same run (the ARN passed \
            through the parent's nested-stack `Parameters` and `Outputs`, as `cfntool split` \
            writes them), and for SAM functions with an `Api` or `HttpApi` event (the `Globals` \
            timeout counts).
            """,
        passing: [
            """
            Resources:
              Handler:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/lambda
                  Code: {ZipFile: "def handler(e, c): return {}"}
                  Timeout: 29
              Method:
                Type: AWS::ApiGateway::Method
                Properties:
                  RestApiId: abc123
                  ResourceId: def456
                  HttpMethod: GET
                  AuthorizationType: NONE
                  Integration:
                    Type: AWS_PROXY
                    IntegrationHttpMethod: POST
                    Uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Handler.Arn}/invocations
            """
        ],
        failing: [
            """
            Resources:
              Handler:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/lambda
                  Code: {ZipFile: "def handler(e, c): return {}"}
                  Timeout: 60 # <-
              Integration:
                Type: AWS::ApiGatewayV2::Integration
                Properties:
                  ApiId: abc123
                  IntegrationType: AWS_PROXY
                  IntegrationUri: !GetAtt Handler.Arn
                  PayloadFormatVersion: "2.0"
            """,
            """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Timeout: 120 # <-
            Resources:
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: index.handler
                  Runtime: python3.12
                  CodeUri: s3://bucket/code.zip
                  Events:
                    Get:
                      Type: Api
                      Properties:
                        Path: /
                        Method: get
            """,
        ]
    )

    static let limit = 29.0

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        // The functions that may run too long come first: most templates have none, and then
        // no integration (here or in another stack) needs following.
        let globalTimeout = template.root["Globals"]?["Function"]?[entry: "Timeout"]
        var tooLong: [String: Map.Entry] = [:]
        for r in template.resources where r.type == "AWS::Lambda::Function" || r.type == "AWS::Serverless::Function" {
            let own = r.node["Properties"]?[entry: "Timeout"]
            guard let timeout = own ?? (r.type == "AWS::Serverless::Function" ? globalTimeout : nil),
                let seconds = timeout.value.scalarText.flatMap(Double.init), seconds > Self.limit
            else { continue }
            tooLong[r.logicalId] = timeout
        }
        if tooLong.isEmpty { return }
        var behindApi: [String] = []
        // The integrations of this template and of the others of its stack hierarchy: after a
        // split, the method and the function it calls may be in different nested stacks, the
        // function's ARN passed through the parent as a parameter and an output.
        let members = context.hierarchy?.family(of: context.member) ?? [context.member]
        for m in members {
            let t = context.hierarchy?.templates[m] ?? template
            for r in t.resources {
                var uri: Node? = nil
                switch r.type {
                case "AWS::ApiGateway::Method":
                    uri = r.node["Properties"]?["Integration"]?["Uri"]
                case "AWS::ApiGatewayV2::Integration":
                    uri = r.node["Properties"]?["IntegrationUri"]
                case "AWS::Serverless::Function" where m == context.member:
                    let events = r.node["Properties"]?["Events"]?.mapValue?.entries ?? []
                    if events.contains(where: { ["Api", "HttpApi"].contains($0.value["Type"]?.stringValue ?? "") }) {
                        behindApi.append(r.logicalId)
                    }
                default:
                    break
                }
                for ref in uri?.references ?? [] {
                    guard let hierarchy = context.hierarchy, m != context.member || tooLong[ref.target] == nil else {
                        behindApi.append(ref.target)
                        continue
                    }
                    behindApi += hierarchy.resolve(ref, in: m).filter { $0.template == context.member }.map(\.logicalId)
                }
            }
        }
        var reported: Set<String> = []
        for name in behindApi where reported.insert(name).inserted {
            guard let timeout = tooLong[name] else { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "\(name) may run \(timeout.value.scalarText ?? "") s, but API Gateway stops waiting after 29 s: lower Timeout or make the call asynchronous",
                    at: timeout.keyRange
                )
            )
        }
    }
}
