import CFNModel

/// E1015: `Fn::GetAZs` takes a region: `''`, a region name, or `Ref AWS::Region`.
struct GetAZsArgument: Rule {
    static var usesSchemaCheck: Bool { true }

    static let info = RuleInfo(
        id: "E1015",
        title: "Fn::GetAZs argument is not a region",
        description: """
            `Fn::GetAZs` lists the Availability Zones of a region. Its argument is a region name, \
            an empty string (the stack's region) or `Ref: AWS::Region`. A JSON `null`, a number, a \
            list or a mapping is rejected, and so is a string that is not a region name (an \
            Availability Zone such as `us-east-1a`, for instance). A `Ref`, a `Fn::GetAtt` or a \
            `Fn::FindInMap` is read at deploy time and passes; a `Fn::If` passes when its branches \
            do; any other function (`Fn::Sub`, `Fn::Join`, ...) is rejected. The finding is on the \
            `Fn::GetAZs` key. When the `Fn::GetAZs` is the list of a `Fn::Select`, the finding is \
            reported under E1017, as the Select's argument.
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
              Peer:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-123
                  CidrBlock: 10.0.1.0/24
                  AvailabilityZone:
                    Fn::Select:
                      - 1
                      - Fn::GetAZs: !GetAtt Subnet.AvailabilityZone
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
              Other:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: '1'
                  MaxSize: '2'
                  AvailabilityZones:
                    Fn::GetAZs: # <-
                      Fn::Sub: "${AWS::Region}"
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.schemaFindings(Self.self)
        context.eachFunction { f, node, path, scope in
            guard f.name == .getAZs, let problem = GetAZsArgument.problem(f.argument) else { return }
            let insideSelect = scope.enclosing.last == .select
            // The argument's place is the function's key (cfn-lint's path to it ends there).
            let at = f.form == .long ? f.keyRange : node.range
            if insideSelect {
                findings.append(context.finding(SelectArgument.self, problem, at: at, path: path))
            } else {
                findings.append(context.finding(GetAZsArgument.self, problem, at: at, path: path))
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
            switch f.name {
            // What these give is read when the stack is deployed (a `Fn::FindInMap` value that
            // is no region is W1036's); a `Fn::If` is as good as its branches.
            case .ref, .getAtt, .findInMap: return nil
            case .if:
                guard let args = f.argument.listValue, args.count == 3 else { return nil }
                return args[1...].lazy.filter { !$0.isNoValue }.compactMap(problem).first
            default: return "Fn::GetAZs takes a region name, '' or Ref AWS::Region, not \(f.name)"
            }
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
