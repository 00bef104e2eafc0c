/// I3037: a list that takes repeated items has one.
struct PropertyRepeatedItems: SchemaRule {
    static let info = RuleInfo(
        id: "I3037",
        title: "Repeated item in a list that allows repeats",
        description: """
            The informational twin of E3037: the property's schema says outright that its items \
            need not be distinct (`uniqueItems: false`), and two of them are the same. \
            CloudFormation takes the list, but the same NTP server or subnet written twice is \
            more often a copy-paste slip than a wish. Items are compared by meaning, as E3037 \
            compares them, and the finding is placed where E3037's would be: on the key of the \
            list, or on the key of the `Fn::If` whose branch it is. Off unless informational \
            rules are asked for (`--include-checks I`).
            """,
        passing: [
            """
            Resources:
              Options:
                Type: AWS::EC2::DHCPOptions
                Properties:
                  NtpServers:
                    - 10.0.0.1
                    - 10.0.0.2
            """
        ],
        failing: [
            """
            Parameters:
              Subnet:
                Type: AWS::EC2::Subnet::Id
            Resources:
              Options:
                Type: AWS::EC2::DHCPOptions
                Properties:
                  NtpServers: # <-
                    - 10.0.0.1
                    - 10.0.0.1
              Workers:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "1"
                  MaxSize: "2"
                  LaunchConfigurationName: workers
                  VPCZoneIdentifier: # <-
                    - !Ref Subnet
                    - !Ref Subnet
            """
        ]
    )
}
