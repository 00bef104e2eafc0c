import CFNModel

/// E3001: every resource is a mapping with a string `Type`, only CloudFormation's resource
/// attributes, and a logical id of letters and digits.
struct ResourceConfiguration: Rule {
    static let info = RuleInfo(
        id: "E3001",
        title: "Resource shape",
        description: """
            Resources must be a mapping of logical ids to resources. A logical id has only ASCII \
            letters and digits (Fn::ForEach:: keys are allowed with the AWS::LanguageExtensions \
            transform), at most 255 of them. A resource is a mapping with a string Type and only the attributes \
            Properties, DependsOn, Condition, Metadata, DeletionPolicy, UpdateReplacePolicy, \
            CreationPolicy and UpdatePolicy (Version only on custom resources, which take no \
            CreationPolicy or UpdatePolicy; SAM's extra attributes with the SAM transform). \
            Condition is a condition name, DependsOn a logical id or a list of them, and \
            Properties a mapping; a resource without a Type still has its attributes checked. A \
            logical id that YAML reads as a number or a boolean \
            (unquoted `0:`) is reported at the `Resources` key.
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                DeletionPolicy: Retain
                DependsOn: [Topic]
                Properties:
                  BucketName: logs
              Topic:
                Type: AWS::SNS::Topic
            """
        ],
        failing: [
            """
            Resources:
              My_Bucket: # <-
                Type: AWS::S3::Bucket
              Topic: # <-
                Properties: {}
              Queue:
                Type: AWS::SQS::Queue
                Count: 3 # <-
                Condition: false # <-
              Versioned: # <-
                Type: AWS::SNS::Topic
                Version: "1.0"
              Key:
                Type: [AWS::KMS::Key] # <-
            """,
            """
            Resources: # <-
              0:
                Type: AWS::SNS::Topic
              Untyped: # <-
                Propertes: # <-
                  TopicName: alerts
            """,
            """
            Resources:
              \(NameLengthApproaching.name("Topic", 256)): # <-
                Type: AWS::SNS::Topic
            """,
        ],
        fixes: [
            FixExample(
                before: """
                    Resources:
                      Queue:
                        Type: AWS::SQS::Queue
                      Topic:
                        Type: AWS::SNS::Topic
                        dependsOn: Queue
                        Propertes:
                          TopicName: alerts
                    """,
                after: """
                    Resources:
                      Queue:
                        Type: AWS::SQS::Queue
                      Topic:
                        Type: AWS::SNS::Topic
                        DependsOn: Queue
                        Properties:
                          TopicName: alerts
                    """,
                safety: .unsafe
            )
        ]
    )

    static let attributes: Set<String> = [
        "Type", "Properties", "DependsOn", "Condition", "Metadata", "DeletionPolicy", "UpdateReplacePolicy",
        "CreationPolicy", "UpdatePolicy",
    ]
    static let samAttributes: Set<String> = ["Connectors", "IgnoreGlobals"]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        guard let section = template.root[entry: "Resources"] else { return }
        guard let resources = section.value.mapValue else {
            findings.append(
                context.finding(
                    Self.self,
                    "Resources must be a mapping, not \(section.value.kindDescription)",
                    at: section.keyRange,
                    path: ["Resources"]
                )
            )
            return
        }
        let sam = template.hasServerlessTransform
        let forEach = template.hasLanguageExtensions
        for r in resources {
            let path = ["Resources", r.key]
            if forEach && r.key.hasPrefix("Fn::ForEach::") { continue }
            // An unquoted `0:` is a number to YAML, no logical id; cfn-lint has no position for
            // such a key and reports it at the section.
            if MappingConfiguration.isNotString(r) {
                findings.append(
                    context.finding(Self.self, "logical id \(r.key) is not a string", at: section.keyRange, path: ["Resources"])
                )
                continue
            }
            // CloudFormation takes logical ids of at most 255 characters (cfn-lint files a
            // longer one here, under E3001, whatever else is wrong with it).
            if r.key.count > 255 {
                findings.append(
                    context.finding(
                        Self.self,
                        "logical id '\(r.key.prefix(40))...' is \(r.key.count) characters long, more than the 255 allowed",
                        at: r.keyRange,
                        path: path
                    )
                )
            }
            if !isAlphanumeric(r.key) {
                findings.append(
                    context.finding(
                        Self.self,
                        "logical id '\(r.key)' may only have letters and digits",
                        at: r.keyRange,
                        path: path
                    )
                )
                continue
            }
            guard let resource = r.value.mapValue else {
                findings.append(
                    context.finding(
                        Self.self,
                        "resource '\(r.key)' must be a mapping, not \(r.value.kindDescription)",
                        at: r.keyRange,
                        path: path
                    )
                )
                continue
            }
            let type = resource[entry: "Type"]
            // The attributes are still checked without a Type (as cfn-lint does).
            if type == nil {
                findings.append(context.finding(Self.self, "resource '\(r.key)' has no Type", at: r.keyRange, path: path))
            }
            let typeName = type?.value.stringValue
            if let type, typeName == nil {
                findings.append(
                    context.finding(
                        Self.self,
                        "the Type of '\(r.key)' must be a string, not \(type.value.kindDescription)",
                        at: type.keyRange,
                        path: path + ["Type"]
                    )
                )
            }
            let custom = typeName.map { $0 == "AWS::CloudFormation::CustomResource" || $0.hasPrefix("Custom::") } ?? false
            for a in resource {
                let known =
                    Self.attributes.contains(a.key) || (a.key == "Version" && custom) || (sam && Self.samAttributes.contains(a.key))
                if !known && a.key == "Version" {
                    // cfn-lint puts this one at the resource: Version is refused for the resource's type.
                    findings.append(
                        context.finding(
                            Self.self,
                            "'\(r.key)' is not a custom resource: it takes no Version",
                            at: r.keyRange,
                            path: path + [a.key]
                        )
                    )
                    continue
                }
                if !known {
                    var finding = context.finding(Self.self, "'\(a.key)' is not a resource attribute", at: a.keyRange, path: path + [a.key])
                    let names = Self.attributes.sorted() + (custom ? ["Version"] : []) + (sam ? Self.samAttributes.sorted() : [])
                    finding.fix = context.renameFix(a, to: names, in: resource)
                    findings.append(finding)
                    continue
                }
                switch a.key {
                case "Condition":
                    if a.value.stringValue == nil {
                        findings.append(
                            context.finding(
                                Self.self,
                                "Condition must name a condition, not be \(a.value.kindDescription)",
                                at: a.keyRange,
                                path: path + [a.key]
                            )
                        )
                    }
                case "DependsOn":
                    if let items = a.value.listValue {
                        for (i, item) in items.enumerated() where item.stringValue == nil {
                            findings.append(
                                context.finding(
                                    Self.self,
                                    "DependsOn entries must be logical ids, not \(item.kindDescription)",
                                    at: item.range,
                                    path: path + [a.key, String(i)]
                                )
                            )
                        }
                    } else if a.value.stringValue == nil {
                        findings.append(
                            context.finding(
                                Self.self,
                                "DependsOn must be a logical id or a list of them, not \(a.value.kindDescription)",
                                at: a.keyRange,
                                path: path + [a.key]
                            )
                        )
                    }
                case "CreationPolicy", "UpdatePolicy":
                    if custom {
                        findings.append(
                            context.finding(
                                Self.self,
                                "a custom resource takes no \(a.key)",
                                at: a.keyRange,
                                path: path + [a.key]
                            )
                        )
                    } else if a.value.mapValue == nil && a.value.functionValue == nil {
                        findings.append(
                            context.finding(
                                Self.self,
                                "\(a.key) must be a mapping, not \(a.value.kindDescription)",
                                at: a.keyRange,
                                path: path + [a.key]
                            )
                        )
                    }
                default:
                    break
                }
            }
        }
    }
}
