/// E3660: a REST API with neither a Name nor an OpenAPI body.
struct RestApiName: ConstraintRule {
    static let info = RuleInfo(
        id: "E3660",
        title: "API Gateway REST API needs a Name without an OpenAPI body",
        description: """
            An `AWS::ApiGateway::RestApi` takes its name from its OpenAPI definition when it has \
            one (`Body` or `BodyS3Location`); without one it must have a `Name`. A RestApi with \
            no `Properties` at all fails at its logical id. One of the per-resource constraints \
            (E3000).
            """,
        passing: [
            """
            Resources:
              Named:
                Type: AWS::ApiGateway::RestApi
                Properties:
                  Name: orders
              FromSpec:
                Type: AWS::ApiGateway::RestApi
                Properties:
                  BodyS3Location:
                    Bucket: specs
                    Key: orders.yaml
            """
        ],
        failing: [
            """
            Resources:
              Unnamed:
                Type: AWS::ApiGateway::RestApi
                Properties: # <-
                  Description: orders
              Bare: # <-
                Type: AWS::ApiGateway::RestApi
            """
        ]
    )

    static func reword(_ message: String) -> String {
        message.hasSuffix(" is a required property")
            ? message.dropLast(23) + " is required when there is neither Body nor BodyS3Location" : message
    }
}
