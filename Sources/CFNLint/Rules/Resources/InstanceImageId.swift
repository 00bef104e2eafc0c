import CFNModel

/// E3673: an EC2 instance with no image: no `ImageId`, and no launch template that gives one.
struct InstanceImageId: Rule {
    static let info = RuleInfo(
        id: "E3673",
        title: "EC2 instance without an ImageId",
        description: """
            An `AWS::EC2::Instance` needs an image: its own `ImageId`, or one from the launch \
            template it names. The rule reports an instance whose `ImageId` is missing or empty \
            and that names no `LaunchTemplate`, and one whose `ImageId` is missing and whose \
            `LaunchTemplate` (its `LaunchTemplateId`, or else its `LaunchTemplateName`) is a \
            `Ref` or `Fn::GetAtt` to a resource of the template that is not an \
            `AWS::EC2::LaunchTemplate` with a `LaunchTemplateData.ImageId`. A launch template \
            given as a parameter, a literal id or another function may have an image, and the \
            rule says nothing. Each `Fn::If` branch is followed (with the conditions it \
            chooses, as far as they can hold together); a missing image reached through a \
            branch is reported where cfn-lint reports it (the branch, or the key above a \
            `!Ref AWS::NoValue`), otherwise at the instance's `Properties`.
            """,
        passing: [
            """
            Parameters:
              WebTemplate:
                Type: String
            Resources:
              Builder:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0123456789abcdef0
                  InstanceType: t3.micro
              Web:
                Type: AWS::EC2::Instance
                Properties:
                  LaunchTemplate:
                    LaunchTemplateId: !Ref WebTemplate
                    Version: "1"
              Worker:
                Type: AWS::EC2::Instance
                Properties:
                  LaunchTemplate:
                    LaunchTemplateId: !Ref WorkerTemplate
                    Version: !GetAtt WorkerTemplate.LatestVersionNumber
              WorkerTemplate:
                Type: AWS::EC2::LaunchTemplate
                Properties:
                  LaunchTemplateData:
                    ImageId: ami-0123456789abcdef0
                    InstanceType: t3.micro
            """
        ],
        failing: [
            """
            Parameters:
              Stage:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Resources:
              Builder:
                Type: AWS::EC2::Instance
                Properties: # <-
                  InstanceType: t3.micro
              Worker:
                Type: AWS::EC2::Instance
                Properties: # <-
                  LaunchTemplate:
                    LaunchTemplateId: !Ref WorkerTemplate
                    Version: !GetAtt WorkerTemplate.LatestVersionNumber
              Canary:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: !If # <-
                    - IsProd
                    - ami-0123456789abcdef0
                    - !Ref AWS::NoValue
                  InstanceType: t3.micro
              WorkerTemplate:
                Type: AWS::EC2::LaunchTemplate
                Properties:
                  LaunchTemplateData:
                    InstanceType: t3.micro
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let resources = context.template.root["Resources"]?.mapValue ?? Map()
        for r in context.template.resources where r.type == "AWS::EC2::Instance" {
            let entry = r.attributes[entry: "Properties"]
            let properties = entry?.value ?? Node(.map(Map()))
            // The constraint is on the properties as they are: a Properties that is a function is not read.
            guard properties.mapValue != nil else { continue }
            let top = entry?.keyRange ?? r.idRange
            var start: [String: Bool] = [:]
            if let c = r.condition { start[c] = true }
            var reported: Set<SourceRange> = []
            func report(_ image: ReachedValue) {
                let at = image.at ?? top
                guard reported.insert(at).inserted else { return }
                findings.append(
                    context.finding(
                        Self.self,
                        "\(r.logicalId) has no ImageId, and no launch template of the template gives it one",
                        at: at,
                        path: ["Resources", r.logicalId, "Properties", "ImageId"]
                    )
                )
            }
            for image in context.reach(properties, ["ImageId"], start) {
                if let value = image.value, value.isSet { continue }
                let named = templates(properties, image.truth, context)
                if named.isEmpty {
                    report(image)
                    continue
                }
                // Through a launch template, only a missing image counts (an empty one does not).
                guard image.value == nil || image.value?.isNull == true else { continue }
                for (name, truth) in named {
                    guard let f = name.functionValue else { continue }
                    let target: String
                    switch f.name {
                    case .ref:
                        guard let t = f.refTarget, resources[t] != nil else { continue }
                        target = t
                    case .getAtt:
                        guard let t = f.argument.listValue?.first?.stringValue ?? f.argument.stringValue else { continue }
                        target = String(t.split(separator: ".", maxSplits: 1).first ?? "")
                    default: continue
                    }
                    var launchTemplate: Node = Node(.map(Map()))
                    var chosen = truth
                    if let resource = resources[target], resource["Type"]?.stringValue == "AWS::EC2::LaunchTemplate" {
                        if let c = resource["Condition"]?.stringValue {
                            if let set = chosen[c], !set { continue }
                            chosen[c] = true
                        }
                        launchTemplate = resource
                    }
                    let images = context.reach(launchTemplate, ["Properties", "LaunchTemplateData", "ImageId"], chosen)
                    if images.contains(where: { $0.value == nil || $0.value?.isNull == true }) { report(image) }
                }
            }
        }
    }

    /// The launch template ids (or, where an id is missing, names) that the instance's
    /// `LaunchTemplate` can give, each with the conditions chosen on the way; a
    /// `LaunchTemplate` left out or empty gives none.
    private func templates(_ properties: Node, _ truth: [String: Bool], _ context: LintContext) -> [(Node, [String: Bool])] {
        var out: [(Node, [String: Bool])] = []
        for launchTemplate in context.reach(properties, ["LaunchTemplate"], truth) {
            guard let lt = launchTemplate.value, lt.isSet else { continue }
            for id in context.reach(lt, ["LaunchTemplateId"], launchTemplate.truth) {
                if let value = id.value {
                    out.append((value, id.truth))
                } else {
                    for name in context.reach(lt, ["LaunchTemplateName"], id.truth) {
                        // A missing name still counts as a template named (one that says nothing).
                        out.append((name.value ?? Node(.null), name.truth))
                    }
                    out.append((Node(.null), id.truth))
                }
            }
        }
        return out
    }
}
