/// E3037: a list whose schema wants distinct items has a repeated one.
struct PropertyUniqueItems: SchemaRule {
    static let info = RuleInfo(
        id: "E3037",
        title: "Repeated item in a list of distinct items",
        description: """
            The property's schema says its items must be distinct (`uniqueItems`) and two of them \
            are the same: the same layer twice on a Lambda function, the same tag twice. Items are \
            compared by meaning, so `5` and `"5"` are the same. Reported on the key of the list; a \
            list that is a `Fn::If` branch is reported on the key of the `Fn::If` (as cfn-lint \
            does).
            """,
        passing: [
            """
            Resources:
              Handler:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/handler
                  Layers:
                    - arn:aws:lambda:us-east-1:123456789012:layer:shared-utils:4
                    - arn:aws:lambda:us-east-1:123456789012:layer:powertools:12
                  Code:
                    ZipFile: "def handler(event, context): return event"
            """
        ],
        failing: [
            """
            Resources:
              Handler:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/handler
                  Layers: # <-
                    - arn:aws:lambda:us-east-1:123456789012:layer:shared-utils:4
                    - arn:aws:lambda:us-east-1:123456789012:layer:powertools:12
                    - arn:aws:lambda:us-east-1:123456789012:layer:shared-utils:4
                  Code:
                    ZipFile: "def handler(event, context): return event"
            """,
            """
            Parameters:
              Stage:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Resources:
              Admins:
                Type: AWS::IAM::Group
                Properties:
                  ManagedPolicyArns: # <-
                    Fn::If:
                      - IsProd
                      - - arn:aws:iam::aws:policy/ReadOnlyAccess
                        - arn:aws:iam::aws:policy/ReadOnlyAccess
                      - !Ref AWS::NoValue
            """,
        ]
    )
}
