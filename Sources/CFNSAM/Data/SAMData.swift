import CFNModel

/// The transform's data, generated from the aws-sam-translator wheel (scripts/sam-data.py), read
/// where it is compiled in: nothing is decoded before it is needed.
enum SAMData {
    /// Whether `name` is one of SAM's policy templates.
    static func isPolicyTemplate(_ name: String) -> Bool { policyTemplates[name] != nil }

    /// The policy template `name`: a mapping with `Parameters` and `Definition`, decoded from its
    /// own JSON (a transform keeps the templates it decoded, `PolicyTemplateCache`).
    static func policyTemplate(_ name: String) -> Map? {
        guard let json = policyTemplates[name] else { return nil }
        return decode(json, "policy_templates.json#\(name)")
    }

    /// The ARN of an AWS managed policy by name in a partition (`aws`, `aws-cn`, `aws-us-gov`,
    /// `aws-eusc`), from the bundled table: records sorted by partition and name, searched in
    /// place (building a table of 3,600 names would cost more than a whole transform's lookups).
    static func managedPolicyArn(_ name: String, partition: String) -> String? {
        var key = Array(partition.utf8)
        key.append(UInt8(ascii: " "))
        key += name.utf8
        var table = managedPolicies  // a literal: its UTF-8 is read in place, not copied
        return table.withUTF8 { b in searchRecords(b, key) }
    }

    /// Binary search over `;`-separated `partition name arn` records sorted by `partition name`
    /// (as bytes): the ARN of the record whose key is `key`.
    private static func searchRecords(_ b: UnsafeBufferPointer<UInt8>, _ key: [UInt8]) -> String? {
        let semicolon = UInt8(ascii: ";")
        let space = UInt8(ascii: " ")
        var lo = 0
        var hi = b.count
        while lo < hi {
            // The record around the middle: back to its start, on to its end.
            var start = (lo + hi) / 2
            while start > lo, b[start - 1] != semicolon { start -= 1 }
            var end = start
            while end < hi, b[end] != semicolon { end += 1 }
            // Its key: up to the second space.
            var keyEnd = start
            var spaces = 0
            while keyEnd < end {
                if b[keyEnd] == space {
                    spaces += 1
                    if spaces == 2 { break }
                }
                keyEnd += 1
            }
            let order = compare(b, start, keyEnd, key)
            if order == 0 {
                guard keyEnd < end else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: b[(keyEnd + 1)..<end]), as: UTF8.self)
            }
            if order < 0 { lo = end + 1 } else { hi = start }
        }
        return nil
    }

    /// The bytes `b[from..<to]` against `key`: negative, zero or positive, as bytes order.
    private static func compare(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, _ key: [UInt8]) -> Int {
        var i = from
        var j = 0
        while i < to, j < key.count {
            if b[i] != key[j] { return b[i] < key[j] ? -1 : 1 }
            i += 1
            j += 1
        }
        return (to - from) - key.count
    }

    /// The connector profiles: `Permissions` (source type -> destination type -> profile) and
    /// `CfnResourceProperties`.
    static let connectors: Map = decode(connectorProfiles, "profiles.json")

    private static func decode(_ json: String, _ name: String) -> Map {
        // The data is generated and checked by make test: a failure here is a build defect.
        guard let template = try? Template(text: json, path: name) else { fatalError("SAM data \(name) does not decode") }
        return template.root
    }
}

/// The policy templates one transform has decoded, by name: each is decoded once per run.
struct PolicyTemplateCache {
    private var decoded: [String: Map] = [:]

    /// The template `name` (nil when SAM has none of that name).
    mutating func template(_ name: String) -> Map? {
        if let t = decoded[name] { return t }
        guard let t = SAMData.policyTemplate(name) else { return nil }
        decoded[name] = t
        return t
    }
}
