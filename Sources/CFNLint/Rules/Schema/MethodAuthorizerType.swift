/// E3708: an API Gateway method whose authorization type does not fit its authorizer.
struct MethodAuthorizerType: ConstraintRule {
    static let info = RuleInfo(
        id: "E3708",
        title: "Method AuthorizationType and authorizer Type apart",
        description: """
            An `AWS::ApiGateway::Method` whose `AuthorizerId` is a `Ref` to an \
            `AWS::ApiGateway::Authorizer` of the template must use it the way it works: \
            `AuthorizationType: CUSTOM` with a Lambda authorizer (`Type: TOKEN` or `REQUEST`), \
            `COGNITO_USER_POOLS` with a `COGNITO_USER_POOLS` one. Reported on the authorizer's \
            `Type`. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Authorizer:
                Type: AWS::ApiGateway::Authorizer
                Properties:
                  RestApiId: a1b2c3d4e5
                  Name: users
                  Type: COGNITO_USER_POOLS
                  IdentitySource: method.request.header.Authorization
                  ProviderARNs: [arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc123]
              GetOrders:
                Type: AWS::ApiGateway::Method
                Properties:
                  RestApiId: a1b2c3d4e5
                  ResourceId: f6g7h8
                  HttpMethod: GET
                  AuthorizationType: COGNITO_USER_POOLS
                  AuthorizerId: !Ref Authorizer
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
                  Type: TOKEN # <-
                  IdentitySource: method.request.header.Authorization
                  AuthorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
              GetOrders:
                Type: AWS::ApiGateway::Method
                Properties:
                  RestApiId: a1b2c3d4e5
                  ResourceId: f6g7h8
                  HttpMethod: GET
                  AuthorizationType: COGNITO_USER_POOLS
                  AuthorizerId: !Ref Authorizer
            """
        ]
    )
}
