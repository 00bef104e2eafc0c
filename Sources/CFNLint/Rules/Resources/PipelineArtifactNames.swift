import CFNModel

/// E3701: a CodePipeline input artifact no earlier action outputs, or an output artifact name
/// used twice.
struct PipelineArtifactNames: Rule {
    static let info = RuleInfo(
        id: "E3701",
        title: "CodePipeline artifact names",
        description: """
            In an `AWS::CodePipeline::Pipeline` an action's `InputArtifacts` name artifacts that \
            an action before it (in an earlier stage, or earlier in the list) put out in its \
            `OutputArtifacts`, and each output name is used once in the pipeline. The actions \
            are read in the order written, an action's inputs before its outputs. A name that \
            is a function is not judged; names under `Fn::If`s count only where their \
            conditions can hold together (an output in one branch does not feed an input that \
            needs the other). Reported on the name.
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
                          OutputArtifacts: [{Name: Built}]
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
                          OutputArtifacts:
                            - Name: App
                    - Name: Build
                      Actions:
                        - Name: Compile
                          ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: "1"}
                          Configuration: {ProjectName: compile}
                          InputArtifacts:
                            - Name: Application # <-
                          OutputArtifacts:
                            - Name: App # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        var outputs: [String: [(name: String, truth: [String: Bool])]] = [:]
        for action in context.pipelineActions() {
            let id = action.resource.logicalId
            let start = action.value
            for input in context.pipelineValues(start, path: ["InputArtifacts", "*", "Name"]) {
                guard let name = input.node.stringValue else { continue }
                let known = (outputs[id] ?? []).contains { $0.name == name && context.compatible($0.truth, input.truth) }
                guard !known else { continue }
                findings.append(
                    context.finding(Self.self, "\(id): input artifact '\(name)' is not the output of an action before it", at: input.at)
                )
            }
            for output in context.pipelineValues(start, path: ["OutputArtifacts", "*", "Name"]) {
                guard let name = output.node.stringValue else { continue }
                if (outputs[id] ?? []).contains(where: { $0.name == name && context.compatible($0.truth, output.truth) }) {
                    findings.append(
                        context.finding(
                            Self.self,
                            "\(id): output artifact name '\(name)' is already used by an earlier output",
                            at: output.at
                        )
                    )
                    continue
                }
                outputs[id, default: []].append((name, output.truth))
            }
        }
    }
}
