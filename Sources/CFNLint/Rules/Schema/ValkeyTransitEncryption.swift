/// E3704: Valkey replication group without TransitEncryptionEnabled.
struct ValkeyTransitEncryption: ConstraintRule {
    static let info = RuleInfo(
        id: "E3704",
        title: "Valkey replication group without TransitEncryptionEnabled",
        description: """
            An `AWS::ElastiCache::ReplicationGroup` with `Engine: valkey` must say whether it \
            encrypts traffic: `TransitEncryptionEnabled` is required. Reported on \
            `Properties`. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Sessions:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties:
                  ReplicationGroupDescription: sessions
                  Engine: valkey
                  TransitEncryptionEnabled: true
            """
        ],
        failing: [
            """
            Resources:
              Sessions:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties: # <-
                  ReplicationGroupDescription: sessions
                  Engine: valkey
            """
        ]
    )
}
