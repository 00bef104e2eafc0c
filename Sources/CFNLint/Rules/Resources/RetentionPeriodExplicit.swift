import CFNModel

/// I3013: a resource whose service deletes its data after a default period leaves the period out.
struct RetentionPeriodExplicit: Rule {
    static let info = RuleInfo(
        id: "I3013",
        title: "Retention period left to the service's default",
        description: """
            Some services throw data away after a period of their own unless told otherwise: \
            an SQS queue's messages (`MessageRetentionPeriod`), a Kinesis stream's records \
            (`RetentionPeriodHours`), the backups of RDS and DocumentDB clusters \
            (`BackupRetentionPeriod`), a Redshift cluster's snapshots \
            (`AutomatedSnapshotRetentionPeriod`), a Synthetics canary's runs \
            (`SuccessRetentionPeriod`, `FailureRetentionPeriod`). Writing the period down makes \
            the choice visible. An RDS instance is checked when its `Engine` is written and is \
            not Aurora (whose backups are the cluster's) and it is no read replica \
            (`SourceDBInstanceIdentifier`); its `BackupRetentionPeriod` must then be written, \
            and at most 35 days. Each combination of the conditions in the properties is read \
            on its own: a period behind a `Fn::If` that another branch leaves out is missing. \
            Reported on `Properties` (on the resource without them, on the `Fn::If` branch \
            that lacks it), or on a period over 35.
            """,
        passing: [
            """
            Resources:
              Jobs:
                Type: AWS::SQS::Queue
                Properties:
                  MessageRetentionPeriod: 1209600
              Replica:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: aurora-postgresql
                  DBInstanceClass: db.r6g.large
                  DBClusterIdentifier: orders
            """
        ],
        failing: [
            """
            Parameters:
              Stage:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Resources:
              Jobs: # <-
                Type: AWS::SQS::Queue
              Events:
                Type: AWS::Kinesis::Stream
                Properties: # <-
                  ShardCount: 1
              Orders:
                Type: AWS::RDS::DBInstance
                Properties: # <-
                  Engine: postgres
                  DBInstanceClass: db.t3.micro
                  AllocatedStorage: "20"
                  BackupRetentionPeriod: !If [IsProd, 30, !Ref AWS::NoValue]
              Audit:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: mysql
                  DBInstanceClass: db.t3.micro
                  AllocatedStorage: "20"
                  BackupRetentionPeriod: 40 # <-
            """
        ]
    )

    /// The properties each type must write.
    static let periods: [String: [String]] = [
        "AWS::Kinesis::Stream": ["RetentionPeriodHours"],
        "AWS::SQS::Queue": ["MessageRetentionPeriod"],
        "AWS::DocDB::DBCluster": ["BackupRetentionPeriod"],
        "AWS::Synthetics::Canary": ["SuccessRetentionPeriod", "FailureRetentionPeriod"],
        "AWS::Redshift::Cluster": ["AutomatedSnapshotRetentionPeriod"],
        "AWS::RDS::DBCluster": ["BackupRetentionPeriod"],
        "AWS::RDS::DBInstance": ["BackupRetentionPeriod"],
    ]

    /// The longest backup retention an RDS instance takes, in days.
    static let instanceMaximum = 35.0

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources {
            guard let type = r.type, let required = Self.periods[type] else { continue }
            guard let entry = r.node.mapValue?[entry: "Properties"] else {
                if type != "AWS::RDS::DBInstance" { report(r, required, at: r.idRange, context, &findings) }
                continue
            }
            var seen: Set<String> = []
            for truth in context.scenarios(of: entry.value.ifConditions()) {
                guard let properties = entry.value.resolved(truth), let map = properties.mapValue else { continue }
                let at = properties.range == entry.value.range ? entry.keyRange : properties.range
                var missing = required.filter { map[$0] == nil }
                var over: Map.Entry?
                if type == "AWS::RDS::DBInstance" {
                    // Only a non-Aurora engine written as text, and no read replica.
                    guard let engine = map["Engine"]?.stringValue, !engine.hasPrefix("aurora"),
                        map["SourceDBInstanceIdentifier"] == nil
                    else { continue }
                    if let period = map[entry: "BackupRetentionPeriod"], let days = Self.number(period.value),
                        days > Self.instanceMaximum
                    {
                        over = period
                    }
                }
                missing = missing.filter { seen.insert("\(at.start.offset)|\($0)").inserted }
                report(r, missing, at: at, context, &findings)
                if let over, seen.insert("over|\(over.keyRange.start.offset)").inserted {
                    findings.append(
                        context.finding(
                            Self.self,
                            "\(r.logicalId) keeps its backups \(over.value.scalarText ?? "") days; an RDS instance keeps them at most 35",
                            at: over.keyRange,
                            path: ["Resources", r.logicalId, "Properties", "BackupRetentionPeriod"]
                        )
                    )
                }
            }
        }
    }

    private func report(_ r: Resource, _ missing: [String], at: SourceRange, _ context: LintContext, _ findings: inout [Finding]) {
        for name in missing {
            findings.append(
                context.finding(
                    Self.self,
                    "\(r.logicalId) has no \(name): the service deletes the data after its default period; write the period you want",
                    at: at,
                    path: ["Resources", r.logicalId, "Properties"]
                )
            )
        }
    }

    /// A number written as a number or as text.
    private static func number(_ node: Node) -> Double? {
        switch node.value {
        case .number(let n): return n.doubleValue
        case .string(let s): return Double(s)
        default: return nil
        }
    }
}
