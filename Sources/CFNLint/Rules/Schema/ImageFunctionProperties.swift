/// E3685: a container image Lambda function with `Handler`, `Runtime` or `Layers`.
struct ImageFunctionProperties: ConstraintRule {
    static let info = RuleInfo(
        id: "E3685",
        title: "Container image function with Handler, Runtime or Layers",
        description: """
            A Lambda function with `PackageType: Image` runs a container image that carries its \
            own runtime, entry point and libraries: `Handler`, `Runtime` and `Layers` belong to \
            .zip functions, and Lambda rejects them on an image function. Reported once per \
            function, on the first of them. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Render:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/render
                  PackageType: Image
                  Code:
                    ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/render:1
            """
        ],
        failing: [
            """
            Resources:
              Render:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/render
                  PackageType: Image
                  Handler: app.handler # <-
                  Runtime: python3.13
                  Code:
                    ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/render:1
            """
        ]
    )
}
