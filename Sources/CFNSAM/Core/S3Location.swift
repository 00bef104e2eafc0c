import CFNModel

/// SAM's artifact locations (`CodeUri`, `ContentUri`, `DefinitionUri`): an `s3://bucket/key`
/// URI (with an optional `?versionId=`), a `Bucket`/`Key`/`Version` mapping, or a local path.
enum S3Location {
    /// The parts of an `s3://bucket/key[?versionId=v]` URI, or nil when `uri` is not one.
    static func parse(_ uri: String) -> (bucket: String, key: String, version: String?)? {
        guard uri.hasPrefix("s3://") else { return nil }
        var rest = Substring(uri.dropFirst(5))
        var query = Substring("")
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        if let hash = query.firstIndex(of: "#") { query = query[..<hash] }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let bucket = String(rest[..<slash])
        var key = Substring(rest[slash...])
        while key.hasPrefix("/") { key = key.dropFirst() }
        // A bracketed host that is no IP address (an unresolved CDK token) is not a URI.
        if bucket.isEmpty || bucket.contains("[") || bucket.contains("]") || rest[slash...].isEmpty { return nil }
        var versions: [String] = []
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == "versionId", !parts[1].isEmpty { versions.append(percentDecoded(String(parts[1]))) }
        }
        return (bucket, String(key), versions.count == 1 ? versions[0] : nil)
    }

    /// Whether `uri` is a local file or folder that `aws cloudformation package` (or `sam
    /// package`) uploads: no URL scheme and no dynamic reference.
    static func isLocalPath(_ uri: String) -> Bool {
        !uri.containsBytes("://") && !uri.hasPrefix("{{resolve:") && !uri.isEmpty
    }

    /// The CloudFormation location for `value` (the property `property` of `resource`), with the
    /// given key names (`S3Bucket`/`S3Key`/`S3ObjectVersion` for Lambda code, `Bucket`/`Key`/`Version`
    /// for API definitions). A local path stays a path, for `aws cloudformation package`.
    static func code(
        _ value: Node,
        _ resource: SAMResource,
        _ property: String,
        bucket: String,
        key: String,
        version: String
    ) throws(SAMError) -> Node {
        if let map = value.mapValue {
            guard let b = map["Bucket"], b.isTruthy, let k = map["Key"], k.isTruthy else {
                throw resource.error("'\(property)' requires Bucket and Key properties to be specified.", at: property)
            }
            var out: [(String, Node)] = [(bucket, b), (key, k)]
            if let v = map["Version"] { out.append((version, v)) }
            return Node.map(out).stamped(value.range)
        }
        guard let uri = value.stringValue else {
            throw resource.error("'\(property)' must be of type dict or string.", at: property)
        }
        if uri.containsBytes("{{resolve:"), hasSlashedDynamicReference(uri) {
            throw resource.error(
                "Unsupported dynamic reference detected in '\(property)'. Please consider using alternative 'FunctionCode' object format.",
                at: property
            )
        }
        if let parts = parse(uri) {
            var out: [(String, Node)] = [(bucket, .string(parts.bucket)), (key, .string(parts.key))]
            if let v = parts.version { out.append((version, .string(v))) }
            return Node.map(out).stamped(value.range)
        }
        if isLocalPath(uri) { return value }
        throw resource.error(
            "'\(property)' is not a valid S3 Uri of the form 's3://bucket/key' with optional versionId query parameter.",
            at: property
        )
    }

    /// `{{resolve:ssm:/a/b}}` and the like: dynamic references whose name holds a slash.
    private static func hasSlashedDynamicReference(_ uri: String) -> Bool {
        for service in ["ssm", "ssm-secure", "secretsmanager"] {
            let marker = "{{resolve:" + service + ":"
            var rest = Substring(uri)
            while let r = rest.firstRange(of: marker) {
                let tail = rest[r.upperBound...]
                guard let end = tail.firstRange(of: "}}") else { break }
                let name = tail[..<end.lowerBound]
                let allowed = name.allSatisfy { $0.isLetter || $0.isNumber || "_.-/:".contains($0) }
                if allowed, name.contains("/") { return true }
                rest = tail[end.upperBound...]
            }
        }
        return false
    }

    private static func percentDecoded(_ s: String) -> String {
        var bytes: [UInt8] = []
        var it = Array(s.utf8)[...]
        while let c = it.first {
            it = it.dropFirst()
            if c == UInt8(ascii: "%"), it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                it = it.dropFirst(2)
            } else if c == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(c)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
