import CFNModel

/// The `format`s of the resource schemas that name an AWS identifier, with the pattern a literal
/// value must match and the rule (cfn-lint's numbering) that reports a mismatch.
public enum Formats {
    public struct Check: Sendable {
        public let ruleId: String
        public let pattern: Pattern?
        public let source: String
    }

    private static let arn = "^arn:aws[a-zA-Z-]*:"

    /// format name -> check. A pattern the linear-time matcher cannot take stays listed, unchecked.
    public static let table: [String: Check] = {
        let rows: [(String, String, String)] = [
            ("AWS::EC2::SecurityGroup.Id", "E1150", "^sg-([a-fA-F0-9]{8}|[a-fA-F0-9]{17})$"),
            ("AWS::EC2::VPC.Id", "E1151", "^vpc-(([0-9A-Fa-f]{8})|([0-9A-Fa-f]{17}))$"),
            ("AWS::EC2::Image.Id", "E1152", "^ami-([0-9a-z]{8}|[0-9a-z]{17})$"),
            ("AWS::EC2::SecurityGroup.Name", "E1153", "^[a-zA-Z0-9 \\._\\-:\\/()#\\,@\\[\\]+=&;\\{\\}!\\$\\*]+$"),
            ("AWS::EC2::Subnet.Id", "E1154", "^subnet-(([0-9A-Fa-f]{8})|([0-9A-Fa-f]{17}))$"),
            ("AWS::Logs::LogGroup.Name", "E1155", "^[\\.\\-_\\/#A-Za-z0-9]{1,512}\\Z"),
            ("AWS::IAM::Role.Arn", "E1156", arn + "iam::\\d{12}:role/.+$"),
            ("AWS::KMS::Key.Arn", "E1157", arn + "kms:[a-z0-9-]+:\\d{12}:(key|alias)/.+$"),
            ("AWS::SNS::Topic.Arn", "E1158", arn + "sns:[a-z0-9-]+:\\d{12}:.+$"),
            ("AWS::ACM::Certificate.Arn", "E1159", arn + "acm:[a-z0-9-]+:\\d{12}:certificate/.+$"),
            ("AWS::Lambda::Function.Arn", "E1160", arn + "lambda:[a-z0-9-]+:\\d{12}:function:.+(:.+)?$"),
            ("AWS::KMS::Alias.AliasName", "E1164", "^alias/[a-zA-Z0-9:/_-]+$"),
            ("AWS::Lambda::Function.Name", "E1163", "^[a-zA-Z0-9_-]{1,140}$"),
        ]
        var table: [String: Check] = [:]
        for (format, id, source) in rows {
            table[format] = Check(ruleId: id, pattern: try? Pattern(source), source: source)
        }
        return table
    }()
}
