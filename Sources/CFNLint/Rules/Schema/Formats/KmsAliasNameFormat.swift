/// E1164: a literal that cannot be a KMS alias name.
struct KmsAliasNameFormat: SchemaRule {
    static let info = RuleInfo(
        id: "E1164",
        title: "Not a valid KMS alias name",
        description: """
            A KMS alias name (format `AWS::KMS::Alias.AliasName`) starts with `alias/`, followed by \
            letters, digits and `:/_-`. Values from intrinsic functions are not checked.
            """,
        passing: [
            """
            Resources:
              Key:
                Type: AWS::KMS::Key
              KeyAlias:
                Type: AWS::KMS::Alias
                Properties:
                  AliasName: alias/orders-data
                  TargetKeyId: !Ref Key
            """
        ],
        failing: [
            """
            Resources:
              Key:
                Type: AWS::KMS::Key
              KeyAlias:
                Type: AWS::KMS::Alias
                Properties:
                  AliasName: orders-data # <-
                  TargetKeyId: !Ref Key
              ArchiveAlias:
                Type: AWS::KMS::Alias
                Properties:
                  AliasName: alias/orders archive # <-
                  TargetKeyId: !Ref Key
            """
        ]
    )
}
