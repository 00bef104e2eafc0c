import CFNModel

/// W3660: a REST API defined by an OpenAPI body that other resources of the template also
/// change.
struct RestApiMixedDefinition: Rule {
    static let info = RuleInfo(
        id: "W3660",
        title: "REST API body and resources that change the same API",
        description: """
            An `AWS::ApiGateway::RestApi` with `Body` or `BodyS3Location` is written whole from \
            that definition on every update (PutRestApi in overwrite mode). A resource, method, \
            model, gateway response, request validator or authorizer of the same template that \
            refers to the API (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `DependsOn`) changes it from the \
            side: an update can drop it, or leave it orphaned. Each such resource is reported \
            once, at the `Body` or `BodyS3Location` key. A stage or deployment is no part of the \
            definition and is not reported.
            """,
        passing: [
            """
            Resources:
              Api:
                Type: AWS::ApiGateway::RestApi
                Properties:
                  BodyS3Location:
                    Bucket: specs
                    Key: orders.yaml
              Release:
                Type: AWS::ApiGateway::Deployment
                Properties:
                  RestApiId: !Ref Api
            """
        ],
        failing: [
            """
            Resources:
              Api:
                Type: AWS::ApiGateway::RestApi
                Properties:
                  Body: # <-
                    openapi: 3.0.1
                    info: {title: orders, version: "1"}
                    paths: {}
              Orders:
                Type: AWS::ApiGateway::Resource
                Properties:
                  RestApiId: !Ref Api
                  ParentId: !GetAtt Api.RootResourceId
                  PathPart: orders
            """
        ]
    )

    /// The types whose resources are parts of a REST API's definition.
    static let parts: Set<String> = [
        "AWS::ApiGateway::Method", "AWS::ApiGateway::Model", "AWS::ApiGateway::Resource",
        "AWS::ApiGateway::GatewayResponse", "AWS::ApiGateway::RequestValidator", "AWS::ApiGateway::Authorizer",
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let graph = context.graph
        for r in context.template.resources where r.type == "AWS::ApiGateway::RestApi" {
            guard let properties = r.node["Properties"]?.mapValue else { continue }
            let keys = properties.entries.filter { $0.key == "Body" || $0.key == "BodyS3Location" }
            guard !keys.isEmpty, let node = graph.index(of: .resource, r.logicalId) else { continue }
            var seen: Set<String> = []
            var sources: [(name: String, type: String)] = []
            for edge in graph.dependents(of: node) {
                let v = graph.vertices[edge.from]
                guard v.kind == .resource, let type = v.type, Self.parts.contains(type), seen.insert(v.name).inserted else { continue }
                sources.append((v.name, type))
            }
            for key in keys {
                for s in sources {
                    findings.append(
                        context.finding(
                            Self.self,
                            "\(r.logicalId) is defined by its \(key.key), and \(s.name) (\(s.type)) changes the same API: an update can drop it or leave it orphaned",
                            at: key.keyRange
                        )
                    )
                }
            }
        }
    }
}
