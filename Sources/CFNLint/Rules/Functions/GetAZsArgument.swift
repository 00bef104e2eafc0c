import CFNModel

/// E1015: `Fn::GetAZs` takes a region: `''`, a region name, or `Ref AWS::Region`.
struct GetAZsArgument: Rule {
    static let info = RuleInfo(
        id: "E1015",
        title: "Fn::GetAZs argument is not a region",
        description: """
            `Fn::GetAZs` lists the Availability Zones of a region. Its argument is a region name, \
            an empty string (the stack's region) or `Ref: AWS::Region`. A JSON `null`, a number, a \
            list or a mapping is rejected, and so is a string that is not a region name (an \
            Availability Zone such as `us-east-1a`, for instance). When the `Fn::GetAZs` is the list \
            of a `Fn::Select`, the finding is reported under E1017, as the Select's argument.
            """,
        passing: [
            """
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-123
                  CidrBlock: 10.0.0.0/24
                  AvailabilityZone: !Select [0, !GetAZs '']
            """
        ],
        failing: [
            """
            Resources:
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: '1'
                  MaxSize: '2'
                  AvailabilityZones:
                    Fn::GetAZs: null # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.schemaFindings(Self.self)
        context.eachFunction { f, node, path, scope in
            guard f.name == .getAZs, let problem = GetAZsArgument.problem(f.argument) else { return }
            let insideSelect = scope.enclosing.last == .select
            if insideSelect {
                findings.append(context.finding(SelectArgument.self, problem, at: f.argument.range, path: path))
            } else {
                findings.append(context.finding(GetAZsArgument.self, problem, at: f.argument.range, path: path))
            }
        }
    }

    /// What is wrong with a `Fn::GetAZs` argument, if anything.
    static func problem(_ argument: Node) -> String? {
        switch argument.value {
        case .string(let s):
            if s.isEmpty || isRegion(s) { return nil }
            return "Fn::GetAZs takes a region name or '', not '\(s)'"
        case .function(let f):
            return f.name == .ref ? nil : "Fn::GetAZs takes a region name, '' or Ref AWS::Region, not \(f.name)"
        case .null:
            return "Fn::GetAZs takes a region name, '' or Ref AWS::Region, not null"
        default:
            return "Fn::GetAZs takes a region name, '' or Ref AWS::Region"
        }
    }

    /// `xx-name-1`, `xx-name-name-1`: letters in dash-separated words ending in a number.
    static func isRegion(_ s: String) -> Bool {
        let words = s.split(separator: "-", omittingEmptySubsequences: false)
        guard words.count >= 3, let last = words.last, !last.isEmpty, last.allSatisfy(\.isNumber) else { return false }
        return words.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter && $0.isLowercase } }
    }
}
