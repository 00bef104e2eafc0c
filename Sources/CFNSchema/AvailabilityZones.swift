/// The Availability Zones of each region, as `Fn::GetAZs` returns them (cfn-lint 1.51.0's list):
/// each region's zones are the region's name and one letter.
enum AvailabilityZones {
    /// The zones of `region`; nil for a region not listed.
    static func of(_ region: String) -> [String]? {
        letters[region].map { $0.map { region + String($0) } }
    }

    private static let letters: [String: String] = [
        "af-south-1": "abc",
        "ap-east-1": "abc",
        "ap-east-2": "abc",
        "ap-northeast-1": "abcd",
        "ap-northeast-2": "abcd",
        "ap-northeast-3": "abc",
        "ap-south-1": "abc",
        "ap-south-2": "abc",
        "ap-southeast-1": "abc",
        "ap-southeast-2": "abc",
        "ap-southeast-3": "abc",
        "ap-southeast-4": "abc",
        "ap-southeast-5": "abc",
        "ap-southeast-6": "abc",
        "ap-southeast-7": "abc",
        "ca-central-1": "abcd",
        "ca-west-1": "abc",
        "cn-north-1": "abc",
        "cn-northwest-1": "abc",
        "eu-central-1": "abc",
        "eu-central-2": "abc",
        "eu-isoe-west-1": "abc",
        "eu-north-1": "abc",
        "eu-south-1": "abc",
        "eu-south-2": "abc",
        "eu-west-1": "abc",
        "eu-west-2": "abc",
        "eu-west-3": "abc",
        "eusc-de-east-1": "abc",
        "il-central-1": "abc",
        "me-central-1": "abc",
        "me-south-1": "abc",
        "mx-central-1": "abc",
        "sa-east-1": "abc",
        "us-east-1": "abcdef",
        "us-east-2": "abc",
        "us-gov-east-1": "abc",
        "us-gov-west-1": "abc",
        "us-iso-east-1": "abc",
        "us-iso-west-1": "abc",
        "us-isob-east-1": "abc",
        "us-isob-west-1": "abc",
        "us-isof-east-1": "abc",
        "us-isof-south-1": "abc",
        "us-west-1": "ac",
        "us-west-2": "abcd",
    ]
}
