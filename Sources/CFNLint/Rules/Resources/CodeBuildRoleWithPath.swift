import CFNModel

/// E3050: a CodeBuild project's `ServiceRole` is a `Ref` to a role with a path.
struct CodeBuildRoleWithPath: Rule {
    static let info = RuleInfo(
        id: "E3050",
        title: "Ref to an IAM role with a path where the role is looked up by name",
        description: """
            The `ServiceRole` of an `AWS::CodeBuild::Project` given as a `Ref` is the role's \
            name, and CodeBuild finds the role by that name under the path `/` only: a role \
            whose `Path` is anything else (`/service/`) is not found. Use `!GetAtt Role.Arn`, \
            or leave the role's `Path` at `/`. A `Ref` in a branch of a `Fn::If` is checked too.
            """,
        passing: [
            """
            Resources:
              BuildRole:
                Type: AWS::IAM::Role
                Properties:
                  Path: /service/
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: {Service: codebuild.amazonaws.com}
                        Action: sts:AssumeRole
              Build:
                Type: AWS::CodeBuild::Project
                Properties:
                  ServiceRole: !GetAtt BuildRole.Arn
                  Artifacts: {Type: NO_ARTIFACTS}
                  Environment: {Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: aws/codebuild/standard:7.0}
                  Source: {Type: NO_SOURCE, BuildSpec: "version: 0.2"}
            """
        ],
        failing: [
            """
            Resources:
              BuildRole:
                Type: AWS::IAM::Role
                Properties:
                  Path: /service/
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: {Service: codebuild.amazonaws.com}
                        Action: sts:AssumeRole
              Build:
                Type: AWS::CodeBuild::Project
                Properties:
                  ServiceRole: !Ref BuildRole # <-
                  Artifacts: {Type: NO_ARTIFACTS}
                  Environment: {Type: LINUX_CONTAINER, ComputeType: BUILD_GENERAL1_SMALL, Image: aws/codebuild/standard:7.0}
                  Source: {Type: NO_SOURCE, BuildSpec: "version: 0.2"}
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        context.eachFunction { f, _, path, scope in
            guard f.name == .ref, scope.resourceType == "AWS::CodeBuild::Project", path.count >= 4, path[2] == "Properties",
                path[3] == "ServiceRole", let target = f.refTarget,
                // The Ref is the value, or a branch of Fn::Ifs around it: cfn-lint looks no deeper.
                Self.onlyIfs(path.dropFirst(4)),
                let rolePath = template.root["Resources"]?[target]?["Properties"]?["Path"]
            else { return }
            switch rolePath.value {
            case .string(let s) where s.isEmpty || s == "/": return
            case .null: return
            case .list(let l) where l.isEmpty: return
            case .map(let m) where m.isEmpty: return
            case .bool(false): return
            default: break
            }
            let shown = rolePath.stringValue.map { "'\($0)'" } ?? "set by a function"
            findings.append(
                context.finding(
                    Self.self,
                    "ServiceRole is a Ref to '\(target)', whose Path is \(shown): CodeBuild looks the role up by name under '/' only; use Fn::GetAtt \(target).Arn",
                    at: FunctionWalker.argumentRange(f, scope),
                    path: path
                )
            )
        }
    }

    /// Whether a path below the property is only `Fn::If` branches (`Fn::If/1/Fn::If/2`).
    static func onlyIfs(_ rest: ArraySlice<String>) -> Bool {
        let parts = Array(rest)
        guard parts.count % 2 == 0 else { return false }
        for i in stride(from: 0, to: parts.count, by: 2) where parts[i] != "Fn::If" || !(parts[i + 1] == "1" || parts[i + 1] == "2") {
            return false
        }
        return true
    }
}
