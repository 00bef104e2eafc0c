/// Rules on intrinsic functions and references.
extension RuleRegistry {
    static let functions: [any Rule.Type] = [
        GetAttResourceExists.self,
        GetAZsArgument.self,
        SelectArgument.self,
        SubVariables.self,
        RefExists.self,
        IfArgument.self,
        JoinArgument.self,
        Base64Argument.self,
        ImportValueArgument.self,
        ForEachTransform.self,
        TransformConfiguration.self,
        DescriptionType.self,
        OutputValueReference.self,
        FindInMapArgument.self,
        SubUnneeded.self,
        CidrArgument.self,
        SplitArgument.self,
        LengthArgument.self,
        ToJsonStringArgument.self,
        SubNeeded.self,
        RuntimeCreateBlocked.self,
        RuntimeUpdateBlocked.self,
        RuntimeDeprecated.self,
        DependsOnRedundant.self,
    ]
}
