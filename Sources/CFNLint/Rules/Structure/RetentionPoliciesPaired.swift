import CFNModel

/// W3011: a resource that keeps its data on deletion (or on replacement) but not on the other.
struct RetentionPoliciesPaired: Rule {
    static let info = RuleInfo(
        id: "W3011",
        title: "DeletionPolicy without UpdateReplacePolicy",
        description: """
            A resource is deleted in two ways: when the stack deletes it (DeletionPolicy) and \
            when an update replaces it (UpdateReplacePolicy). A resource that asks for anything \
            but `Delete` in one of the two, and leaves the other out, is still deleted the other \
            way; set both. A value from a function counts as not `Delete`. Lambda versions and \
            layer versions are left out (CloudFormation never replaces them in place).
            """,
        passing: [
            """
            Resources:
              Logs:
                Type: AWS::S3::Bucket
                DeletionPolicy: Retain
                UpdateReplacePolicy: Retain
              Scratch:
                Type: AWS::S3::Bucket
                DeletionPolicy: Delete
              Layer:
                Type: AWS::Lambda::LayerVersion
                DeletionPolicy: Retain
                Properties:
                  Content:
                    S3Bucket: artifacts
                    S3Key: layer.zip
            """
        ],
        failing: [
            """
            Parameters:
              Keep:
                Type: String
                AllowedValues: [Retain, Delete]
            Resources:
              Logs: # <-
                Type: AWS::S3::Bucket
                DeletionPolicy: Retain
              Archive: # <-
                Type: AWS::S3::Bucket
                UpdateReplacePolicy: Retain
              Database: # <-
                Type: AWS::DynamoDB::Table
                DeletionPolicy: !Ref Keep
                Properties:
                  AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                  KeySchema: [{AttributeName: id, KeyType: HASH}]
                  BillingMode: PAY_PER_REQUEST
            """
        ],
        fixes: [
            FixExample(
                before: """
                    Resources:
                      Logs:
                        Type: AWS::S3::Bucket
                        DeletionPolicy: Retain # audit logs
                      Archive:
                        Type: AWS::S3::Bucket
                        UpdateReplacePolicy: Retain
                        Properties:
                          BucketName: archive
                    """,
                after: """
                    Resources:
                      Logs:
                        Type: AWS::S3::Bucket
                        DeletionPolicy: Retain # audit logs
                        UpdateReplacePolicy: Retain
                      Archive:
                        Type: AWS::S3::Bucket
                        UpdateReplacePolicy: Retain
                        DeletionPolicy: Retain
                        Properties:
                          BucketName: archive
                    """,
                safety: .unsafe
            ),
            FixExample(
                before: """
                    {
                      "Resources": {
                        "Logs": {
                          "Type": "AWS::S3::Bucket",
                          "DeletionPolicy": "Retain"
                        }
                      }
                    }
                    """,
                after: """
                    {
                      "Resources": {
                        "Logs": {
                          "Type": "AWS::S3::Bucket",
                          "DeletionPolicy": "Retain",
                          "UpdateReplacePolicy": "Retain"
                        }
                      }
                    }
                    """,
                safety: .unsafe
            ),
        ]
    )

    /// Types CloudFormation never replaces in place: a new version is a new resource.
    static let exempt: Set<String> = ["AWS::Lambda::Version", "AWS::Lambda::LayerVersion"]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources {
            if let type = r.type, Self.exempt.contains(type) { continue }
            let deletion = r.node["DeletionPolicy"]
            let replace = r.node["UpdateReplacePolicy"]
            // Both written (whatever they say), or neither: nothing is missing.
            guard (deletion == nil) != (replace == nil), let given = deletion ?? replace, given.stringValue != "Delete"
            else { continue }
            let (set, missing) = deletion != nil ? ("DeletionPolicy", "UpdateReplacePolicy") : ("UpdateReplacePolicy", "DeletionPolicy")
            var finding = context.finding(
                Self.self,
                "\(r.logicalId) has \(set == "DeletionPolicy" ? "a" : "an") \(set) but no \(missing): it is still deleted when \(missing == "DeletionPolicy" ? "the stack deletes it" : "an update replaces it")",
                at: r.idRange,
                path: ["Resources", r.logicalId]
            )
            // Unsafe: keeping data the author let go may cost, and `Snapshot` fits only some types.
            finding.fix = context.fix("add \(missing) as \(set) says", .unsafe) { text in
                // A value the other policy takes (`RetainExceptOnCreate` is DeletionPolicy's alone).
                let takes: Set<String> =
                    missing == "UpdateReplacePolicy" ? ["Retain", "Snapshot"] : ["Retain", "Snapshot", "RetainExceptOnCreate"]
                guard given.range.isKnown, given.stringValue.map(takes.contains) ?? (given.functionValue != nil) else { return nil }
                let end = text.contentEnd(given, after: given.range.start.offset)
                guard text.holds(given.range), end <= text.bytes.count else { return nil }
                let written = text.text(given.range.start.offset, end)
                guard !written.contains("\n") else { return nil }
                return text.insertEntry(after: set, in: r.node, key: missing, yaml: written, jsonValue: written)
            }
            findings.append(finding)
        }
    }
}
