import CFNModel

/// W3699: `ReplicaMode` on a DB instance whose engine has no such mode.
struct ReplicaModeIgnored: Rule {
    static let info = RuleInfo(
        id: "W3699",
        title: "ReplicaMode on an engine other than Oracle or Db2",
        description: """
            `ReplicaMode` (`mounted` or `open-read-only`) chooses how an Oracle or Db2 read \
            replica runs. On an `AWS::RDS::DBInstance` of any other engine (MySQL, PostgreSQL, \
            MariaDB, SQL Server, Aurora) RDS accepts it and does nothing with it. The engine is \
            read without regard to case, and every engine whose name starts with `oracle`, \
            `custom-oracle` or `db2` has the mode. When `Engine` is a function (`!Ref \
            EngineParam`, a `Fn::If`), the engine is not known and the rule says nothing. \
            Properties given by a `Fn::If` are read in each branch. Reported on `ReplicaMode`.
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
                  ReplicaMode: mounted
            """
        ],
        failing: [
            """
            Resources:
              Replica:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: MySQL
                  DBInstanceClass: db.r6g.large
                  SourceDBInstanceIdentifier: orders-primary
                  ReplicaMode: open-read-only # <-
            """
        ]
    )

    static let engines = ["oracle", "custom-oracle", "db2"]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for (r, value, _) in context.propertyValues(["AWS::RDS::DBInstance": [[]]]) {
            guard let properties = value.mapValue, let mode = properties[entry: "ReplicaMode"],
                let engine = properties["Engine"]?.stringValue
            else { continue }
            let lower = engine.lowercased()
            guard !Self.engines.contains(where: { lower.hasPrefix($0) }) else { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "\(r.logicalId): ReplicaMode has no effect on engine '\(engine)'; only Oracle and Db2 replicas have a mode",
                    at: mode.keyRange
                )
            )
        }
    }
}
