/// E3720: a DB instance with a KMS key but without `StorageEncrypted: true`.
struct KmsKeyStorageEncrypted: ConstraintRule {
    static let info = RuleInfo(
        id: "E3720",
        title: "DB instance KmsKeyId without StorageEncrypted",
        description: """
            The `KmsKeyId` of an `AWS::RDS::DBInstance` is the key its storage is encrypted \
            with, and RDS uses it only with `StorageEncrypted: true`; without it the instance \
            is rejected. RDS Custom engines (`custom-...`) are not checked. Reported on \
            `Properties` when `StorageEncrypted` is missing, on it when it is false. One of the \
            per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: postgres
                  DBInstanceClass: db.t4g.micro
                  AllocatedStorage: "20"
                  MasterUsername: admin_user
                  ManageMasterUserPassword: true
                  StorageEncrypted: true
                  KmsKeyId: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
            """
        ],
        failing: [
            """
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Properties: # <-
                  Engine: postgres
                  DBInstanceClass: db.t4g.micro
                  AllocatedStorage: "20"
                  MasterUsername: admin_user
                  ManageMasterUserPassword: true
                  KmsKeyId: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
            """
        ]
    )
}
