/// Rules on resource properties, from the resource schemas.
extension RuleRegistry {
    static let schema: [any Rule.Type] = [
        ResourceTypeExists.self, PropertyUnknown.self, PropertyRequired.self, PropertyType.self,
        // Constraints of one resource type, beyond its schema (E3000), and those of them that
        // are documented on their own.
        ResourceConstraints.self, StreamStartingPosition.self, RecordSetValues.self, QueueStartingPosition.self,
        AuroraInstanceProperties.self,
        // Values each region offers (instance types).
        ManagedBlockchainInstanceType.self, DocDBInstanceClass.self, AppStreamFleetInstanceType.self, EC2InstanceTypeRegion.self,
        NeptuneInstanceClass.self, GameLiftFleetInstanceType.self, CacheNodeTypeRegion.self, AmazonMQInstanceType.self, DAXNodeType.self,
        RedshiftNodeType.self, LambdaReservedEnvironment.self,
        AlarmPeriod.self, CodeBuildS3Location.self, DynamoDBOnDemandThroughput.self, DynamoDBProvisionedThroughput.self,
        RestApiName.self, HealthCheckAlarmIdentifier.self, BlockDeviceEbsIops.self,
        SecurityGroupPortsRequired.self, SecurityGroupPortsIgnored.self, SecurityGroupAllPorts.self,
        InstancePrivateIpPrimary.self, ZipFileRuntime.self, ZipFileRuntimeMissing.self, ImageFunctionProperties.self,
        ClusterScalingConfiguration.self, ClusterMonitoring.self, FunctionSystemLogLevel.self, EphemeralVirtualName.self,
        AuthorizerTtl.self, KmsKeyStorageEncrypted.self, ReplicaModeValue.self,
        FifoQueueBatchSize.self, GroupMinMaxSize.self, InstanceClusterEngine.self, MethodAuthorizerType.self,
        InstanceClusterStorageEncrypted.self, ListenerRuleGeneveTarget.self, TargetTrackingGroupSize.self,
        FargateLogDriver.self, LaunchTemplateVpc.self,
        ListenerCertificates.self, ClassicListenerCertificate.self, ApplicationLoadBalancerSubnets.self,
        TargetGroupTargetType.self, GeneveTargetGroupPort.self, HealthCheckMatcher.self,
        MultiAZClusterProperties.self, AuroraClusterProperties.self, ServerlessClusterInsights.self,
        CacheEngineVersion.self, ValkeyTransitEncryption.self, BackupRetentionPeriod.self,
        SnapshotMasterUsername.self, SourceClusterProperties.self, VpnGatewayType.self,
        ClusterEngineVersion.self, InstanceEngineVersion.self, ClusterEngineVersionDeprecated.self,
        InstanceEngineVersionDeprecated.self, SubscriptionEndpointFormat.self,
        // Between resources.
        RouteTableAssociationUnique.self, AvailabilityZoneHardcoded.self, SnapStartVersion.self, SnapStartSuggested.self,
        PasswordProperty.self,
        PrimaryIdentifierUnique.self, NestedStackParameters.self, ApiLambdaTimeout.self,
        ServerlessTransformMissing.self, CloudFrontAliases.self, SubscriptionFilterLimit.self,
        DynamoDBAttributeMismatch.self, CacheClusterFailover.self, ModuleResource.self, InstanceImageId.self,
        SubnetCidrOverlap.self, BackupLifecycleColdStorage.self, PackagedLocalPath.self,
        BucketAccessControl.self, ImageIdParameterType.self, ZipFunctionHandler.self,
        PolicyActions.self, PolicyVersionOutdated.self, RetentionPeriodExplicit.self, ResourceTags.self, ScheduleExpressionFormat.self,
        RecordSetName.self, CodeBuildRoleWithPath.self, CloudFrontTargetOrigin.self,
        ArnPartitionHardcoded.self, InstanceTypePreviousGeneration.self,
        // IAM policy documents, by what they are attached to, and role ARNs.
        IdentityPolicySchema.self, ResourcePolicySchema.self, RepositoryPolicySchema.self, ResourcePolicyArn.self,
        TrustPolicySchema.self, ServiceRoleArn.self, StatementResources.self,
        // Step Functions state machine definitions.
        StateMachineDefinition.self,
        RestApiMixedDefinition.self, EbsIopsIgnored.self, LambdaPermissionSourceAccount.self, LambdaPermissionPrincipal.self,
        BlockDeviceVirtualNameIgnored.self, ReplicaModeIgnored.self, ElasticIPDomain.self, ParameterNameReserved.self,
        FunctionEnvironmentSize.self, LayerArnLength.self,
        // Values of one resource, or between resources, that cfn-lint reads with rules of their own.
        HealthCheckTypeEC2Combined.self, DetectorDataSourcesFeatures.self, BucketTieringDays.self,
        CertificateValidationDomain.self, SnapStartRuntime.self, AwsVpcHostPort.self, SSMDocumentContent.self,
        SubnetCidrInVpc.self, EndpointPrivateDnsDuplicate.self, ServiceDynamicPortHealthCheck.self,
        PipelineSourceStage.self, PipelineArtifactNames.self, PipelineArtifactCounts.self, PipelineActionConfiguration.self,
        // The service behind the type.
        ServiceShutDown.self, ServiceSunset.self, ServiceMaintenance.self,
        // Which properties go together.
        PropertyRequiredXor.self, PropertyRequiredOr.self, PropertyDependentRequired.self,
        PropertyDependentExcluded.self, PropertyAnyOf.self, PropertyOneOf.self,
        // What a value may be.
        PropertyEnum.self, PropertyPattern.self, PropertyLength.self, PropertyRange.self,
        PropertyItemCount.self, PropertyUniqueItems.self, PropertyRepeatedItems.self, YAMLImplicitConversion.self,
        // AWS identifiers (the schemas' `format`s).
        SecurityGroupIdFormat.self, VpcIdFormat.self, ImageIdFormat.self, SecurityGroupNameFormat.self,
        SubnetIdFormat.self, LogGroupNameFormat.self, RoleArnFormat.self, KmsKeyArnFormat.self,
        SnsTopicArnFormat.self, CertificateArnFormat.self, LambdaFunctionArnFormat.self,
        LambdaFunctionNameFormat.self, KmsAliasNameFormat.self, BucketNameFormat.self, KmsKeyIdFormat.self,
    ]
}
