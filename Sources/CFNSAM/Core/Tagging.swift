import CFNModel

/// Tags as the transform writes them: SAM's own `lambda:createdBy: SAM` first, then the
/// resource's; `PropagateTags` gives a SAM resource's tags to what it makes.
enum Tagging {
    /// The tag aws-sam-translator puts on what it makes.
    static let samKey = "lambda:createdBy"
    /// Tag keys a template may not set (SAM's and the serverless repository's).
    static let reserved = ["lambda:createdBy", "serverlessrepo:applicationId", "serverlessrepo:semanticVersion"]

    /// A tag mapping as a CloudFormation tag list (a null value becomes "").
    static func list(_ tags: Map?) -> [Node] {
        (tags ?? Map()).map { entry in
            let value = entry.value.isNull ? Node(.string(""), range: entry.value.range) : entry.value
            return Node.map([("Key", Node(.string(entry.key), range: entry.keyRange)), ("Value", value)])
        }
    }

    /// The tag list of a resource SAM makes: SAM's tag, then `additional`, then the resource's own.
    static func withSAMTag(_ tags: Node?, additional: Map = Map(), resource: SAMResource) throws(SAMError) -> Node {
        let own = tags?.mapValue ?? Map()
        for key in reserved where own[key] != nil {
            throw resource.error(
                "\(key) is a reserved Tag key name and cannot be set on your resource. Please change the tag key in the input.",
                at: "Tags"
            )
        }
        var sam = Map()
        sam[samKey] = "SAM"
        return .list(list(sam) + list(additional) + list(own))
    }

    /// Types whose generated resource takes `Tags` as a list of `Key`/`Value` mappings.
    static let listTagged: Set<String> = [
        "AWS::ApiGateway::ApiKey", "AWS::ApiGateway::DomainName", "AWS::ApiGateway::DomainNameAccessAssociation",
        "AWS::ApiGateway::DomainNameV2", "AWS::ApiGateway::RestApi", "AWS::ApiGateway::Stage", "AWS::ApiGateway::UsagePlan",
        "AWS::AppSync::GraphQLApi", "AWS::CloudFormation::Stack", "AWS::CodeDeploy::Application",
        "AWS::CodeDeploy::DeploymentGroup", "AWS::DynamoDB::Table", "AWS::IAM::Role", "AWS::IoT::TopicRule",
        "AWS::Lambda::CapacityProvider", "AWS::Lambda::Function", "AWS::S3::Bucket", "AWS::SNS::Topic", "AWS::SQS::Queue",
        "AWS::StepFunctions::StateMachine",
    ]
    /// Types whose generated resource takes `Tags` as a mapping (API Gateway v2's stage and domain).
    static let mapTagged: Set<String> = ["AWS::ApiGatewayV2::DomainName", "AWS::ApiGatewayV2::Stage"]

    /// With `PropagateTags`, every made resource that takes tags gets the SAM resource's tags
    /// (replacing those it had, as aws-sam-translator does).
    static func propagate(_ resources: inout [CFNResource], tags: Node?, enabled: Node?) {
        guard case .bool(true) = enabled?.value, let tags = tags?.mapValue, !tags.isEmpty else { return }
        for i in resources.indices {
            if listTagged.contains(resources[i].type) {
                resources[i]["Tags"] = .list(list(tags))
            } else if mapTagged.contains(resources[i].type) {
                resources[i]["Tags"] = Node(.map(tags))
            }
        }
    }
}
