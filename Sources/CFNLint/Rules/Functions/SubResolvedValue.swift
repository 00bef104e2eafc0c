/// W1031: a value a `Fn::Sub` can make before deployment does not fit the property.
struct SubResolvedValue: SchemaRule {
    static let info = RuleInfo(
        id: "W1031",
        title: "Fn::Sub makes a value the property does not take",
        description: """
            A `Fn::Sub` whose variables can all be worked out before deployment (parameters, by \
            their `AllowedValues` or else their `Default`, `MinValue` and `MaxValue`; \
            pseudo-parameters in the first `--regions` region; the functions W1032-W1036 \
            resolve, given in its variable map) is checked, for each text it can make, against \
            what the property's schema asks (pattern, length, format, enum, ...). A variable \
            that names a resource or an attribute, or text with `${!Literal}`, is not resolved. \
            As in cfn-lint, one text that fits is enough, and the problem is reported where \
            the function is written.
            """,
        passing: [
            """
            Parameters:
              Env:
                Type: String
                AllowedValues: [dev, prod]
            Resources:
              Site:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${Env}-site-${AWS::Region}"
              Logs:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${Site}-logs"
            """
        ],
        failing: [
            """
            Parameters:
              Name:
                Type: String
                Default: My_Site
            Resources:
              Site:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${Name}-${AWS::Region}" # <-
              Logs:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub # <-
                    - "${Prefix}-logs"
                    - Prefix: !Ref Name
            """
        ]
    )
}
