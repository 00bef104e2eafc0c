import CFNModel

/// E3702: a CodePipeline action with more or fewer input or output artifacts than its action
/// type takes.
struct PipelineArtifactCounts: Rule {
    static let info = RuleInfo(
        id: "E3702",
        title: "CodePipeline artifact counts of an action type",
        description: """
            Each CodePipeline action type takes a set number of artifacts: an S3, CodeCommit, \
            ECR or GitHub source puts out exactly one and takes none, a manual approval takes \
            and puts out none, a CodeBuild build or test takes one to five, a CloudFormation \
            deploy up to ten, an S3, CodeDeploy, ECS, Elastic Beanstalk, OpsWorks or Service \
            Catalog deploy exactly one, a Lambda invoke or a Jenkins build up to five. An \
            action of a known `ActionTypeId` (`Owner`, `Category`, `Provider`) outside its \
            counts is rejected. A list that must not be empty and is missing is reported on \
            the action, a count out of range on `InputArtifacts` or `OutputArtifacts`. Lists \
            with `Fn::If` items are counted in each way their conditions can go; an action type \
            that is a function, or a list that is one, is not judged.
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
                    - Name: Approve
                      Actions:
                        - Name: Manual
                          ActionTypeId: {Category: Approval, Owner: AWS, Provider: Manual, Version: "1"}
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
                        - Name: Checkout # <-
                          ActionTypeId: {Category: Source, Owner: AWS, Provider: S3, Version: "1"}
                          Configuration: {S3Bucket: sources, S3ObjectKey: app.zip}
                    - Name: Approve
                      Actions:
                        - Name: Manual
                          ActionTypeId: {Category: Approval, Owner: AWS, Provider: Manual, Version: "1"}
                          OutputArtifacts: # <-
                            - Name: Nothing
            """
        ]
    )

    /// The inclusive range of artifacts one list takes.
    struct Counts {
        var min: Int
        var max: Int
    }

    /// Owner -> category -> provider -> (inputs, outputs).
    static let counts: [String: [String: [String: (input: Counts, output: Counts)]]] = {
        let none = Counts(min: 0, max: 0)
        let one = Counts(min: 1, max: 1)
        let source = (input: none, output: one)
        let deployOne = (input: one, output: none)
        let upToFive = (input: Counts(min: 0, max: 5), output: Counts(min: 0, max: 5))
        let codeBuild = (input: Counts(min: 1, max: 5), output: Counts(min: 0, max: 5))
        return [
            "AWS": [
                "Source": ["S3": source, "CodeCommit": source, "ECR": source],
                "Test": ["CodeBuild": codeBuild, "DeviceFarm": (input: one, output: none)],
                "Build": ["CodeBuild": codeBuild],
                "Approval": ["Manual": (input: none, output: none)],
                "Deploy": [
                    "S3": deployOne, "CloudFormation": (input: Counts(min: 0, max: 10), output: Counts(min: 0, max: 1)),
                    "CodeDeploy": deployOne, "ElasticBeanstalk": deployOne, "OpsWorks": deployOne, "ECS": deployOne,
                    "ServiceCatalog": deployOne,
                ],
                "Invoke": ["Lambda": upToFive],
            ],
            "ThirdParty": [
                "Source": ["GitHub": source],
                "Deploy": ["AlexaSkillsKit": (input: Counts(min: 0, max: 2), output: none)],
            ],
            "Custom": ["Build": ["Jenkins": upToFive], "Test": ["Jenkins": upToFive]],
        ]
    }()

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for action in context.pipelineActions() {
            let start = action.value
            var reported: Set<String> = []
            for type in context.pipelineValues(start, "ActionTypeId") {
                for owner in context.pipelineValues(type, "Owner") {
                    guard let o = owner.node.stringValue, let byCategory = Self.counts[o] else { continue }
                    for category in context.pipelineValues(owner.with(type.node), "Category") {
                        guard let c = category.node.stringValue, let byProvider = byCategory[c] else { continue }
                        for provider in context.pipelineValues(category.with(type.node), "Provider") {
                            guard let p = provider.node.stringValue, let counts = byProvider[p] else { continue }
                            let kind = "\(o) \(c) \(p)"
                            for (key, range) in [("InputArtifacts", counts.input), ("OutputArtifacts", counts.output)] {
                                for problem in problems(action, key, range, kind, context)
                                where reported.insert("\(problem.at.start.line):\(problem.message)").inserted {
                                    findings.append(context.finding(Self.self, problem.message, at: problem.at))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// What is wrong with one artifact list of an action: missing when it must have items, or
    /// a count out of range in some way its `Fn::If`s can go.
    func problems(
        _ action: PipelineAction,
        _ key: String,
        _ range: Counts,
        _ kind: String,
        _ context: LintContext
    )
        -> [(message: String, at: SourceRange)]
    {
        let id = action.resource.logicalId
        guard let entry = action.node[entry: key], !entry.value.isNull else {
            guard range.min > 0 else { return [] }
            return [("\(id): a \(kind) action needs \(key) (at least \(range.min))", action.range)]
        }
        var out: [(message: String, at: SourceRange)] = []
        for list in context.pipelineBranches(entry.value, at: entry.keyRange, action.truth) {
            guard list.node.listValue != nil else { continue }
            let names = list.node.ifConditions()
            for truth in context.scenarios(of: names) where context.compatible(truth, list.truth) {
                guard let count = list.node.resolved(truth)?.listValue?.count else { continue }
                if count > range.max {
                    out.append(("\(id): a \(kind) action takes at most \(range.max) \(key), this one has \(count)", list.at))
                } else if count < range.min {
                    out.append(("\(id): a \(kind) action takes at least \(range.min) \(key), this one has \(count)", list.at))
                }
            }
        }
        return out
    }
}

extension PipelineValue {
    /// The same conditions and place, another value: to read a sibling key of the mapping the
    /// value came from.
    func with(_ node: Node) -> PipelineValue { PipelineValue(node: node, at: at, truth: truth) }
}
