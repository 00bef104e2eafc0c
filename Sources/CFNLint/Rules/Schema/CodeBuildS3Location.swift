/// E3636: a CodeBuild S3 source or artifacts without a Location.
struct CodeBuildS3Location: ConstraintRule {
    static let info = RuleInfo(
        id: "E3636",
        title: "CodeBuild S3 source or artifacts need a Location",
        description: """
            An `AWS::CodeBuild::Project` whose `Source` or `Artifacts` has `Type: S3` must say \
            where in S3 (`Location`: the bucket, or the bucket and key of the source archive). \
            The finding is at the `Source` or `Artifacts` key. One of the per-resource \
            constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Build:
                Type: AWS::CodeBuild::Project
                Properties:
                  ServiceRole: arn:aws:iam::123456789012:role/codebuild
                  Artifacts:
                    Type: S3
                    Location: build-output-bucket
                  Environment:
                    ComputeType: BUILD_GENERAL1_SMALL
                    Image: aws/codebuild/standard:7.0
                    Type: LINUX_CONTAINER
                  Source:
                    Type: CODECOMMIT
                    Location: https://git-codecommit.us-east-1.amazonaws.com/v1/repos/app
            """
        ],
        failing: [
            """
            Resources:
              Build:
                Type: AWS::CodeBuild::Project
                Properties:
                  ServiceRole: arn:aws:iam::123456789012:role/codebuild
                  Artifacts: # <-
                    Type: S3
                  Environment:
                    ComputeType: BUILD_GENERAL1_SMALL
                    Image: aws/codebuild/standard:7.0
                    Type: LINUX_CONTAINER
                  Source: # <-
                    Type: S3
            """
        ]
    )

    static func reword(_ message: String) -> String {
        message.hasSuffix(" is a required property") ? message.dropLast(23) + " is required when Type is S3" : message
    }
}
