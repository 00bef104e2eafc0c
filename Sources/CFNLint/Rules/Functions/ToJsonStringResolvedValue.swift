/// W1040: the text a `Fn::ToJsonString` can make before deployment does not fit the property.
struct ToJsonStringResolvedValue: SchemaRule {
    static let info = RuleInfo(
        id: "W1040",
        title: "Fn::ToJsonString makes a text the property does not take",
        description: """
            A `Fn::ToJsonString` (of the `AWS::LanguageExtensions` transform) of a value that \
            can be worked out before deployment, with no other function inside, gives its JSON \
            text (written as cfn-lint writes it: `{"a": 1}`), which is checked against what \
            the property's schema asks (length, pattern, ...). The problem is reported where \
            the function is written. cfn-lint 1.51.0 documents W1040 but files these findings \
            under E1031 (its `Fn::ToJsonString` rule takes over its child rule's findings), an \
            error for what is a warning; cfntool reports them under W1040.
            """,
        passing: [
            """
            Transform: AWS::LanguageExtensions
            Resources:
              Settings:
                Type: AWS::SSM::Parameter
                Properties:
                  Type: String
                  Value:
                    Fn::ToJsonString: {team: web, size: 3}
            """
        ],
        failing: [
            """
            Transform: AWS::LanguageExtensions
            Resources:
              Site:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName:
                    Fn::ToJsonString: {site: web} # <-
            """
        ]
    )
}
