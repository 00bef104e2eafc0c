import CFNModel

/// I3011: a resource that holds data leaves its DeletionPolicy or UpdateReplacePolicy to the default.
struct StatefulRetentionPolicies: Rule {
    static let info = RuleInfo(
        id: "I3011",
        title: "Data-holding resource without explicit retention policies",
        description: """
            Without a DeletionPolicy and an UpdateReplacePolicy, CloudFormation deletes a \
            resource when the stack deletes it or an update replaces it. For the types that hold \
            data (databases and their clusters, tables, volumes, file systems, queues, streams, \
            log groups, keys, secrets, user pools, backup vaults, nested stacks, ...) the choice \
            is worth writing down, `Delete` included. One note for each policy left out, on the \
            resource's logical id. S3 buckets are left out: CloudFormation does not delete one \
            that still holds objects. W3011 is the warning about a resource that sets one of the \
            two to keep its data and leaves the other out.
            """,
        passing: [
            """
            Resources:
              Orders:
                Type: AWS::DynamoDB::Table
                DeletionPolicy: Retain
                UpdateReplacePolicy: Retain
                Properties:
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
                  BillingMode: PAY_PER_REQUEST
              Uploads:
                Type: AWS::S3::Bucket
            """
        ],
        failing: [
            """
            Resources:
              Orders: # <-
                Type: AWS::DynamoDB::Table
                DeletionPolicy: Retain
                Properties:
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
                  BillingMode: PAY_PER_REQUEST
              AppLogs: # <-
                Type: AWS::Logs::LogGroup
            """
        ]
    )

    /// The types that hold data CloudFormation would delete with them (cfn-lint's list of
    /// stateful resources, less the S3 bucket, which is not deleted while it holds objects).
    static let types: Set<String> = [
        "AWS::Backup::BackupVault", "AWS::CloudFormation::Stack", "AWS::Cognito::UserPool", "AWS::DocDB::DBCluster",
        "AWS::DocDB::DBInstance", "AWS::DynamoDB::GlobalTable", "AWS::DynamoDB::Table", "AWS::EC2::Volume",
        "AWS::EFS::FileSystem", "AWS::EMR::Cluster", "AWS::ElastiCache::CacheCluster", "AWS::ElastiCache::ReplicationGroup",
        "AWS::Elasticsearch::Domain", "AWS::FSx::FileSystem", "AWS::KMS::Key", "AWS::Kinesis::Stream", "AWS::Logs::LogGroup",
        "AWS::Neptune::DBCluster", "AWS::Neptune::DBInstance", "AWS::OpenSearchService::Domain",
        "AWS::Organizations::Account", "AWS::QLDB::Ledger", "AWS::RDS::DBCluster", "AWS::RDS::DBInstance",
        "AWS::Redshift::Cluster", "AWS::SDB::Domain", "AWS::SQS::Queue", "AWS::SecretsManager::Secret",
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources {
            guard let type = r.type, Self.types.contains(type) else { continue }
            for policy in ["DeletionPolicy", "UpdateReplacePolicy"] where r.node[policy] == nil {
                findings.append(
                    context.finding(
                        Self.self,
                        "\(r.logicalId) (\(type)) has no \(policy): CloudFormation deletes it \(policy == "DeletionPolicy" ? "with the stack" : "when an update replaces it"); write the policy you want",
                        at: r.idRange,
                        path: ["Resources", r.logicalId]
                    )
                )
            }
        }
    }
}
