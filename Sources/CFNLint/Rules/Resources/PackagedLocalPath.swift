import CFNModel

/// W3002: a property that holds a local path, which only `aws cloudformation package` turns into
/// something CloudFormation can deploy.
struct PackagedLocalPath: Rule {
    static let info = RuleInfo(
        id: "W3002",
        title: "Local path that needs packaging",
        description: """
            A few properties (a Lambda function's `Code`, a layer's `Content`, a nested stack's \
            `TemplateURL`, a REST API's `BodyS3Location`, ...) may be written as a local path, \
            which `aws cloudformation package` uploads and replaces with its S3 location. The \
            template as written then deploys only after packaging. A string that starts with \
            `s3://` or `https://` is already a location, and a dynamic reference \
            (`{{resolve:ssm:...}}`) is filled in at deploy time. Templates with the SAM transform are \
            not checked (`sam package` and `sam deploy` always package them).
            """,
        passing: [
            """
            Resources:
              Api:
                Type: AWS::ApiGateway::RestApi
                Properties:
                  Name: orders
                  BodyS3Location:
                    Bucket: artifacts
                    Key: openapi.yaml
              Network:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: https://artifacts.s3.amazonaws.com/network.yaml
            """
        ],
        failing: [
            """
            Parameters:
              Small:
                Type: String
                AllowedValues: ["true", "false"]
            Conditions:
              IsSmall: !Equals [!Ref Small, "true"]
            Resources:
              Handler:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.13
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/handler
                  Code: ./src # <-
              Network:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: !If [IsSmall, ./small.yaml, https://artifacts.s3.amazonaws.com/network.yaml] # <-
            """
        ]
    )

    /// Resource type -> the property paths `package` fills in.
    static let paths: [String: [[String]]] = [
        "AWS::ApiGateway::RestApi": [["BodyS3Location"]],
        "AWS::Lambda::Function": [["Code"]],
        "AWS::Lambda::LayerVersion": [["Content"]],
        "AWS::ElasticBeanstalk::ApplicationVersion": [["SourceBundle"]],
        "AWS::StepFunctions::StateMachine": [["DefinitionS3Location"]],
        "AWS::AppSync::GraphQLSchema": [["DefinitionS3Location"]],
        "AWS::AppSync::Resolver": [["RequestMappingTemplateS3Location"], ["ResponseMappingTemplateS3Location"]],
        "AWS::AppSync::FunctionConfiguration": [["RequestMappingTemplateS3Location"], ["ResponseMappingTemplateS3Location"]],
        "AWS::CloudFormation::Stack": [["TemplateURL"]],
        "AWS::CodeCommit::Repository": [["Code", "S3"]],
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard !context.written.hasServerlessTransform else { return }
        for r in context.template.resources {
            guard let type = r.type, let paths = Self.paths[type], let properties = r.node[entry: "Properties"] else { continue }
            for path in paths {
                for (node, at) in SchemaCheck.reach(properties.value, at: properties.keyRange, path[...]) {
                    // A dynamic reference is filled in at deploy time, not by packaging.
                    guard let s = node.stringValue, !s.hasPrefix("s3://"), !s.hasPrefix("https://"), !s.contains("{{resolve:")
                    else { continue }
                    findings.append(
                        context.finding(
                            Self.self,
                            "\(path.joined(separator: ".")) '\(s)' is a local path: the template deploys only after `aws cloudformation package`",
                            at: at,
                            path: ["Resources", r.logicalId, "Properties"] + path
                        )
                    )
                }
            }
        }
    }
}
