/// E3718: a Lambda authorizer's result cache time over an hour.
struct AuthorizerTtl: ConstraintRule {
    static let info = RuleInfo(
        id: "E3718",
        title: "Authorizer cache TTL out of 0-3600",
        description: """
            API Gateway caches a `TOKEN` or `REQUEST` (Lambda) authorizer's answer for \
            `AuthorizerResultTtlInSeconds`, from 0 (no cache) to 3600 seconds; a value outside \
            is rejected. Reported on `AuthorizerResultTtlInSeconds`. One of the per-resource \
            constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Authorizer:
                Type: AWS::ApiGateway::Authorizer
                Properties:
                  RestApiId: a1b2c3d4e5
                  Name: token-check
                  Type: TOKEN
                  IdentitySource: method.request.header.Authorization
                  AuthorizerResultTtlInSeconds: 300
                  AuthorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
            """
        ],
        failing: [
            """
            Resources:
              Authorizer:
                Type: AWS::ApiGateway::Authorizer
                Properties:
                  RestApiId: a1b2c3d4e5
                  Name: token-check
                  Type: TOKEN
                  IdentitySource: method.request.header.Authorization
                  AuthorizerResultTtlInSeconds: 7200 # <-
                  AuthorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
            """
        ]
    )
}
