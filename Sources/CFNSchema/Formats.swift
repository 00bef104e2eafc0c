import CFNModel

/// The `format`s of the resource schemas that name an AWS identifier, with the pattern a literal
/// value must match and the rule (cfn-lint's numbering) that reports a mismatch.
public enum Formats {
    public struct Check: Sendable {
        public let ruleId: String
        public let pattern: Pattern?
        public let source: String
        /// A test written out for a pattern the linear-time matcher cannot take (look-arounds).
        public var test: (@Sendable (String) -> Bool)? = nil

        /// Whether a literal is of the format; nil when it cannot be told.
        public func accepts(_ text: String) -> Bool? {
            if let test { return test(text) }
            return pattern?.matchesPrefix(text)
        }
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
            (
                "AWS::KMS::Key.Id", "E1162",
                "^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias/[a-zA-Z0-9/_-]+)$"
            ),
        ]
        var table: [String: Check] = [:]
        for (format, id, source) in rows {
            table[format] = Check(ruleId: id, pattern: try? Pattern(source), source: source)
        }
        table["AWS::S3::Bucket.Name"] = Check(
            ruleId: "E1161",
            pattern: nil,
            source: "^(?![.\\-])(?!.*\\.\\.)(?!.*\\-\\.)(?!.*\\.\\-)[a-z0-9.\\-]{3,63}(?<![.\\-])$",
            test: isBucketName
        )
        return table
    }()

    /// Whether `text` is an S3 bucket name (the `AWS::S3::Bucket.Name` format): 3 to 63
    /// lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit,
    /// without `..`, `.-` or `-.`. The empty name passes: `BucketName: ""` lets CloudFormation
    /// choose one.
    public static func isBucketName(_ text: String) -> Bool {
        var u = Array(text.utf8)
        if u.isEmpty { return true }
        // Python's `$` also matches before a final line break.
        if u.last == 10 { u.removeLast() }
        guard (3...63).contains(u.count) else { return false }
        let dot: UInt8 = 46
        let dash: UInt8 = 45
        for (i, c) in u.enumerated() {
            guard (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == dot || c == dash else { return false }
            if i > 0, u[i - 1] == dot || u[i - 1] == dash, c == dot || (c == dash && u[i - 1] == dot) { return false }
        }
        return u.first != dot && u.first != dash && u.last != dot && u.last != dash
    }

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

    /// Whether `text` is an IPv4 address as Python's `ipaddress.IPv4Address` reads it (the
    /// `ipv4` format): four decimal octets, 0-255, without leading zeros.
    public static func isIPv4Address(_ text: String) -> Bool { ipv4(Substring(text)) != nil }

    /// Whether `text` is an IPv6 address as Python's `ipaddress.IPv6Address` reads it (the
    /// `ipv6` format): eight groups of 1-4 hex digits, one `::` for a run of zero groups, the
    /// last two groups possibly an IPv4 address; no `%scope`.
    public static func isIPv6Address(_ text: String) -> Bool {
        if text.isEmpty || text.contains("%") { return false }
        let bytes = Array(text.utf8)
        var halves: [String] = []
        var start = 0
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 58, bytes[i + 1] == 58 {
                halves.append(String(decoding: bytes[start..<i], as: UTF8.self))
                i += 2
                start = i
            } else {
                i += 1
            }
        }
        halves.append(String(decoding: bytes[start...], as: UTF8.self))
        guard halves.count <= 2 else { return false }
        func groups(_ part: String, last: Bool) -> Int? {
            if part.isEmpty { return 0 }
            let items = part.split(separator: ":", omittingEmptySubsequences: false)
            var count = 0
            for (k, g) in items.enumerated() {
                if last, k == items.count - 1, g.contains(".") {
                    guard ipv4(g) != nil else { return nil }
                    count += 2
                    continue
                }
                guard (1...4).contains(g.utf8.count), g.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 102) })
                else { return nil }
                count += 1
            }
            return count
        }
        if halves.count == 1 {
            return groups(halves[0], last: true) == 8
        }
        guard let head = groups(halves[0], last: false), let tail = groups(halves[1], last: true) else { return false }
        return head + tail <= 7
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
