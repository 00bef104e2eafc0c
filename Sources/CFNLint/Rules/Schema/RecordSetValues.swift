/// E3023: a Route 53 record's values do not fit its record type.
struct RecordSetValues: ConstraintRule {
    static let info = RuleInfo(
        id: "E3023",
        title: "Route 53 record values that do not fit the record type",
        description: """
            Each `ResourceRecords` value of an `AWS::Route53::RecordSet` (or of a record in an \
            `AWS::Route53::RecordSetGroup`) must be written the way its `Type` asks: an IPv4 \
            address for `A`, an IPv6 address for `AAAA`, `flags tag "value"` for `CAA`, a \
            priority and a host for `MX`, quoted strings of at most 255 characters for `TXT`, \
            a domain name for `NS`, `PTR` and `CNAME`; `CNAME` and `SOA` records hold one value. \
            A `Type` or a value chosen by `Fn::If` is checked in each branch; values from other \
            functions are not. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Api:
                Type: AWS::Route53::RecordSet
                Properties:
                  HostedZoneName: example.com.
                  Name: api.example.com.
                  Type: A
                  TTL: "300"
                  ResourceRecords:
                    - 192.0.2.10
              Verify:
                Type: AWS::Route53::RecordSet
                Properties:
                  HostedZoneName: example.com.
                  Name: example.com.
                  Type: TXT
                  TTL: "300"
                  ResourceRecords:
                    - '"v=spf1 include:amazonses.com ~all"'
            """
        ],
        failing: [
            """
            Resources:
              Api:
                Type: AWS::Route53::RecordSet
                Properties:
                  HostedZoneName: example.com.
                  Name: api.example.com.
                  Type: AAAA
                  TTL: "300"
                  ResourceRecords:
                    - 192.0.2.10 # <-
              Www:
                Type: AWS::Route53::RecordSet
                Properties:
                  HostedZoneName: example.com.
                  Name: www.example.com.
                  Type: CNAME
                  TTL: "300"
                  ResourceRecords: # <-
                    - a.example.com
                    - b.example.com
              Verify:
                Type: AWS::Route53::RecordSet
                Properties:
                  HostedZoneName: example.com.
                  Name: example.com.
                  Type: TXT
                  TTL: "300"
                  ResourceRecords:
                    - v=spf1 include:amazonses.com ~all # <-
            """
        ]
    )
}
