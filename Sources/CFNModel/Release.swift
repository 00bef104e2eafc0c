/// The release this build belongs to, shared by the CLI's `--version`, split manifests and SARIF reports.
public enum Release {
    /// The version number: `0.2.0`. `make dist` reads it from this line.
    public static let version = "0.2.0"
}
