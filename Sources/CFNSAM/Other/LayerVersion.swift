import CFNModel

/// `AWS::Serverless::LayerVersion`: a Lambda layer version whose logical id carries the hash of
/// its definition (a changed layer is a new version; `RetentionPolicy`, Retain by default, keeps
/// the old one), with its `LayerName` kept so the ARN stays the same but for the version.
enum LayerVersion: ResourceTranslator {
    static let type = "AWS::Serverless::LayerVersion"

    static let properties = PropertyTable([
        ("LayerName", .type(.oneOf([.string, .map]))),
        ("Description", .type(.string)),
        ("PublishLambdaVersion", .type(.bool)),
        ("ContentUri", .type(.oneOf([.string, .map]), required: true)),
        ("CompatibleArchitectures", .type(.listOf(.oneOf([.string, .map])))),
        ("CompatibleRuntimes", .type(.listOf(.oneOf([.string, .map])))),
        ("LicenseInfo", .type(.string)),
        ("RetentionPolicy", .type(.string)),
    ])

    static func translate(_ r: SAMResource, _ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        var resolved = r
        for name in ["LayerName", "LicenseInfo", "Description", "RetentionPolicy"] {
            guard let value = r[name], value.isTruthy else { continue }
            let v = context.intrinsics.resolved(value)
            guard v.stringValue != nil || v.mapValue != nil || v.isIntrinsic else {
                throw r.error("Could not resolve parameter for '\(name)' or parameter is not a String.", at: name)
            }
            resolved.properties[name] = v
        }
        let options = "['Retain', 'Delete']"
        var retention: String? = nil
        if let policy = resolved["RetentionPolicy"] {
            if policy.isIntrinsic {
                throw r.error(
                    "'RetentionPolicy' does not accept intrinsic functions, please use one of the following options: \(options)",
                    at: "RetentionPolicy"
                )
            }
            guard let s = policy.stringValue else {
                throw r.error("Invalid 'RetentionPolicy' type, please use one of the following options: \(options)", at: "RetentionPolicy")
            }
            guard let option = ["Retain", "Delete"].first(where: { $0.lowercased() == s.lowercased() }) else {
                throw r.error("'RetentionPolicy' must be one of the following options: \(options).", at: "RetentionPolicy")
            }
            retention = option
        }
        var attributes = r.passthroughAttributes
        if let retention {
            attributes.removeAll { $0.0 == "DeletionPolicy" }
            attributes.append(("DeletionPolicy", .string(retention)))
        } else if !attributes.contains(where: { $0.0 == "DeletionPolicy" }) {
            attributes.append(("DeletionPolicy", "Retain"))
        }

        // The hash is of the SAM resource as it stands (parameters resolved), without the
        // attributes that do not change the layer.
        var hashed = Map()
        hashed["Type"] = .string(type)
        if let d = r.attribute("DependsOn") { hashed["DependsOn"] = d }
        for (name, value) in r.supportedAttributes where !["DeletionPolicy", "UpdateReplacePolicy", "Metadata"].contains(name) {
            hashed[name] = value
        }
        var props = Map()
        for (name, _) in properties.entries { if let v = resolved[name] { props[name] = v } }
        hashed["Properties"] = Node(.map(props))
        var outer = Map()
        outer[r.logicalId] = Node(.map(hashed))
        let id = LogicalId.make(r.logicalId, Node(.map(outer)))
        context.changedIds[r.logicalId] = id

        if let architectures = r["CompatibleArchitectures"], let list = architectures.listValue {
            for a in list where !a.isIntrinsic && !["x86_64", "arm64"].contains(a.stringValue ?? "") {
                throw SAMError("CompatibleArchitectures needs to be a list of 'x86_64' or 'arm64'", logicalId: id, range: a.range)
            }
        }
        let layerName = resolved["LayerName"].flatMap { $0.isTruthy ? $0 : nil } ?? .string(r.logicalId)
        var layer = CFNResource(
            id,
            "AWS::Lambda::LayerVersion",
            origin: r.origin(),
            properties: [
                (
                    "Content",
                    try S3Location.code(r["ContentUri"]!, r, "ContentUri", bucket: "S3Bucket", key: "S3Key", version: "S3ObjectVersion")
                ),
                ("Description", resolved["Description"]), ("LayerName", layerName),
                ("CompatibleArchitectures", r["CompatibleArchitectures"]), ("CompatibleRuntimes", r["CompatibleRuntimes"]),
                ("LicenseInfo", resolved["LicenseInfo"]),
            ],
            attributes: attributes
        )
        if let d = r.attribute("DependsOn") { layer.attributes["DependsOn"] = d }
        return [layer]
    }
}
