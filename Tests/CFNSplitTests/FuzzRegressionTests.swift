import CFNModel
import CFNSplit
import Foundation
import Testing

/// Inputs that fuzz-split found (Fuzz/regressions/split-*): the first byte picks the limit of
/// resources a stack (1 to 4), the rest is the template, as in Fuzz/Sources/fuzz-split.
@Suite("fuzz regressions: split")
struct SplitFuzzRegressionTests {
    static let directory = Fixtures.root + "/Fuzz/regressions"
    static let names: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
        .filter { $0.hasPrefix("split-") }.sorted()

    @Test("split inputs split and verify, or are refused for a stated reason", arguments: names)
    func splits(_ name: String) throws {
        let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.directory + "/" + name)))
        try #require(data.count > 1)
        guard let t = try? Template(bytes: Array(data.dropFirst()), path: name) else { return }
        do {
            _ = try Splitter.split(t, options: SplitOptions(maxResources: Int(data[0] & 3) + 1))
        } catch {
            #expect(!error.message.hasPrefix("verification failed"), "\(error)")
        }
    }
}
