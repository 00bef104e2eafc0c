import CFNModel

/// The custom domain of an API Gateway v2 API (`Domain` of an `HttpApi` or `WebSocketApi`): an
/// `AWS::ApiGatewayV2::DomainName`, an `ApiMapping` per base path, and Route 53 alias records.
struct ApiV2Domain {
    var domain: CFNResource
    var mappings: [CFNResource]
    var recordSetGroup: CFNResource?

    /// What `Domain` (its parameter references resolved) makes for `api`, whose stage is
    /// `stageId`. `tagName` is the tag SAM puts on the domain name (`httpapi:createdBy`),
    /// `attributes` those every resource made takes (`Condition`, ...); `groups` holds the record set groups shared with other APIs.
    static func make(
        _ config: Node,
        api: SAMResource,
        stageId: String,
        tagName: String,
        attributes: [(String, Node)],
        groups: inout RecordSetGroups
    ) throws(SAMError) -> ApiV2Domain {
        let origin = api.origin(property: "Domain")
        let map = config.mapValue ?? Map()
        func value(_ key: String) -> Node? {
            guard let v = map[key], !v.isNull else { return nil }
            return v
        }
        guard let domainName = value("DomainName"), let certificate = value("CertificateArn") else {
            throw api.error("Custom Domains only works if both DomainName and CertificateArn are provided.", at: "Domain")
        }
        let domainId = LogicalId.make("ApiGatewayDomainNameV2", domainName)
        let endpoint = value("EndpointConfiguration") ?? "REGIONAL"
        guard endpoint.stringValue == "REGIONAL" else {
            throw api.error("EndpointConfiguration for Custom Domains must be one of ['REGIONAL'].", at: "Domain")
        }
        var configuration: [(String, Node)] = [("CertificateArn", certificate), ("EndpointType", endpoint)]
        if let v = value("OwnershipVerificationCertificateArn"), v.isTruthy {
            configuration.append(("OwnershipVerificationCertificateArn", v))
        }
        if let v = value("SecurityPolicy"), v.isTruthy { configuration.append(("SecurityPolicy", v)) }
        var domain = CFNResource(
            domainId,
            "AWS::ApiGatewayV2::DomainName",
            origin: origin,
            properties: [
                ("DomainName", domainName), ("DomainNameConfigurations", .list([.map(configuration)])),
                ("Tags", .map([(tagName, Node.string("SAM"))])),
            ],
            attributes: attributes
        )
        if let mtls = value("MutualTlsAuthentication"), mtls.isTruthy {
            let allowed = ["TruststoreUri", "TruststoreVersion"]
            guard let m = mtls.mapValue else {
                throw api.error(
                    "MutualTlsAuthentication must be a map with at least one of the following fields ['TruststoreUri', 'TruststoreVersion'].",
                    at: "Domain"
                )
            }
            let unknown = m.keys.filter { !allowed.contains($0) }.sorted()
            if !unknown.isEmpty {
                // aws-sam-translator names the unknown fields in brackets, where a resource id goes.
                throw api.error(
                    "Unknown MutualTlsAuthentication fields [\(unknown.joined(separator: ","))]. Available MutualTlsAuthentication "
                        + "fields are ['TruststoreUri', 'TruststoreVersion'].",
                    at: "Domain"
                )
            }
            var out: [(String, Node)] = []
            for key in allowed { if let v = m[key], v.isTruthy { out.append((key, v)) } }
            domain["MutualTlsAuthentication"] = Node.map(out)
        }

        var mappings: [CFNResource] = []
        func mapping(_ id: String, key: Node?) -> CFNResource {
            CFNResource(
                id,
                "AWS::ApiGatewayV2::ApiMapping",
                origin: origin,
                properties: [
                    ("DomainName", .ref(domainId)), ("ApiId", .ref(api.logicalId)), ("Stage", .ref(stageId)), ("ApiMappingKey", key),
                ],
                attributes: attributes
            )
        }
        var basePaths: [Node]? = nil
        if let b = value("BasePath"), b.isTruthy {
            if b.stringValue != nil { basePaths = [b] } else if let l = b.listValue { basePaths = l }
        }
        if let basePaths {
            for path in basePaths {
                guard let p = path.stringValue else { throw api.error("Basepath must be a string.", at: "Domain") }
                guard p.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/-_".contains($0)) }) else {
                    throw api.error("Invalid Basepath name provided.", at: "Domain")
                }
                let id = api.logicalId + p.filter { !"-_/".contains($0) } + "ApiMapping"
                var key = Substring(p)
                while key.hasPrefix("/") { key = key.dropFirst() }
                while key.hasSuffix("/") { key = key.dropLast() }
                mappings.append(mapping(id, key: Node(.string(String(key)), range: path.range)))
            }
        } else {
            mappings.append(mapping(api.logicalId + "ApiMapping", key: nil))
        }

        var group: CFNResource? = nil
        if let route53 = value("Route53") {
            guard let r = route53.mapValue else { throw api.error("Property 'Domain.Route53' should be a map.", at: "Domain") }
            func route(_ key: String) -> Node? {
                guard let v = r[key], !v.isNull else { return nil }
                return v
            }
            guard route("HostedZoneId") != nil || route("HostedZoneName") != nil else {
                throw api.error(
                    "HostedZoneId or HostedZoneName is required to enable Route53 support on Custom Domains.",
                    at: "Domain"
                )
            }
            let id = route("HostedZoneId")
            let groupId = "RecordSetGroup" + LogicalId.hash(id?.isTruthy ?? false ? id : route("HostedZoneName"))
            var g =
                groups[groupId]
                ?? CFNResource(
                    groupId,
                    "AWS::Route53::RecordSetGroup",
                    origin: origin,
                    properties: r[entry: "HostedZoneId"] != nil ? [("HostedZoneId", id)] : [("HostedZoneName", route("HostedZoneName"))],
                    attributes: attributes
                )
            var records = g["RecordSets"]?.listValue ?? []
            var alias: [(String, Node)] = []
            if let health = route("EvaluateTargetHealth") { alias.append(("EvaluateTargetHealth", health)) }
            alias += [("HostedZoneId", .getAtt(domainId, "RegionalHostedZoneId")), ("DNSName", .getAtt(domainId, "RegionalDomainName"))]
            func record(_ type: String) -> Node {
                var set: [(String, Node)] = [("Name", domainName), ("Type", .string(type)), ("AliasTarget", .map(alias))]
                if let region = route("Region") { set.append(("Region", region)) }
                if let identifier = route("SetIdentifier") { set.append(("SetIdentifier", identifier)) }
                return .map(set)
            }
            records.append(record("A"))
            if case .bool(true) = route("IpV6")?.value { records.append(record("AAAA")) }
            g["RecordSets"] = .list(records)
            groups[groupId] = g
            group = g
        }
        return ApiV2Domain(domain: domain, mappings: mappings, recordSetGroup: group)
    }
}
