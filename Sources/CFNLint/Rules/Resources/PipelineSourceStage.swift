import CFNModel

/// E3700: a CodePipeline whose first stage is not all Source actions, or a Source action in a
/// later stage.
struct PipelineSourceStage: Rule {
    static let info = RuleInfo(
        id: "E3700",
        title: "CodePipeline Source actions only in the first stage",
        description: """
            A pipeline starts from its sources: every action of the first stage of an \
            `AWS::CodePipeline::Pipeline` must have `ActionTypeId.Category: Source`, and no \
            later stage may have one (their categories are `Build`, `Test`, `Deploy`, \
            `Approval`, `Invoke` and `Compute`). CodePipeline rejects the pipeline otherwise. A \
            category that is a function is not judged; each branch of a `Fn::If` is, and a \
            stage's place is its place in `Stages` as written. Reported on the category.
            """,
        passing: [
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
                    - Name: Build
                      Actions:
                        - Name: Compile
                          ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: "1"}
                          Configuration: {ProjectName: compile}
                          InputArtifacts: [{Name: App}]
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
                    - Name: Build
                      Actions:
                        - Name: Compile
                          ActionTypeId:
                            Category: Build # <-
                            Owner: AWS
                            Provider: CodeBuild
                            Version: "1"
                          Configuration: {ProjectName: compile}
                    - Name: Source
                      Actions:
                        - Name: Checkout
                          ActionTypeId:
                            Category: Source # <-
                            Owner: AWS
                            Provider: S3
                            Version: "1"
                          Configuration: {S3Bucket: sources, S3ObjectKey: app.zip}
                          OutputArtifacts: [{Name: App}]
            """
        ]
    )

    static let later: Set<String> = ["Build", "Approval", "Deploy", "Test", "Invoke", "Compute"]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for action in context.pipelineActions() {
            let start = action.value
            for category in context.pipelineValues(start, path: ["ActionTypeId", "Category"]) {
                guard let name = category.node.stringValue else { continue }
                let message: String
                if action.stage == 0 {
                    guard name != "Source" else { continue }
                    message = "\(action.resource.logicalId): category '\(name)' in the first stage, where every action must be a Source"
                } else {
                    guard !Self.later.contains(name) else { continue }
                    message =
                        "\(action.resource.logicalId): category '\(name)' after the first stage, where an action is one of Build, Approval, Deploy, Test, Invoke or Compute"
                }
                findings.append(context.finding(Self.self, message, at: category.at))
            }
        }
    }
}
