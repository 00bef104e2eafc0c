import CFNModel

/// The deployment preferences of all functions (`DeploymentPreference`): CodeDeploy's
/// application, service role and one deployment group per function, made after every function.
struct DeploymentPreferenceState {}

enum DeploymentPreferences {
    /// The CodeDeploy resources for the functions that asked for them.
    static func finish(_ context: inout TransformContext) throws(SAMError) -> [CFNResource] { [] }
}
