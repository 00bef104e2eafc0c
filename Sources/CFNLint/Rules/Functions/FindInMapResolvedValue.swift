/// W1034: the value a `Fn::FindInMap` finds does not fit the property.
struct FindInMapResolvedValue: SchemaRule {
    static let info = RuleInfo(
        id: "W1034",
        title: "Fn::FindInMap finds a value the property does not take",
        description: """
            A `Fn::FindInMap` written with three literal keys finds one value of the Mappings \
            section before deployment. A text or a list of texts found is checked against what \
            the property's schema asks (pattern, length, format, enum, range, ...), and a \
            problem is reported where the function is written. Lookups with a `Ref` among their \
            keys are not resolved.
            """,
        passing: [
            """
            Mappings:
              Network:
                Vpc:
                  Cidr: 10.0.0.0/16
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: !FindInMap [Network, Vpc, Cidr]
            """
        ],
        failing: [
            """
            Mappings:
              Network:
                Vpc:
                  Cidr: 10.0.0.1/16
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: !FindInMap [Network, Vpc, Cidr] # <-
            """
        ]
    )
}
