import CFNModel
import Foundation
import Testing

@testable import CFNSAM

/// `AWS::LanguageExtensions` as CloudFormation documents it (the function references and the
/// RFCs of aws-cloudformation/cfn-language-discussion), and on the corpus templates that use it.
@Suite("SAM transform: AWS::LanguageExtensions before the SAM transform")
struct LanguageExtensionsTests {
    static let corpus = SAMFixtures.root + "/../shared/corpus/templates"

    func apply(_ template: Template, region: String = "us-east-1", parameters: [String: Node] = [:]) throws(SAMErrors) -> Map {
        try LanguageExtensions.apply(to: template, options: .init(region: region, parameterValues: parameters)).root
    }

    @Test("Fn::ForEach: a bucket and an output per item, loops nested, the loop keys gone (fn-foreach-s3-outputs.yaml)")
    func forEachBuckets() throws {
        let template = try Template(contentsOf: Self.corpus + "/aws-cloudformation-templates/CloudFormation/fn-foreach-s3-outputs.yaml")
        let root = try apply(template)
        let resources = try #require(root["Resources"]?.mapValue)
        #expect(resources.keys == ["S3BucketA", "S3BucketB", "S3BucketC"])
        #expect(resources["S3BucketB"]?["DeletionPolicy"]?.stringValue == "Retain")
        let outputs = try #require(root["Outputs"]?.mapValue)
        #expect(outputs.keys == ["S3BucketAArn", "S3BucketBArn", "S3BucketCArn"])
        // `!GetAtt [!Sub S3Bucket${Identifier}, !Ref Property]` names the bucket and the attribute.
        let target = outputs["S3BucketCArn"]?["Value"]?.functionValue?.getAttTarget
        #expect(target?.resource == "S3BucketC" && target?.attribute == "Arn")
        #expect(root["Transform"] == nil)
    }

    @Test("Fn::FindInMap: keys from Fn::Sub, Fn::If, Fn::Join, Fn::Select of Fn::Split, Fn::Length, Fn::ToJsonString")
    func findInMapEnhanced() throws {
        let template = try Template(contentsOf: Self.corpus + "/cfn-lint/test/fixtures/templates/good/functions_findinmap_enhanced.yaml")
        let resources = try #require(try apply(template)["Resources"])
        func value(_ id: String, _ property: String) -> String? { resources[id]?["Properties"]?[property]?.stringValue }
        #expect(value("Mesh", "MeshName") == "Value1")
        #expect(value("Mesh2", "MeshName") == "Value1", "IsProd holds with the default Stage")
        #expect(value("Cluster", "ClusterName") == "Value1")
        #expect(value("Queue", "QueueName") == "Value1")
        #expect(value("Cluster2", "ClusterName") == "Value2", "Fn::Length gives the indexes 0, 1 and 2")
        #expect(value("Cluster3", "ClusterName") == "Value3", "Fn::ToJsonString gives the compact JSON key")

        let dev = try #require(try apply(template, parameters: ["Stage": "Dev"])["Resources"])
        #expect(dev["Mesh2"]?["Properties"]?["MeshName"]?.stringValue == "Value5", "Fn::If takes the other branch")
    }

    @Test("Fn::FindInMap with DefaultValue: the mapping's value when it has one, else the default (the RFC's DNS example)")
    func findInMapDefault() throws {
        let template = try SAMFixtures.template(
            """
            Transform: AWS::LanguageExtensions
            Parameters:
              Country: {Type: String}
            Mappings:
              DNS:
                usa: {dns: mypage.com}
                canada: {dns: mypage.ca}
            Resources:
              Domain:
                Type: AWS::ApiGatewayV2::DomainName
                Properties:
                  DomainName: !FindInMap [DNS, !Ref Country, dns, {DefaultValue: !FindInMap [DNS, usa, dns]}]
            """
        )
        func domain(_ country: String) throws -> String? {
            try apply(template, parameters: ["Country": .string(country)])["Resources"]?["Domain"]?["Properties"]?["DomainName"]?
                .stringValue
        }
        #expect(try domain("canada") == "mypage.ca")
        #expect(try domain("iceland") == "mypage.com")
        // Without a value for Country the lookup waits for deployment.
        let unknown = try apply(template)["Resources"]?["Domain"]?["Properties"]?["DomainName"]
        #expect(unknown?.functionValue?.name == .findInMap)
    }

    @Test("Fn::ToJsonString: compact JSON in the order written; values known only at deploy time go in through Fn::Sub")
    func toJsonString() throws {
        let template = try SAMFixtures.template(
            """
            Transform: AWS::LanguageExtensions
            Parameters:
              ParameterName: {Type: String, Default: resolvedValue}
            Conditions:
              Never: !Equals [a, b]
            Resources:
              Secret:
                Type: AWS::SecretsManager::Secret
                Properties:
                  SecretString:
                    Fn::ToJsonString: {key1: value1, key2: !Ref ParameterName}
              Dashboard:
                Type: AWS::CloudWatch::Dashboard
                Properties:
                  DashboardBody:
                    Fn::ToJsonString:
                      widgets: [{type: text, x: 0, width: 3, properties: {markdown: "Hello ${name}"}}]
                      queue: !GetAtt Queue.Arn
                      debug: !If [Never, true, !Ref AWS::NoValue]
              Queue:
                Type: AWS::SQS::Queue
            """
        )
        let resources = try #require(try apply(template)["Resources"])
        #expect(resources["Secret"]?["Properties"]?["SecretString"]?.stringValue == #"{"key1":"value1","key2":"resolvedValue"}"#)
        let body = try #require(resources["Dashboard"]?["Properties"]?["DashboardBody"]?.functionValue)
        #expect(body.name == .sub)
        let parts = try #require(body.argument.listValue)
        #expect(
            parts.first?.stringValue
                == #"{"widgets":[{"type":"text","x":0,"width":3,"properties":{"markdown":"Hello ${!name}"}}],"queue":"${ToJsonString0}"}"#
        )
        #expect(parts.last?["ToJsonString0"]?.functionValue?.getAttTarget?.resource == "Queue")
    }

    @Test("Fn::Length counts a list, or a comma-delimited list parameter's items")
    func length() throws {
        let template = try SAMFixtures.template(
            """
            Transform: AWS::LanguageExtensions
            Parameters:
              Zones: {Type: CommaDelimitedList, Default: "a, b, c, d"}
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: {"Fn::Length": [1, !Ref Zones, 3]}
                  MaximumMessageSize: {"Fn::Length": !Ref Zones}
            """
        )
        let properties = try #require(try apply(template)["Resources"]?["Queue"]?["Properties"])
        #expect(properties["DelaySeconds"].map(PythonJSON.dumps) == "3")
        #expect(properties["MaximumMessageSize"].map(PythonJSON.dumps) == "4")
    }

    @Test("DeletionPolicy and UpdateReplacePolicy from a parameter, Fn::If or Fn::FindInMap (the RFC's examples)")
    func policies() throws {
        let template = try SAMFixtures.template(
            """
            Transform: AWS::LanguageExtensions
            Parameters:
              Stage: {Type: String, Default: Dev}
              Policy: {Type: String, Default: Snapshot}
            Conditions:
              IsProd: !Equals [!Ref Stage, Prod]
            Mappings:
              PartitionMap:
                aws: {DeletionPolicy: Retain}
                aws-cn: {DeletionPolicy: Delete}
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                DeletionPolicy: !If [IsProd, Retain, Delete]
                UpdateReplacePolicy: !Ref Policy
              Bucket:
                Type: AWS::S3::Bucket
                DeletionPolicy: !FindInMap [PartitionMap, !Ref AWS::Partition, DeletionPolicy]
            """
        )
        let dev = try #require(try apply(template)["Resources"])
        #expect(dev["Table"]?["DeletionPolicy"]?.stringValue == "Delete")
        #expect(dev["Table"]?["UpdateReplacePolicy"]?.stringValue == "Snapshot")
        #expect(dev["Bucket"]?["DeletionPolicy"]?.stringValue == "Retain")
        let prod = try #require(try apply(template, region: "cn-north-1", parameters: ["Stage": "Prod"])["Resources"])
        #expect(prod["Table"]?["DeletionPolicy"]?.stringValue == "Retain")
        #expect(prod["Bucket"]?["DeletionPolicy"]?.stringValue == "Delete")
    }

    @Test("SAM functions made by a loop become Lambda functions, each pointing at the loop in the source")
    func samFunctionsInALoop() throws {
        let text = """
            Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
            Parameters:
              Handlers: {Type: CommaDelimitedList, Default: "users,orders"}
            Resources:
              Fn::ForEach::Functions:
                - Name
                - !Ref Handlers
                - ${Name}Function:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: python3.12
                      Handler: ${Name}.handler
                      CodeUri: src/${Name}/
                      Environment:
                        Variables:
                          HANDLERS: {"Fn::Length": !Ref Handlers}
                          SELF: !Ref Name
            """
        let out = try SAMTransform().apply(to: try SAMFixtures.template(text))
        let resources = try #require(out.template.root["Resources"]?.mapValue)
        #expect(Set(resources.keys) == ["usersFunction", "usersFunctionRole", "ordersFunction", "ordersFunctionRole"])
        let orders = try #require(resources["ordersFunction"]?["Properties"])
        #expect(orders["Handler"]?.stringValue == "orders.handler")
        #expect(orders["Code"]?.stringValue == "src/orders/")
        #expect(orders["Environment"]?["Variables"]?["SELF"]?.stringValue == "orders")
        #expect(orders["Environment"]?["Variables"]?["HANDLERS"].map(PythonJSON.dumps) == "2")
        // The fragment's key is at line 8: both copies come from there.
        #expect(out.origins["usersFunction"]?.range.start.line == 8)
        #expect(out.origins["ordersFunctionRole"]?.range.start.line == 8)
    }

    @Test("a loop over values not known offline, a repeated key and a missing mapping key are errors at their place")
    func errors() throws {
        let template = try SAMFixtures.template(
            """
            Transform: AWS::LanguageExtensions
            Parameters:
              Names: {Type: CommaDelimitedList}
            Mappings:
              Sizes: {prod: {Memory: 1024}}
            Resources:
              Fn::ForEach::Unknown:
                - Name
                - !Ref Names
                - Topic${Name}: {Type: AWS::SNS::Topic}
              Fn::ForEach::Same:
                - Name
                - [a, b]
                - Queue: {Type: AWS::SQS::Queue}
              Fn::ForEach::NotThree: [Name, [a]]
              Function:
                Type: AWS::Lambda::Function
                Properties:
                  MemorySize: !FindInMap [Sizes, dev, Memory]
            """
        )
        do {
            _ = try apply(template)
            Issue.record("transformed")
        } catch {
            let messages = error.errors.map(\.description)
            #expect(error.errors.count == 4, "\(messages)")
            #expect(messages.contains { $0.contains("Fn::ForEach::Unknown") && $0.contains("--parameter Names=") })
            #expect(messages.contains { $0.contains("Fn::ForEach::Same") && $0.contains("'Queue'") })
            #expect(messages.contains { $0.contains("Fn::ForEach::NotThree") && $0.contains("three items") })
            #expect(messages.contains { $0.hasPrefix("[Function] Fn::FindInMap") && $0.contains("'dev'") })
            let lines = error.errors.map(\.range.start.line).sorted()
            #expect(lines == [7, 11, 15, 19])
        }
        // Given a value, the loop runs.
        let named = try apply(
            try SAMFixtures.template(
                """
                Transform: AWS::LanguageExtensions
                Parameters:
                  Names: {Type: CommaDelimitedList}
                Resources:
                  Fn::ForEach::Topics: [Name, !Ref Names, {"Topic&{Name}": {Type: AWS::SNS::Topic}}]
                """
            ),
            parameters: ["Names": "a-1,b.2"]
        )
        #expect(named["Resources"]?.mapValue?.keys == ["Topica1", "Topicb2"])
    }
}
