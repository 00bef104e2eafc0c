/// E3689: a DB cluster's enhanced monitoring with only half of its settings.
struct ClusterMonitoring: ConstraintRule {
    static let info = RuleInfo(
        id: "E3689",
        title: "DB cluster monitoring role and interval apart",
        description: """
            Enhanced monitoring of an `AWS::RDS::DBCluster` takes two settings together: a \
            `MonitoringRoleArn` for RDS to publish with, and a `MonitoringInterval` above 0. A \
            role with no interval (or 0), or an interval above 0 with no role, is rejected. \
            Reported on `Properties`, or on the interval when it is 0. One of the per-resource \
            constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  MonitoringInterval: 60
                  MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring
            """
        ],
        failing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties: # <-
                  Engine: aurora-mysql
                  MonitoringInterval: 60
              Other:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  MonitoringRoleArn: arn:aws:iam::123456789012:role/rds-monitoring
                  MonitoringInterval: 0 # <-
            """
        ]
    )
}
