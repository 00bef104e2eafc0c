import CFNModel
import Foundation
import Testing

@testable import CFNLint
@testable import CFNSchema

/// W1031-W1035 and W1040: the values Fn::Sub, Fn::Join, Fn::Split, Fn::Select and
/// Fn::ToJsonString make, checked against the property. The expected lines are cfn-lint
/// 1.51.0's on the same templates (run by hand; `cfn-lint -f parseable`).
@Suite("Resolved function values")
struct ResolvedFunctionTests {
    static func found(_ text: String) -> [String] {
        let findings = Linter(options: LintOptions(asOf: LintDate("2026-11-25")!)).lint(bytes: Array(text.utf8), path: "t.yaml").findings
        let ids: Set<String> = ["W1030", "W1031", "W1032", "W1033", "W1034", "W1035", "W1036", "W1040"]
        return Array(Set(findings.filter { ids.contains($0.ruleId) }.map { "\($0.range.start.line):\($0.ruleId)" })).sorted {
            ($0.split(separator: ":")[0].count, $0) < ($1.split(separator: ":")[0].count, $1)
        }
    }

    @Test("each function's value, resolved through parameters, pseudo-parameters, mappings and the others, at cfn-lint's lines")
    func resolved() {
        let template = """
            Parameters:
              Name:
                Type: String
                Default: My_Bucket
              Csv:
                Type: String
                AllowedValues: ["a,B_C", "x,y"]
              Subnets:
                Type: String
                Default: subnet-0a1b2c3d,private-b
            Mappings:
              Names:
                Site:
                  Prefix: UPPER
            Resources:
              BySub:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${AWS::Region}-X"
              BySubMap:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub
                    - "${Prefix}-logs"
                    - Prefix: !FindInMap [Names, Site, Prefix]
              ByJoin:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Join ["-", [!Ref Name, x]]
              BySelect:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Select [1, !Split [",", !Ref Csv]]
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: !Select [0, !Split [",", "1000"]]
                  MaximumMessageSize: !Join ["", ["1", "0"]]
              Balancer:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Subnets: !Split [",", !Ref Subnets]
            """
        // The Select of a parameter's item breaks the pattern on the parameter's values (line 7,
        // both allowed values), and the bucket name format where the function is (33).
        #expect(Self.found(template) == ["7:W1035", "19:W1031", "23:W1031", "29:W1032", "33:W1035", "37:W1035", "38:W1032", "42:W1033"])
    }

    @Test("what cannot be known, a value one fitting literal clears, and values the conditions rule out give nothing")
    func quiet() {
        let template = """
            Parameters:
              Env:
                Type: String
                AllowedValues: [Dev, prod]
              Upper:
                Type: String
                AllowedValues: [prod, PROD]
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              Lower: !Equals [!Ref Upper, prod]
            Resources:
              Site:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${Env}-site"
              Logs:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${Site}-logs"
              Arn:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Join ["-", [!GetAtt Site.Arn, x]]
              Unused:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub ["logs-${AWS::Region}", {Other: !GetAtt Site.Arn}]
              Branch:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Join ["", [!If [IsProd, "A", "b"], "-x"]]
              Guarded:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !If [Lower, !Join ["-", [!Ref Upper, site]], !Ref AWS::NoValue]
              Json:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName:
                    Fn::ToJsonString: {a: b}
            """
        // `Dev-site` breaks the name, but `prod-site` fits and a Fn::Sub needs one; `Site` and
        // GetAtt are resources; an unused variable that cannot be resolved leaves the Sub
        // alone, as in cfn-lint; `b-x` fits; `PROD-site` only where Lower is false; no
        // ToJsonString without its transform (that is E1031).
        #expect(Self.found(template) == [])
    }

    @Test("a parameter met twice takes one value; ${!Literal} is checked as cfn-lint writes it")
    func consistent() {
        let template = """
            Parameters:
              Env:
                Type: String
                AllowedValues: [Dev, prod]
            Resources:
              Twice:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: !Join ["", [!Ref Env, !Ref Env]]
                  MaximumMessageSize: !Join ["", ["1", !Select [0, ["0", !Ref Env]]]]
              Literal:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${!Literal}-x"
            """
        #expect(Self.found(template) == ["9:W1032", "10:W1032", "14:W1031"])
    }

    @Test("W1040 with the LanguageExtensions transform, on the JSON text cfn-lint writes")
    func toJsonString() {
        let template = """
            Transform: AWS::LanguageExtensions
            Resources:
              Site:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName:
                    Fn::ToJsonString: {site: web}
              Settings:
                Type: AWS::SSM::Parameter
                Properties:
                  Type: String
                  Value:
                    Fn::ToJsonString: {team: web, size: 3}
            """
        let findings = Linter().lint(bytes: Array(template.utf8), path: "t.yaml").findings.filter { $0.ruleId == "W1040" }
        #expect(Set(findings.map(\.range.start.line)) == [7])
        #expect(findings.contains { $0.message.contains(#"'{"site": "web"}'"#) })
    }

    @Test("text of a Fn::Sub as cfn-lint cuts it, and JSON as Python writes it")
    func pieces() throws {
        typealias P = FunctionResolver.SubPiece
        #expect(
            FunctionResolver.subPieces("a-${ Env }-${!Lit}-${AWS::Region}") == [
                P.literal("a-"), .variable("Env"), .literal("-${!Lit}-"), .variable("AWS::Region"),
            ]
        )
        #expect(FunctionResolver.subPieces("${unclosed\n and ${x}") == [P.literal("${unclosed\n and "), .variable("x")])
        let node = try Template.document(bytes: Array(#"{"a": [1, "é", true, null], "b": {"c": "q\"t"}}"#.utf8))
        #expect(FunctionResolver.pythonJSON(node) == #"{"a": [1, "\u00e9", true, null], "b": {"c": "q\"t"}}"#)
        #expect(FunctionResolver.split("a,,b", by: ",") == ["a", "", "b"])
    }
}
