import CFNModel

/// E3041: a Route 53 record's `Name` is not in its `HostedZoneName`, or the zone lacks its dot.
struct RecordSetName: Rule {
    static let info = RuleInfo(
        id: "E3041",
        title: "Record name outside its hosted zone",
        description: """
            The `Name` of an `AWS::Route53::RecordSet` must be the zone named by its \
            `HostedZoneName` or a name under it (`www.example.com.` in `example.com.`), and a \
            `HostedZoneName` is written fully qualified, ending in a dot. Names are compared as \
            written (a missing final dot on `Name` is supplied); each branch of a `Fn::If` is \
            checked, values from other functions are not.
            """,
        passing: [
            """
            Resources:
              Www:
                Type: AWS::Route53::RecordSet
                Properties:
                  HostedZoneName: example.com.
                  Name: www.example.com
                  Type: A
                  TTL: "300"
                  ResourceRecords: [192.0.2.10]
            """
        ],
        failing: [
            """
            Resources:
              Www:
                Type: AWS::Route53::RecordSet
                Properties:
                  HostedZoneName: example.com # <-
                  Name: www.example.com
                  Type: A
                  TTL: "300"
                  ResourceRecords: [192.0.2.10]
              Api:
                Type: AWS::Route53::RecordSet
                Properties:
                  HostedZoneName: example.com.
                  Name: api.example.org. # <-
                  Type: A
                  TTL: "300"
                  ResourceRecords: [192.0.2.11]
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources where r.type == "AWS::Route53::RecordSet" {
            guard let properties = r.node["Properties"]?.mapValue, let name = properties[entry: "Name"],
                let zone = properties[entry: "HostedZoneName"]
            else { continue }
            let path = ["Resources", r.logicalId, "Properties"]
            var said: Set<String> = []
            for (zoneValue, _) in zone.value.branches() {
                guard var z = zoneValue.stringValue else { continue }
                for (nameValue, _) in name.value.branches() {
                    guard var n = nameValue.stringValue else { continue }
                    if !z.hasSuffix(".") {
                        if said.insert("zone|\(z)").inserted {
                            findings.append(
                                context.finding(
                                    Self.self,
                                    "HostedZoneName '\(z)' must end in a dot ('\(z).')",
                                    at: zone.keyRange,
                                    path: path + ["HostedZoneName"]
                                )
                            )
                        }
                        z += "."
                    }
                    let written = n
                    if !n.hasSuffix(".") { n += "." }
                    if n != z && !n.hasSuffix("." + z), said.insert("name|\(written)|\(z)").inserted {
                        findings.append(
                            context.finding(
                                Self.self,
                                "Name '\(written)' is not in the hosted zone '\(z)'",
                                at: name.keyRange,
                                path: path + ["Name"]
                            )
                        )
                    }
                }
            }
        }
    }
}
