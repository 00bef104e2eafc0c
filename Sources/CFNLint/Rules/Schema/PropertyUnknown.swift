/// E3002: a property the resource type's schema does not define.
struct PropertyUnknown: SchemaRule {
    static let info = RuleInfo(
        id: "E3002",
        title: "Unknown property",
        description: """
            Every property of a resource, and every key of an object inside one, must be one the \
            resource type's schema defines (AWS's resource provider schema). A misspelt name is \
            reported with the closest valid one. A number that is not a multiple of the \
            schema's `multipleOf` (a CloudFront weight in steps of 0.01) is reported here too, \
            as cfn-lint does.
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: logs
            """,
            """
            Resources:
              Canary:
                Type: AWS::CloudFront::ContinuousDeploymentPolicy
                Properties:
                  ContinuousDeploymentPolicyConfig:
                    Enabled: true
                    StagingDistributionDnsNames: [d111111abcdef8.cloudfront.net]
                    Type: SingleWeight
                    SingleWeightPolicyConfig:
                      Weight: 0.15
            """,
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketNme: logs # <-
                  VersioningConfiguration:
                    Status: Enabled
                    MFADelete: Disabled # <-
            """,
            """
            Resources:
              Canary:
                Type: AWS::CloudFront::ContinuousDeploymentPolicy
                Properties:
                  ContinuousDeploymentPolicyConfig:
                    Enabled: true
                    StagingDistributionDnsNames: [d111111abcdef8.cloudfront.net]
                    Type: SingleWeight
                    SingleWeightPolicyConfig:
                      Weight: 0.155 # <-
            """,
        ],
        fixes: [
            FixExample(
                before: """
                    Resources:
                      Bucket:
                        Type: AWS::S3::Bucket
                        Properties:
                          BucketNme: logs
                    """,
                after: """
                    Resources:
                      Bucket:
                        Type: AWS::S3::Bucket
                        Properties:
                          BucketName: logs
                    """,
                safety: .unsafe
            ),
            FixExample(
                before: """
                    {"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketNme": "logs"}}}}
                    """,
                after: """
                    {"Resources": {"Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "logs"}}}}
                    """,
                safety: .unsafe
            ),
        ]
    )
}
