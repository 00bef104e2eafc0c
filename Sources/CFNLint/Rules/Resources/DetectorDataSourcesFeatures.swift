import CFNModel

/// E3063: a GuardDuty detector given both `DataSources` and `Features`.
struct DetectorDataSourcesFeatures: Rule {
    static let info = RuleInfo(
        id: "E3063",
        title: "GuardDuty detector with both DataSources and Features",
        description: """
            An `AWS::GuardDuty::Detector` takes its protection plans either as `DataSources` \
            (the older form) or as `Features`, not both: GuardDuty refuses the request. Use \
            `Features`. The keys count as written (a `DataSources` given by a `Fn::If` is \
            given); `Properties` written as a `Fn::If` are read branch by branch.
            """,
        passing: [
            """
            Resources:
              Detector:
                Type: AWS::GuardDuty::Detector
                Properties:
                  Enable: true
                  Features:
                    - Name: S3_DATA_EVENTS
                      Status: ENABLED
            """
        ],
        failing: [
            """
            Resources:
              Detector:
                Type: AWS::GuardDuty::Detector
                Properties: # <-
                  Enable: true
                  DataSources:
                    S3Logs: {Enable: true}
                  Features:
                    - Name: S3_DATA_EVENTS
                      Status: ENABLED
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for (r, value, at) in context.propertyValues(["AWS::GuardDuty::Detector": [[]]]) {
            guard let properties = value.mapValue, properties["DataSources"] != nil, properties["Features"] != nil else { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "\(r.logicalId) has both DataSources and Features; GuardDuty takes one of them (Features is the current form)",
                    at: at,
                    path: ["Resources", r.logicalId, "Properties"]
                )
            )
        }
    }
}
