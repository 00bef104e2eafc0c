/// E1159: a literal that is not an ACM certificate ARN where one is expected.
struct CertificateArnFormat: SchemaRule {
    static let info = RuleInfo(
        id: "E1159",
        title: "Not an ACM certificate ARN",
        description: """
            The property takes the ARN of an AWS Certificate Manager certificate (format \
            `AWS::ACM::Certificate.Arn`): `arn:aws:acm:<region>:<account>:certificate/<id>`. An IAM \
            server certificate's ARN is not one. Values from intrinsic functions are not checked.
            """,
        passing: [
            """
            Resources:
              Certificate:
                Type: AWS::CertificateManager::Certificate
                Properties:
                  DomainName: api.example.com
                  ValidationMethod: DNS
              ApiDomain:
                Type: AWS::ApiGateway::DomainName
                Properties:
                  DomainName: api.example.com
                  CertificateArn: !Ref Certificate
              LegacyDomain:
                Type: AWS::ApiGateway::DomainName
                Properties:
                  DomainName: legacy.example.com
                  CertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012
            """
        ],
        failing: [
            """
            Resources:
              ApiDomain:
                Type: AWS::ApiGateway::DomainName
                Properties:
                  DomainName: api.example.com
                  CertificateArn: arn:aws:iam::123456789012:server-certificate/api-example # <-
              LegacyDomain:
                Type: AWS::ApiGateway::DomainName
                Properties:
                  DomainName: legacy.example.com
                  CertificateArn: 12345678-1234-1234-1234-123456789012 # <-
            """
        ]
    )
}
