#if canImport(Glibc)
import Glibc
#endif

/// What the commands read from the environment.
enum Environment {
    /// `AWS_REGION`, else `AWS_DEFAULT_REGION`, else us-east-1.
    static var region: String {
        for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let v = getenv(name).map({ String(cString: $0) }), !v.isEmpty { return v }
        }
        return "us-east-1"
    }
}
