import CFNModel

/// A REST API's `Domain`: the custom domain name (`DomainNameV2` for a private endpoint), its
/// base path mappings to the API's stage, the Route 53 records (in a record set group that APIs
/// on the same hosted zone share, unless `SeparateRecordSetGroup`), and a private domain's
/// access association.
enum RestApiDomain {
    struct Made {
        /// The domain, the mappings and a separate record set group, in that order.
        var main: [CFNResource] = []
        /// The access association of a private domain (SAM lists it last).
        var association: [CFNResource] = []
    }

    static func make(_ api: inout RestApiBuilder, _ context: inout TransformContext) throws(SAMError) -> Made {
        guard let domain = api.domain else { return Made() }
        guard var settings = domain.mapValue else {
            throw SAMError("Property 'Domain' should be a map.", logicalId: api.id, range: api.r.range(of: "Domain"))
        }
        func required(_ key: String) throws(SAMError) -> Node {
            guard let value = settings[key], !value.isNull else {
                throw SAMError("Property 'Domain.\(key)' is required.", logicalId: api.id, range: api.r.range(of: "Domain"))
            }
            return value
        }
        let domainName = try required("DomainName")
        let certificate = try required("CertificateArn")
        let origin = api.r.origin(property: "Domain")
        let attributes = api.r.passthroughAttributes
        let endpoints = ["EDGE", "REGIONAL", "PRIVATE"]
        let badEndpoint = "EndpointConfiguration for Custom Domains must be one of ['EDGE', 'REGIONAL', 'PRIVATE']."
        let isPrivate = settings["EndpointConfiguration"]?.stringValue == "PRIVATE"
        var made = Made()

        let domainId: String
        var resource: CFNResource
        if isPrivate {
            domainId = LogicalId.make("ApiGatewayDomainNameV2", domainName)
            resource = CFNResource(domainId, "AWS::ApiGateway::DomainNameV2", origin: origin, attributes: attributes)
            resource["DomainName"] = domainName
            resource["CertificateArn"] = certificate
        } else {
            domainId = LogicalId.make("ApiGatewayDomainName", domainName)
            settings["ApiDomainName"] = .string(domainId)
            resource = CFNResource(domainId, "AWS::ApiGateway::DomainName", origin: origin, attributes: attributes)
            resource["DomainName"] = domainName
            if settings["EndpointConfiguration"]?.isNull ?? true { settings["EndpointConfiguration"] = "REGIONAL" }
        }
        let endpoint = settings["EndpointConfiguration"] ?? Node(.null)
        guard let endpointName = endpoint.stringValue, endpoints.contains(endpointName) else {
            throw SAMError(badEndpoint, logicalId: api.id, range: endpoint.range)
        }
        if !isPrivate { resource[endpointName == "REGIONAL" ? "RegionalCertificateArn" : "CertificateArn"] = certificate }
        var configuration: [(String, Node)] = [("Types", [.string(endpointName)])]
        if let ip = settings["IpAddressType"], ip.isTruthy { configuration.append(("IpAddressType", ip)) }
        resource["EndpointConfiguration"] = .map(configuration)
        if !isPrivate, let mtls = settings["MutualTlsAuthentication"], mtls.isTruthy {
            guard let m = mtls.mapValue else {
                throw SAMError("Property 'Domain.MutualTlsAuthentication' should be a map.", logicalId: api.id, range: mtls.range)
            }
            guard m.allSatisfy({ ["TruststoreUri", "TruststoreVersion"].contains($0.key) }) else {
                throw SAMError(
                    "Available Domain.MutualTlsAuthentication fields are ['TruststoreUri', 'TruststoreVersion'].",
                    logicalId: api.id,
                    range: mtls.range
                )
            }
            var out: [(String, Node)] = []
            for key in ["TruststoreUri", "TruststoreVersion"] { if let v = m[key], v.isTruthy { out.append((key, v)) } }
            resource["MutualTlsAuthentication"] = .map(out)
        }
        for key in ["SecurityPolicy", "EndpointAccessMode", "Policy", "OwnershipVerificationCertificateArn"] {
            if let v = settings[key], v.isTruthy { resource[key] = v }
        }
        made.main.append(resource)

        // Base path mappings: one to the stage, or one per base path (letters and digits only,
        // unless NormalizeBasePath is false).
        var basePaths: [Node]? = nil
        if let bp = settings["BasePath"], bp.isTruthy {
            if bp.stringValue != nil { basePaths = [bp] } else if let list = bp.listValue { basePaths = list }
        }
        let normalize = settings[entry: "NormalizeBasePath"].map { $0.value.isTruthy } ?? true
        let mappingType = isPrivate ? "AWS::ApiGateway::BasePathMappingV2" : "AWS::ApiGateway::BasePathMapping"
        func mapping(_ logicalId: String, _ basePath: Node?) -> CFNResource {
            CFNResource(
                logicalId,
                mappingType,
                origin: origin,
                properties: [
                    isPrivate ? ("DomainNameArn", .ref(domainId)) : ("DomainName", .ref(domainId)), ("RestApiId", .ref(api.id)),
                    ("Stage", .ref(api.id + ".Stage")), ("BasePath", basePath),
                ],
                attributes: attributes
            )
        }
        if let basePaths {
            for (i, bp) in basePaths.enumerated() {
                guard let text = bp.stringValue else {
                    throw SAMError("Property 'Domain.BasePath[\(i)]' should be a string.", logicalId: api.id, range: bp.range)
                }
                let path = String(text.filter { $0.isLetter || $0.isNumber })
                made.main.append(mapping(api.id + path + "BasePathMapping", normalize ? .string(path) : bp))
            }
        } else {
            made.main.append(mapping(api.id + "BasePathMapping", nil))
        }

        if isPrivate, let association = settings["AccessAssociation"], !association.isNull {
            let endpointId = association["VpcEndpointId"] ?? Node(.null)
            made.association.append(
                CFNResource(
                    LogicalId.make("DomainNameAccessAssociation", .list([endpointId, .string(domainId)])),
                    "AWS::ApiGateway::DomainNameAccessAssociation",
                    origin: origin,
                    properties: [
                        ("DomainNameArn", .ref(domainId)), ("AccessAssociationSourceType", "VPCE"), ("AccessAssociationSource", endpointId),
                    ],
                    attributes: attributes
                )
            )
        }

        if let route53 = settings["Route53"], !route53.isNull {
            guard var r53 = route53.mapValue else {
                throw SAMError("Property 'Domain.Route53' should be a map.", logicalId: api.id, range: route53.range)
            }
            let zoneId = r53["HostedZoneId"].flatMap { $0.isNull ? nil : $0 }
            let zoneName = r53["HostedZoneName"].flatMap { $0.isNull ? nil : $0 }
            guard zoneId != nil || zoneName != nil else {
                throw SAMError(
                    "HostedZoneId or HostedZoneName is required to enable Route53 support on Custom Domains.",
                    logicalId: api.id,
                    range: route53.range
                )
            }
            let zone = (zoneId?.isTruthy ?? false) ? zoneId! : (zoneName ?? Node(.null))
            let records = recordSets(settings, domainId: domainId, &r53)
            settings["Route53"] = Node(.map(r53), range: route53.range)
            if let separate = r53["SeparateRecordSetGroup"], separate.isTruthy {
                guard case .bool = separate.value else {
                    throw SAMError(
                        "Property 'Domain.Route53.SeparateRecordSetGroup' should be a boolean.",
                        logicalId: api.id,
                        range: separate.range
                    )
                }
                var group = CFNResource(
                    LogicalId.make("RecordSetGroup", .list([zone, domainName])),
                    "AWS::Route53::RecordSetGroup",
                    origin: origin,
                    attributes: attributes
                )
                if let zoneId, zoneId.isTruthy { group["HostedZoneId"] = zoneId }
                if let zoneName, zoneName.isTruthy { group["HostedZoneName"] = zoneName }
                group["RecordSets"] = .list(records)
                made.main.append(group)
            } else {
                // One group per hosted zone, shared with the HTTP and WebSocket APIs' domains.
                let groupId = "RecordSetGroup" + LogicalId.hash(zone)
                if var group = context.recordSetGroups[groupId] {
                    group["RecordSets"] = .list((group["RecordSets"]?.listValue ?? []) + records)
                    context.recordSetGroups[groupId] = group
                } else {
                    var group = CFNResource(groupId, "AWS::Route53::RecordSetGroup", origin: origin, attributes: attributes)
                    if r53[entry: "HostedZoneId"] != nil { group["HostedZoneId"] = r53["HostedZoneId"] }
                    if r53[entry: "HostedZoneName"] != nil { group["HostedZoneName"] = r53["HostedZoneName"] }
                    group["RecordSets"] = .list(records)
                    context.recordSetGroups[groupId] = group
                }
                if !context.restApi.recordSetGroupIds.contains(groupId) { context.restApi.recordSetGroupIds.append(groupId) }
            }
        }
        api.domain = Node(.map(settings), range: domain.range)
        return made
    }

    /// The `A` record (and `AAAA` with `IpV6`) aliasing the domain name to the API's endpoint.
    private static func recordSets(_ settings: Map, domainId: String, _ route53: inout Map) -> [Node] {
        var alias: [(String, Node)] = []
        if let health = route53["EvaluateTargetHealth"], !health.isNull { alias.append(("EvaluateTargetHealth", health)) }
        switch settings["EndpointConfiguration"]?.stringValue {
        case "REGIONAL":
            alias.append(("HostedZoneId", .getAtt(domainId, "RegionalHostedZoneId")))
            alias.append(("DNSName", .getAtt(domainId, "RegionalDomainName")))
        case "EDGE":
            if route53["DistributionDomainName"].map({ $0.isNull }) ?? true {
                route53["DistributionDomainName"] = .getAtt(domainId, "DistributionDomainName")
            }
            alias.append(("HostedZoneId", "Z2FDTNDATAQYW2"))
            alias.append(("DNSName", route53["DistributionDomainName"]!))
        default:
            alias.append(("HostedZoneId", route53["VpcEndpointHostedZoneId"] ?? Node(.null)))
            alias.append(("DNSName", route53["VpcEndpointDomainName"] ?? Node(.null)))
        }
        func record(_ type: String) -> Node {
            var out: [(String, Node)] = [
                ("Name", settings["DomainName"] ?? Node(.null)), ("Type", .string(type)), ("AliasTarget", .map(alias)),
            ]
            if let region = route53["Region"], !region.isNull { out.append(("Region", region)) }
            if let id = route53["SetIdentifier"], !id.isNull { out.append(("SetIdentifier", id)) }
            return .map(out)
        }
        var out = [record("A")]
        if case .bool(true) = route53["IpV6"]?.value { out.append(record("AAAA")) }
        return out
    }
}
