/// The ids cfn-lint 1.51.0 lists but never reports: its own failure inside a rule, the parents of
/// checks that report under their own ids, and rules whose problems its other rules report
/// first. `cfntool rules` lists them too (a config that names one keeps working, and the list is
/// a superset of cfn-lint's), each saying where the problem is reported instead. No rule runs
/// for them: like cfn-lint, cfntool never reports these ids.
enum DormantRules {
    static let all: [RuleInfo] = [
        dormant(
            "E0002",
            "A rule failed on the template",
            "cfn-lint's report of an exception inside one of its rules. cfntool's rules cannot fail: a value a rule cannot judge gives no finding."
        ),
        dormant(
            "E1101",
            "Extra schema checks",
            "cfn-lint's dispatcher of the checks it adds to the resource schemas. Their findings come out under each check's own id (the E3000 family, E3601, ...), in cfntool as in cfn-lint."
        ),
        dormant(
            "E1103",
            "Value formats",
            "cfn-lint's parent of the format checks. A value of the wrong format comes out under the format's own id (E1150-E1164), in cfntool as in cfn-lint."
        ),
        dormant(
            "E2003",
            "Parameter names",
            "A parameter name that is not alphanumeric comes out as E2001 in cfn-lint 1.51.0, and so it does in cfntool."
        ),
        dormant(
            "E3008",
            "Array items in order",
            "For schemas that fix each item's place (`prefixItems`): no schema of cfn-lint 1.51.0 uses it, and a list in the wrong order (a DynamoDB KeySchema) comes out under the item's own checks (E3002, E3012, E3018)."
        ),
        dormant(
            "E3011",
            "Logical id limits",
            "A logical id over 255 characters comes out as E3001 in cfn-lint 1.51.0, and so it does in cfntool."
        ),
        dormant(
            "E3040",
            "Read-only properties set",
            "cfn-lint 1.51.0 never runs this check (its keyword is never dispatched): setting a read-only property such as a bucket's `Arn` gives no finding there, nor in cfntool."
        ),
        dormant(
            "E6004",
            "Output names",
            "An output name that is not alphanumeric comes out as E6001 in cfn-lint 1.51.0, and so it does in cfntool."
        ),
        dormant(
            "E8002",
            "Conditions named but not defined",
            "A condition that is not under Conditions comes out where it is named: E3015 for a resource's Condition, E1028 for a Fn::If, E8004 inside a Fn::And (and each condition function's own id), in cfn-lint 1.51.0 and cfntool alike."
        ),
        dormant(
            "E8007",
            "Condition structure",
            "A condition that is not a valid condition function comes out as E8001-E8006 (E8003 for a Fn::Equals of one value), in cfn-lint 1.51.0 and cfntool alike."
        ),
        dormant(
            "W2030",
            "Parameter values against a property's allowed values",
            "A parameter whose default or allowed values break the enum of the property it is used in comes out as W1030, in cfn-lint 1.51.0 and cfntool alike."
        ),
        dormant(
            "W2031",
            "Parameter values against a property's pattern",
            "A parameter whose default or allowed values break the pattern of the property it is used in comes out as W1030, in cfn-lint 1.51.0 and cfntool alike."
        ),
        dormant(
            "W3034",
            "Parameter values against a property's range",
            "A parameter value outside the range of the property it is used in comes out as W1030, and a Default outside the parameter's own MinValue/MaxValue as E2015, in cfn-lint 1.51.0 and cfntool alike."
        ),
    ]

    private static func dormant(_ id: String, _ title: String, _ description: String) -> RuleInfo {
        RuleInfo(id: id, title: title, description: description + " (Never reported: listed for parity with cfn-lint's rule list.)")
    }
}
