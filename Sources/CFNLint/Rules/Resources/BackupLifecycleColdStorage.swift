import CFNModel

/// E3504: a backup lifecycle that deletes a recovery point less than 90 days after moving it
/// to cold storage.
struct BackupLifecycleColdStorage: Rule {
    static let info = RuleInfo(
        id: "E3504",
        title: "Backup lifecycle deletes less than 90 days after cold storage",
        description: """
            AWS Backup keeps a recovery point in cold storage for at least 90 days, so in the \
            `Lifecycle` of an `AWS::Backup::BackupPlan` rule (or of one of its `CopyActions`), \
            `DeleteAfterDays` must be at least 90 more than `MoveToColdStorageAfterDays`. Checked \
            when both are whole numbers written as numbers; each branch of a `Fn::If` on the way \
            is read. Reported at `DeleteAfterDays`.
            """,
        passing: [
            """
            Resources:
              Plan:
                Type: AWS::Backup::BackupPlan
                Properties:
                  BackupPlan:
                    BackupPlanName: nightly
                    BackupPlanRule:
                      - RuleName: nightly
                        TargetBackupVault: main
                        ScheduleExpression: cron(0 3 * * ? *)
                        Lifecycle:
                          MoveToColdStorageAfterDays: 30
                          DeleteAfterDays: 120
            """
        ],
        failing: [
            """
            Resources:
              Plan:
                Type: AWS::Backup::BackupPlan
                Properties:
                  BackupPlan:
                    BackupPlanName: nightly
                    BackupPlanRule:
                      - RuleName: nightly
                        TargetBackupVault: main
                        ScheduleExpression: cron(0 3 * * ? *)
                        Lifecycle:
                          MoveToColdStorageAfterDays: 30
                          DeleteAfterDays: 60 # <-
                        CopyActions:
                          - DestinationBackupVaultArn: arn:aws:backup:us-west-2:123456789012:backup-vault:copy
                            Lifecycle:
                              MoveToColdStorageAfterDays: 7
                              DeleteAfterDays: 90 # <-
            """
        ]
    )

    static let minimumDays = 90

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources where r.type == "AWS::Backup::BackupPlan" {
            var lifecycles: [Node] = []
            for plan in values(r.node["Properties"], "BackupPlan") {
                for rule in items(values(plan, "BackupPlanRule")) {
                    lifecycles += values(rule, "Lifecycle")
                    for copy in items(values(rule, "CopyActions")) { lifecycles += values(copy, "Lifecycle") }
                }
            }
            for lifecycle in lifecycles {
                guard let map = lifecycle.mapValue, let delete = map[entry: "DeleteAfterDays"],
                    let deleteDays = delete.value.wholeNumber, let coldDays = map["MoveToColdStorageAfterDays"]?.wholeNumber,
                    deleteDays - coldDays < Self.minimumDays
                else { continue }
                findings.append(
                    context.finding(
                        Self.self,
                        "DeleteAfterDays \(deleteDays) is less than \(Self.minimumDays) days after MoveToColdStorageAfterDays \(coldDays); a recovery point stays in cold storage for at least \(Self.minimumDays) days",
                        at: delete.keyRange,
                        path: ["Resources", r.logicalId, "Properties", "BackupPlan"]
                    )
                )
            }
        }
    }

    /// The values under `key` of a mapping, each branch of a `Fn::If` (on the mapping or on
    /// the value) read.
    private func values(_ node: Node?, _ key: String) -> [Node] {
        guard let node else { return [] }
        return node.branches().flatMap { branch, _ -> [Node] in
            guard let value = branch.mapValue?[key] else { return [] }
            return value.branches().map(\.0).filter { !$0.isNoValue }
        }
    }

    /// The items of lists, each branch of a `Fn::If` item read.
    private func items(_ lists: [Node]) -> [Node] {
        lists.flatMap { ($0.listValue ?? []).flatMap { $0.branches().map(\.0) } }.filter { !$0.isNoValue }
    }
}

extension Node {
    /// The value of a whole number written as a number.
    var wholeNumber: Int? {
        guard case .number(let n) = value else { return nil }
        return n.intValue
    }
}
