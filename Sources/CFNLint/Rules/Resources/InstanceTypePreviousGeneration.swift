import CFNModel

/// I3100: an instance type of a previous generation.
struct InstanceTypePreviousGeneration: Rule {
    static let info = RuleInfo(
        id: "I3100",
        title: "Previous-generation instance type",
        description: """
            The instance, database or cache node type is of a family AWS lists as previous \
            generation (`t1`, `c1`-`c3`, `m1`-`m3`, `r1`-`r3`, `cc2`, `cg1`, `cr1`, `g2`, `hi1`, `hs1`, \
            `i2`): a current family gives more for less. Read on EC2 instances, launch \
            configurations and templates, hosts, capacity reservations, RDS instances \
            (`db.m3.large`), ElastiCache clusters and replication groups (`cache.r3.large`), \
            OpenSearch and Elasticsearch domains, when the type is written as text. Reported on \
            the property.
            """,
        passing: [
            """
            Resources:
              Web:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0a1b2c3d4e5f67890
                  InstanceType: m7g.large
            """
        ],
        failing: [
            """
            Resources:
              Web:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0a1b2c3d4e5f67890
                  InstanceType: m3.medium # <-
              Template:
                Type: AWS::EC2::LaunchTemplate
                Properties:
                  LaunchTemplateData:
                    InstanceType: t1.micro # <-
              Database:
                Type: AWS::RDS::DBInstance
                DeletionPolicy: Snapshot
                UpdateReplacePolicy: Snapshot
                Properties:
                  Engine: postgres
                  DBInstanceClass: db.m1.small # <-
                  AllocatedStorage: "20"
                  BackupRetentionPeriod: 7
            """
        ]
    )

    /// Where each type writes its instance type: the property, under an object property or not.
    static let places: [String: [String]] = [
        "AWS::AutoScaling::LaunchConfiguration": ["InstanceType"],
        "AWS::EC2::CapacityReservation": ["InstanceType"],
        "AWS::EC2::Host": ["InstanceType"],
        "AWS::EC2::Instance": ["InstanceType"],
        "AWS::RDS::DBInstance": ["DBInstanceClass"],
        "AWS::ElastiCache::CacheCluster": ["CacheNodeType"],
        "AWS::ElastiCache::GlobalReplicationGroup": ["CacheNodeType"],
        "AWS::ElastiCache::ReplicationGroup": ["CacheNodeType"],
        "AWS::EC2::LaunchTemplate": ["LaunchTemplateData", "InstanceType"],
        "AWS::OpenSearchService::Domain": ["ClusterConfig", "InstanceType"],
        "AWS::Elasticsearch::Domain": ["ElasticsearchClusterConfig", "InstanceType"],
    ]

    /// The previous-generation families, as the part of a type name between dots.
    static let families: Set<String> = [
        "c1", "c2", "c3", "m1", "m2", "m3", "r1", "r2", "r3", "cc2", "cg1", "cr1", "g2", "hi1", "hs1", "i2", "t1",
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources {
            guard let type = r.type, let place = Self.places[type] else { continue }
            var node = r.node["Properties"]
            for key in place.dropLast() { node = node?[key] }
            guard let entry = node?.mapValue?[entry: place[place.count - 1]], case .string(let value) = entry.value.value,
                Self.isPreviousGeneration(value)
            else { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "\(value) is a previous-generation type: a current one costs less for the same work",
                    at: entry.keyRange,
                    path: ["Resources", r.logicalId, "Properties"] + place
                )
            )
        }
    }

    /// Whether one of the dot-separated parts of the name is a previous-generation family.
    static func isPreviousGeneration(_ name: String) -> Bool {
        name.split(separator: ".", omittingEmptySubsequences: false).contains { families.contains(String($0)) }
    }
}
