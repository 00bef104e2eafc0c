/// AWS partitions and ARNs, as aws-sam-translator builds them.
enum Partition {
    /// The partition of a region: `aws-cn` for `cn-*`, `aws-us-gov` for `us-gov-*`, the ISO and
    /// EUSC partitions for theirs, `aws` for every other.
    static func of(region: String) -> String {
        let r = region.lowercased()
        let prefixes: [(String, String)] = [
            ("cn-", "aws-cn"), ("us-iso-", "aws-iso"), ("us-isob", "aws-iso-b"), ("us-gov", "aws-us-gov"),
            ("eu-isoe", "aws-iso-e"), ("us-isof", "aws-iso-f"), ("eusc-", "aws-eusc"),
        ]
        return prefixes.first { r.hasPrefix($0.0) }?.1 ?? "aws"
    }

    /// `arn:<partition>:<service>:<region>:${AWS::AccountId}:<resource>` (for `Fn::Sub`); the region
    /// is `${AWS::Region}` unless given, and may be empty.
    static func arn(_ partition: String, _ service: String, _ resource: String, accountId: Bool = true, region: String? = nil) -> String {
        var arn = "arn:\(partition):\(service):\(region ?? "${AWS::Region}"):"
        if accountId { arn += "${AWS::AccountId}:" }
        return arn + resource
    }
}
