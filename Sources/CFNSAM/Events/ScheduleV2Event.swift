import CFNModel

/// `Type: ScheduleV2`: an EventBridge Scheduler schedule invokes the function, through a role the
/// scheduler assumes (made here unless `RoleArn` is given).
enum ScheduleV2Event: FunctionEventSource {
    static let type = "ScheduleV2"

    static let properties = PropertyTable([
        ("PermissionsBoundary", .type(.string)), ("ScheduleExpression", .type(.string, required: true)),
        ("FlexibleTimeWindow", .type(.map)), ("Name", .type(.string)), ("State", .type(.string)),
        ("Description", .type(.string)), ("StartDate", .type(.string)), ("EndDate", .type(.string)),
        ("ScheduleExpressionTimezone", .type(.string)), ("GroupName", .type(.string)), ("KmsKeyArn", .type(.string)),
        ("Input", .type(.string)), ("RoleArn", .type(.string)), ("DeadLetterConfig", .type(.map)),
        ("RetryPolicy", .type(.map)), ("OmitName", .strict(.bool)),
    ])

    static func translate(
        _ event: SAMEvent,
        _ target: inout FunctionTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
    {
        try SchedulerSchedule.make(
            event,
            targetArn: target.arn,
            attributes: target.attributes,
            invokePolicy: EventPolicies.lambdaInvoke(target.arn, event.logicalId)
        )
    }
}
