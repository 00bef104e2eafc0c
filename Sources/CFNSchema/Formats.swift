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

    /// Whether `text` is an IPv4 network as Python's `ipaddress.IPv4Network` (strict) reads it,
    /// which is what cfn-lint checks the schemas' `ipv4-network` format with: four decimal
    /// octets without leading zeros, an optional `/prefix` (0-32) or dotted net or host mask,
    /// and no bit set beyond the prefix.
    public static func isIPv4Network(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = ipv4(parts[0]) else { return false }
        var prefix = 32
        if parts.count == 2 {
            let p = parts[1]
            if !p.isEmpty, p.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                guard p.utf8.count <= 3, let n = Int(p), n <= 32 else { return false }
                prefix = n
            } else if let mask = ipv4(p) {
                guard let n = maskLength(mask) ?? maskLength(~mask) else { return false }
                prefix = n
            } else {
                return false
            }
        }
        let hostBits: UInt32 = prefix == 32 ? 0 : UInt32.max >> UInt32(prefix)
        return address & hostBits == 0
    }

    private static func ipv4(_ s: Substring) -> UInt32? {
        let octets = s.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for o in octets {
            guard !o.isEmpty, o.utf8.count <= 3, o.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = UInt32(o), n <= 255,
                o.utf8.count == 1 || o.utf8.first != 48
            else { return nil }
            value = value << 8 | n
        }
        return value
    }

    /// The prefix length of a contiguous netmask (ones then zeros); nil when it is not one.
    private static func maskLength(_ mask: UInt32) -> Int? {
        let ones = (~mask).leadingZeroBitCount
        let expected: UInt32 = ones == 0 ? 0 : UInt32.max << UInt32(32 - ones)
        return mask == expected ? ones : nil
    }
}
