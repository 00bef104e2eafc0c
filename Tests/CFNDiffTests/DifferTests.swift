import CFNDiff
import CFNModel
import CFNSchema
import Testing

/// The engine on real corpus templates, changed programmatically.
@Suite("Differ on corpus templates")
struct DifferTests {
    static let vpc = "ECS/FargateLaunchType/clusters/private-vpc.yaml"
    static let table = "DynamoDB/DynamoDB_Table.yaml"
    static let instance = "Solutions/CloudFormationEndpointSignals/cfn-endpoint-creationpolicy.yaml"

    let differ = Differ()

    @Test("the bundled schemas are found")
    func schemasFound() {
        #expect(SchemaStore.bundled != nil)
    }

    @Test("a template against itself: no differences")
    func identical() throws {
        let t = try Corpus.template(Self.vpc)
        let d = differ.diff(t, t)
        #expect(d.isEmpty)
        #expect(d.summary == "no differences")
    }

    @Test("a create-only property (VPC CidrBlock) replaces, and carries to the subnets and groups that take its Ref")
    func createOnlyReplaces() throws {
        let old = try Corpus.template(Self.vpc)
        let new = old.setting("Resources/VPC/Properties/CidrBlock", str("10.9.0.0/16"))
        let d = differ.diff(old, new)
        let vpc = try #require(d.resource("VPC"))
        #expect(vpc.impact == .replaced)
        #expect(vpc.changes.count == 1)
        #expect(vpc.changes[0].path.dotted == "Properties.CidrBlock")
        #expect(vpc.changes[0].replacement == .always)
        #expect(vpc.reasons.contains("Properties.CidrBlock is create-only"))
        // Subnet.VpcId and SecurityGroup.VpcId are create-only and take !Ref VPC.
        for id in ["PublicSubnetOne", "PrivateSubnetTwo", "PublicLoadBalancerSG", "FargateContainerSecurityGroup"] {
            let r = try #require(d.resource(id), "\(id) not in the diff")
            #expect(r.impact == .replaced, "\(id): \(r.impact)")
            #expect(r.reasons.contains { $0.contains("takes VPC's Ref") })
        }
        // Replaced subnets carry on: a route table association's SubnetId is create-only.
        #expect(d.resource("PublicSubnetOneRouteTableAssociation")?.impact == .replaced)
        #expect(d.hasReplacement)
    }

    @Test("a mutable property updates in place")
    func mutableUpdates() throws {
        let old = try Corpus.template(Self.table)
        let path = "Resources/myDynamoDBTable/Properties/PointInTimeRecoverySpecification/PointInTimeRecoveryEnabled"
        let new = old.setting(path, Node(.bool(false)))
        let d = differ.diff(old, new)
        #expect(d.resources.count == 1)
        let r = try #require(d.resource("myDynamoDBTable"))
        #expect(r.impact == .updated)
        #expect(r.changes.map(\.path.dotted) == ["Properties.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled"])
        #expect(r.changes[0].replacement == .never)
        #expect(r.changes[0].old?.range.start.line == 56)
        #expect(!d.hasReplacement)
        #expect(d.render(as: .text).contains("true -> false"))
    }

    @Test("naming a DynamoDB table replaces it (data gone)")
    func tableNameReplaces() throws {
        let old = try Corpus.template(Self.table)
        let new = old.setting("Resources/myDynamoDBTable/Properties/TableName", str("orders-v2"))
        let r = try #require(differ.diff(old, new).resource("myDynamoDBTable"))
        #expect(r.impact == .replaced)
        #expect(r.changes.first?.kind == .added)
        #expect(r.changes.first?.replacement == .always)
    }

    @Test("a conditionally create-only property (EC2 InstanceType) may replace")
    func conditionalMayReplace() throws {
        let old = try Corpus.template(Self.instance)
        let id = try #require(old.resources.first { $0.type == "AWS::EC2::Instance" }?.logicalId)
        let new = old.setting("Resources/\(id)/Properties/InstanceType", str("m7g.large"))
        let r = try #require(differ.diff(old, new).resource(id))
        #expect(r.impact == .mayReplace)
        #expect(r.changes.first?.replacement == .conditional)
    }

    @Test("a Type change replaces")
    func typeReplaces() throws {
        let old = try Corpus.template(Self.table)
        let new = old.setting("Resources/myDynamoDBTable/Type", str("AWS::DynamoDB::GlobalTable"))
        let r = try #require(differ.diff(old, new).resource("myDynamoDBTable"))
        #expect(r.impact == .replaced)
        #expect(r.oldType == "AWS::DynamoDB::Table")
        #expect(r.type == "AWS::DynamoDB::GlobalTable")
    }

    @Test("a logical-id rename is found: same type and properties")
    func rename() throws {
        let old = try Corpus.template(Self.vpc)
        let new = old.renamingResource("ECSCluster", to: "Cluster")
        let d = differ.diff(old, new)
        #expect(d.resources.count == 1)
        let r = try #require(d.resource("Cluster"))
        #expect(r.impact == .renamed)
        #expect(r.renamedFrom == "ECSCluster")
        #expect(d.resource("ECSCluster") == nil)
        #expect(d.hasDeletion)
        #expect(d.render(as: .text).contains("renamed from ECSCluster (delete + create unless refactored)"))
    }

    @Test("removal deletes, or orphans with DeletionPolicy: Retain; addition adds")
    func addRemoveOrphan() throws {
        let old = try Corpus.template(Self.vpc).setting("Resources/ECSRole/DeletionPolicy", str("Retain"))
        let new = old.setting("Resources/ECSRole", nil).setting("Resources/DynamoDBEndpoint", nil)
            .setting("Resources/Queue", Node(.map(Map([Map.Entry(key: "Type", value: str("AWS::SQS::Queue"))]))))
        let d = differ.diff(old, new)
        #expect(d.resource("ECSRole")?.impact == .orphaned)
        #expect(d.resource("DynamoDBEndpoint")?.impact == .removed)
        #expect(d.resource("Queue")?.impact == .added)
        // The removed role's statements show as removed.
        #expect(d.resource("ECSRole")?.security.contains { !$0.added && $0.kind == .statement } == true)
    }

    @Test("reordered lists: DependsOn, statements and rules are sets; other lists report moves")
    func reorderedLists() throws {
        let old = try Corpus.template(Self.vpc)
            .setting("Resources/PublicLoadBalancer/DependsOn", Node(.list([str("GatewayAttachement"), str("PublicRoute")])))
        let swappedDependsOn = old.setting(
            "Resources/PublicLoadBalancer/DependsOn",
            Node(.list([str("PublicRoute"), str("GatewayAttachement")]))
        )
        #expect(differ.diff(old, swappedDependsOn).isEmpty)

        let actions = try #require(old.value(at: "Resources/ECSRole/Properties/Policies/0/PolicyDocument/Statement/0/Action")?.listValue)
        let reversedActions = old.setting(
            "Resources/ECSRole/Properties/Policies/0/PolicyDocument/Statement/0/Action",
            Node(.list(actions.reversed()))
        )
        #expect(differ.diff(old, reversedActions).isEmpty)

        let subnets = try #require(old.value(at: "Resources/PublicLoadBalancer/Properties/Subnets")?.listValue)
        let swapped = old.setting("Resources/PublicLoadBalancer/Properties/Subnets", Node(.list(subnets.reversed())))
        let r = try #require(differ.diff(old, swapped).resource("PublicLoadBalancer"))
        #expect(r.impact == .updated)
        #expect(r.changes.count == 1)
        #expect(r.changes[0].kind == .moved)
        #expect(r.changes[0].path.dotted == "Properties.Subnets[1]")
        #expect(r.changes[0].oldPath?.dotted == "Properties.Subnets[0]")

        // An item inserted in the middle is one addition, not a shift of everything after it.
        let inserted = old.setting(
            "Resources/PublicLoadBalancer/Properties/Subnets",
            Node(.list([subnets[0], Node(.function(Intrinsic(.ref, str("PrivateSubnetOne")))), subnets[1]]))
        )
        let changes = try #require(differ.diff(old, inserted).resource("PublicLoadBalancer")).changes
        #expect(changes.map(\.kind) == [.added])
        #expect(changes.first?.path.dotted == "Properties.Subnets[1]")
    }

    @Test("short and long forms, GetAtt forms, numbers and their strings: the same")
    func formsAndScalars() throws {
        let yaml = """
            Parameters:
              Port: {Type: Number, Default: 80}
            Resources:
              SG:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: web
                  VpcId: !Ref Vpc
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0}
                    - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Role: !GetAtt Role.Arn
                  Timeout: 30
                  MemorySize: 128
                  Environment: {Variables: {DEBUG: true, NAME: !Sub "${AWS::StackName}-fn"}}
            """
        let json = """
            {"Resources": {
              "Fn": {"Properties": {"Environment": {"Variables": {"NAME": {"Fn::Sub": "${AWS::StackName}-fn"}, "DEBUG": "true"}},
                     "MemorySize": "128", "Timeout": 30.0, "Role": {"Fn::GetAtt": "Role.Arn"}}, "Type": "AWS::Lambda::Function"},
              "SG": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"VpcId": {"Ref": "Vpc"}, "GroupDescription": "web",
                     "SecurityGroupIngress": [{"CidrIp": "0.0.0.0/0", "IpProtocol": "tcp", "FromPort": "443", "ToPort": 443},
                                              {"IpProtocol": "tcp", "FromPort": "80", "ToPort": "80", "CidrIp": "0.0.0.0/0"}]}}},
             "Parameters": {"Port": {"Default": "80", "Type": "Number"}}}
            """
        let a = try Template(text: yaml, path: "a.yaml")
        let b = try Template(text: json, path: "b.json")
        let d = differ.diff(a, b)
        #expect(d.isEmpty, "\(d.render(as: .text))")

        // "80" against 81 is a change, shown with the quotes that tell a string from a number.
        let c = b.setting("Resources/Fn/Properties/MemorySize", num(256))
        let text = differ.diff(a, c).render(as: .text)
        #expect(text.contains("Properties.MemorySize: 128 -> 256"))
    }

    @Test("security-group rules and IAM statements added and removed")
    func securityTables() throws {
        let old = try Corpus.template(Self.vpc)
        let rule = Node(
            .map(
                Map([
                    Map.Entry(key: "IpProtocol", value: str("tcp")), Map.Entry(key: "FromPort", value: num(22)),
                    Map.Entry(key: "ToPort", value: num(22)), Map.Entry(key: "CidrIp", value: str("0.0.0.0/0")),
                ])
            )
        )
        let statement = Node(
            .map(
                Map([
                    Map.Entry(key: "Effect", value: str("Allow")), Map.Entry(key: "Action", value: str("s3:*")),
                    Map.Entry(key: "Resource", value: str("*")),
                ])
            )
        )
        let new = old.updating("Resources/PublicLoadBalancerSG/Properties/SecurityGroupIngress") { Node(.list($0.listValue! + [rule])) }
            .updating("Resources/ECSRole/Properties/Policies/0/PolicyDocument/Statement") { _ in Node(.list([statement])) }
        let d = differ.diff(old, new)
        let sg = try #require(d.resource("PublicLoadBalancerSG")?.security)
        #expect(sg.count == 1 && sg[0].kind == .ingress && sg[0].added)
        #expect(sg[0].fields.map(\.name) == ["IpProtocol", "FromPort", "ToPort", "CidrIp"])
        let role = try #require(d.resource("ECSRole")?.security)
        #expect(role.filter(\.added).count == 1)
        #expect(role.filter { !$0.added }.count == 1)
        let security = d.filtered(.security)
        #expect(Set(security.resources.map(\.logicalId)) == ["PublicLoadBalancerSG", "ECSRole"])
        let md = d.render(as: .markdown)
        #expect(md.contains("Security group ingress rules"))
        #expect(md.contains("IAM policy statements"))
    }

    @Test("parameters, outputs, mappings, metadata and transform changes")
    func sections() throws {
        let old = try Corpus.template(Self.table)
        let new = old.setting("Parameters/HashKeyElementType/Default", str("N"))
            .setting("Outputs/TableArn", Node(.map(Map([Map.Entry(key: "Value", value: str("x"))]))))
            .setting("Metadata/License", str("MIT"))
            .setting("Transform", str("AWS::Serverless-2016-10-31"))
        let d = differ.diff(old, new)
        #expect(d.resources.isEmpty)
        let names = d.sections.map { "\($0.section)/\($0.name ?? "")/\($0.kind.rawValue)" }
        #expect(names == ["Metadata//modified", "Parameters/HashKeyElementType/modified", "Transform//added", "Outputs/TableArn/added"])
        // One transform name equals a list of it.
        let listed = new.setting("Transform", Node(.list([str("AWS::Serverless-2016-10-31")])))
        #expect(differ.diff(new, listed).isEmpty)
    }

    @Test("the JSON rendering carries impacts, paths and lines")
    func jsonShape() throws {
        let old = try Corpus.template(Self.table)
        let new = old.setting("Resources/myDynamoDBTable/Properties/TableName", str("orders"))
        let json = differ.diff(old, new).render(as: .json)
        let parsed = try Template(text: json, path: "out.json")
        #expect(parsed.root["summary"]?["replaced"]?.scalarText == "1")
        let r = try #require(parsed.root["resources"]?.listValue?.first)
        #expect(r["impact"]?.stringValue == "replaced")
        #expect(r["changes"]?.listValue?.first?["path"]?.stringValue == "Properties.TableName")
        #expect(r["newLine"]?.scalarText == "43")
    }
}

@Suite("value semantics")
struct SemanticsTests {
    func same(_ a: String, _ b: String) throws -> Bool {
        let x = try Template(text: "Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties: {V: \(a)}\n")
        let y = try Template(text: "Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties: {V: \(b)}\n")
        return Differ(schemas: nil).diff(x, y).isEmpty
    }

    @Test("numbers and their JSON spellings as strings are equal; other spellings are not")
    func numbers() throws {
        #expect(try same("80", "'80'"))
        #expect(try same("1.5", "'1.5'"))
        #expect(try same("true", "'true'"))
        #expect(try same("yes", "'true'"))
        #expect(try !same("80", "'081'"))
        #expect(try !same("1", "'01'"))
        #expect(try !same("0755", "'0755'"))
        #expect(try same("0755", "493"))
        #expect(try !same("true", "'True'"))
        #expect(try !same("80", "81"))
    }
}

@Suite("Differ details")
struct DifferDetailTests {
    let differ = Differ()

    func template(_ yaml: String) throws -> Template { try Template(text: yaml, path: "t.yaml") }

    @Test("replacement carries through GetAtt and Sub into create-only properties")
    func carriedThroughGetAttAndSub() throws {
        let old = try template(
            """
            Resources:
              Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: vpc-123, CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 4, 8]]}
              Queue: {Type: AWS::SQS::Queue, Properties: {QueueName: !Sub "${Vpc}-queue"}}
              Topic: {Type: AWS::SNS::Topic, Properties: {DisplayName: !Ref Vpc}}
              Unrelated: {Type: AWS::SNS::Topic}
            """
        )
        let new = old.setting("Resources/Vpc/Properties/CidrBlock", str("10.1.0.0/16"))
        let d = differ.diff(old, new)
        #expect(d.resource("Vpc")?.impact == .replaced)
        #expect(d.resource("Subnet")?.impact == .replaced)
        #expect(d.resource("Queue")?.impact == .replaced)
        // DisplayName is mutable: the topic is updated with the new id, not replaced.
        #expect(d.resource("Topic")?.impact == .updated)
        #expect(d.resource("Unrelated") == nil)
        #expect(d.resources.map(\.logicalId) == ["Vpc", "Subnet", "Queue", "Topic"])
    }

    @Test("UpdateReplacePolicy: Retain is said; Fn::Sub with no variables equals its string; Fn::If names its branch")
    func details() throws {
        let old = try template(
            """
            Conditions:
              Prod: !Equals [!Ref AWS::Region, us-east-1]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                UpdateReplacePolicy: Retain
                Properties:
                  BucketName: !Sub ["logs-${AWS::AccountId}", {}]
                  VersioningConfiguration: !If [Prod, {Status: Enabled}, {Status: Suspended}]
            """
        )
        let same = old.setting("Resources/Bucket/Properties/BucketName", Node(.function(Intrinsic(.sub, str("logs-${AWS::AccountId}")))))
        #expect(differ.diff(old, same).isEmpty)
        let renamed = same.setting("Resources/Bucket/Properties/BucketName", str("logs"))
        let r = try #require(differ.diff(old, renamed).resource("Bucket"))
        #expect(r.impact == .replaced)
        #expect(r.reasons.contains { $0.contains("UpdateReplacePolicy: Retain") })
        let branch = old.setting("Resources/Bucket/Properties/VersioningConfiguration/Fn::If/2/Status", str("Enabled"))
        let changes = try #require(differ.diff(old, branch).resource("Bucket")).changes
        #expect(changes.map(\.path.dotted) == ["Properties.VersioningConfiguration.Fn::If[2].Status"])
    }
}
