/// E3721: an Oracle or Db2 replica mode other than `mounted` or `open-read-only`.
struct ReplicaModeValue: ConstraintRule {
    static let info = RuleInfo(
        id: "E3721",
        title: "ReplicaMode not mounted or open-read-only",
        description: """
            An Oracle or Db2 `AWS::RDS::DBInstance` (an `Engine` starting with `oracle`, \
            `custom-oracle` or `db2`) runs a read replica `mounted` or `open-read-only`; any \
            other `ReplicaMode` is rejected (on other engines the mode is ignored, W3699). \
            Reported on `ReplicaMode`. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Replica:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: oracle-ee
                  LicenseModel: bring-your-own-license
                  DBInstanceClass: db.r6i.large
                  SourceDBInstanceIdentifier: orders-primary
                  ReplicaMode: open-read-only
            """
        ],
        failing: [
            """
            Resources:
              Replica:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: oracle-ee
                  LicenseModel: bring-your-own-license
                  DBInstanceClass: db.r6i.large
                  SourceDBInstanceIdentifier: orders-primary
                  ReplicaMode: read-only # <-
            """
        ]
    )
}
