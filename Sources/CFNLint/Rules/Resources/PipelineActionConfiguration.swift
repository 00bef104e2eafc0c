import CFNModel
import CFNSchema

/// E3703: a CodePipeline action's `Configuration` whose `TemplatePath` names no input artifact,
/// or whose `RoleArn` is not an IAM role ARN.
struct PipelineActionConfiguration: Rule {
    static let info = RuleInfo(
        id: "E3703",
        title: "CodePipeline action configuration",
        description: """
            Two settings of a CodePipeline action's `Configuration` are checked. A \
            `TemplatePath` (CloudFormation deploys) is `ArtifactName::path/in/artifact`: the \
            artifact must be one of the action's `InputArtifacts`. A `RoleArn` must be an IAM \
            role ARN (`arn:aws:iam::123456789012:role/name`), as a literal, a parameter's \
            default or allowed values behind a `Ref`, or a `Fn::GetAtt` of a resource whose \
            attribute is one. Paths and names that are functions are not judged; each branch of \
            a `Fn::If` is, with the inputs its conditions allow. Reported on the setting.
            """,
        passing: [
            """
            Resources:
              DeployRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: {Service: cloudformation.amazonaws.com}
                        Action: sts:AssumeRole
              Pipeline:
                Type: AWS::CodePipeline::Pipeline
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/pipeline
                  ArtifactStore:
                    Type: S3
                    Location: artifacts-bucket
                  Stages:
                    - Name: Source
                      Actions:
                        - Name: Checkout
                          ActionTypeId: {Category: Source, Owner: AWS, Provider: S3, Version: "1"}
                          Configuration: {S3Bucket: sources, S3ObjectKey: app.zip}
                          OutputArtifacts: [{Name: App}]
                    - Name: Deploy
                      Actions:
                        - Name: Stack
                          ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: "1"}
                          InputArtifacts: [{Name: App}]
                          Configuration:
                            ActionMode: CREATE_UPDATE
                            StackName: app
                            TemplatePath: App::template.yaml
                            RoleArn: !GetAtt DeployRole.Arn
            """
        ],
        failing: [
            """
            Resources:
              Pipeline:
                Type: AWS::CodePipeline::Pipeline
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/pipeline
                  ArtifactStore:
                    Type: S3
                    Location: artifacts-bucket
                  Stages:
                    - Name: Source
                      Actions:
                        - Name: Checkout
                          ActionTypeId: {Category: Source, Owner: AWS, Provider: S3, Version: "1"}
                          Configuration: {S3Bucket: sources, S3ObjectKey: app.zip}
                          OutputArtifacts: [{Name: App}]
                    - Name: Deploy
                      Actions:
                        - Name: Stack
                          ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: "1"}
                          InputArtifacts: [{Name: App}]
                          Configuration:
                            ActionMode: CREATE_UPDATE
                            StackName: app
                            TemplatePath: Build::template.yaml # <-
                            RoleArn: deploy-role # <-
            """
        ]
    )

    static let roleArn = SchemaNode.format("AWS::IAM::Role.Arn")

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let actions = context.pipelineActions()
        guard !actions.isEmpty, let values = context.shared.values(context) else { return }
        for action in actions {
            let id = action.resource.logicalId
            let start = action.value
            for path in context.pipelineValues(start, path: ["Configuration", "TemplatePath"]) {
                guard let text = path.node.stringValue else { continue }
                let inputs = context.pipelineValues(start, path: ["InputArtifacts", "*", "Name"])
                    .filter { context.compatible($0.truth, path.truth) }.compactMap { $0.node.stringValue }
                guard !inputs.contains(where: { text.hasPrefix($0 + "::") }) else { continue }
                let artifact = text.firstRange(of: "::").map { String(text[..<$0.lowerBound]) } ?? text
                let known = inputs.isEmpty ? "the action has none" : "its inputs are " + inputs.map { "'\($0)'" }.joined(separator: ", ")
                findings.append(
                    context.finding(
                        Self.self,
                        "\(id): TemplatePath reads artifact '\(artifact)', which is not an input of the action (\(known))",
                        at: path.at
                    )
                )
            }
            for role in context.pipelineValues(start, path: ["Configuration", "RoleArn"]) where !role.node.isNull {
                var validator = Validator(context: values)
                validator.validate(role.node, Self.roleArn, at: role.at)
                for v in validator.violations {
                    findings.append(context.finding(Self.self, "\(id): Configuration.RoleArn: \(v.message)", at: v.range))
                }
            }
        }
    }
}
