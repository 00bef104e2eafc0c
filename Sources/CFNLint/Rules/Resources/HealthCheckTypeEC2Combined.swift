import CFNModel

/// E3056: an Auto Scaling group whose health check types combine EC2 with others.
struct HealthCheckTypeEC2Combined: Rule {
    static let info = RuleInfo(
        id: "E3056",
        title: "EC2 health check combined with other types",
        description: """
            An `AWS::AutoScaling::AutoScalingGroup` may name several health check types in \
            `HealthCheckType` (`ELB,EBS`), but `EC2` only alone: EC2 checks are always on, and \
            Auto Scaling refuses a list that names them with others (`EC2,ELB`, even \
            `EC2,EC2`). Each branch of a `Fn::If` is read; a value given by another function is \
            not judged.
            """,
        passing: [
            """
            Resources:
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "1"
                  MaxSize: "3"
                  LaunchConfigurationName: web
                  VPCZoneIdentifier: [subnet-0123456789abcdef0]
                  HealthCheckType: ELB,EBS
            """
        ],
        failing: [
            """
            Resources:
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "1"
                  MaxSize: "3"
                  LaunchConfigurationName: web
                  VPCZoneIdentifier: [subnet-0123456789abcdef0]
                  HealthCheckType: EC2,ELB # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for (r, value, at) in context.propertyValues(["AWS::AutoScaling::AutoScalingGroup": [["HealthCheckType"]]]) {
            guard let text = value.stringValue, text.contains(",") else { continue }
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingBlanks }
            guard parts.contains("EC2") else { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "\(r.logicalId): HealthCheckType '\(text)' names EC2 with other types; EC2 checks go alone",
                    at: at,
                    path: ["Resources", r.logicalId, "Properties", "HealthCheckType"]
                )
            )
        }
    }
}

extension Substring {
    /// Without spaces, tabs and line breaks at either end.
    fileprivate var trimmingBlanks: Substring {
        let blank: Set<Character> = [" ", "\t", "\n", "\r"]
        var s = self
        while let f = s.first, blank.contains(f) { s = s.dropFirst() }
        while let l = s.last, blank.contains(l) { s = s.dropLast() }
        return s
    }
}
