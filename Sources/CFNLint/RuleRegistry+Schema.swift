/// Rules on resource properties, from the resource schemas.
extension RuleRegistry {
    static let schema: [any Rule.Type] = [
        ResourceTypeExists.self, PropertyUnknown.self, PropertyRequired.self, PropertyType.self,
        // Constraints of one resource type, beyond its schema (E3000), and those of them that
        // are documented on their own.
        ResourceConstraints.self, StreamStartingPosition.self, RecordSetValues.self, QueueStartingPosition.self,
        AuroraInstanceProperties.self,
        // Between resources.
        RouteTableAssociationUnique.self, AvailabilityZoneHardcoded.self, SnapStartVersion.self,
        PasswordProperty.self,
        PrimaryIdentifierUnique.self, NestedStackParameters.self, ApiLambdaTimeout.self,
        ServerlessTransformMissing.self, CloudFrontAliases.self, SubscriptionFilterLimit.self,
        DynamoDBAttributeMismatch.self, CacheClusterFailover.self, ModuleResource.self, InstanceImageId.self,
        SubnetCidrOverlap.self, BackupLifecycleColdStorage.self, PackagedLocalPath.self,
        BucketAccessControl.self, ImageIdParameterType.self, ZipFunctionHandler.self,
        PolicyActions.self, PolicyVersionOutdated.self, ResourceTags.self, ScheduleExpressionFormat.self,
        RecordSetName.self, CodeBuildRoleWithPath.self, CloudFrontTargetOrigin.self,
        // The service behind the type.
        ServiceShutDown.self, ServiceSunset.self, ServiceMaintenance.self,
        // Which properties go together.
        PropertyRequiredXor.self, PropertyRequiredOr.self, PropertyDependentRequired.self,
        PropertyDependentExcluded.self, PropertyAnyOf.self, PropertyOneOf.self,
        // What a value may be.
        PropertyEnum.self, PropertyPattern.self, PropertyLength.self, PropertyRange.self,
        PropertyItemCount.self, PropertyUniqueItems.self, YAMLImplicitConversion.self,
        // AWS identifiers (the schemas' `format`s).
        SecurityGroupIdFormat.self, VpcIdFormat.self, ImageIdFormat.self, SecurityGroupNameFormat.self,
        SubnetIdFormat.self, LogGroupNameFormat.self, RoleArnFormat.self, KmsKeyArnFormat.self,
        SnsTopicArnFormat.self, CertificateArnFormat.self, LambdaFunctionArnFormat.self,
        LambdaFunctionNameFormat.self, KmsAliasNameFormat.self, BucketNameFormat.self, KmsKeyIdFormat.self,
    ]
}
