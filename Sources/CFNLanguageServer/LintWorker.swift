import CFNLint
import CFNModel
import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Lints on a thread of its own, so that hover, completion and the other requests are answered
/// while a big template lints. Only a document's newest text is linted: a job whose document
/// has a newer one queued is dropped before it starts. A finished lint wakes the server's poll
/// through a pipe.
final class LintWorker: @unchecked Sendable {
    struct Job: Sendable {
        var uri: String
        var version: Int
        var template: Template
        var bytes: [UInt8]
        var options: LintOptions

        func run() -> [Finding] { Linter(options: options).lint(template, bytes: bytes) }
    }

    struct Done: Sendable {
        var uri: String
        var version: Int
        var findings: [Finding]
    }

    private let work = DispatchQueue(label: "cfntool.lsp.lint")
    /// Serialises `latest` and `done` (the server's thread and the lint thread both use them).
    private let guardQueue = DispatchQueue(label: "cfntool.lsp.lint.state")
    private var latest: [String: Int] = [:]
    private var done: [Done] = []
    private let pipeFds: [Int32]

    /// The end of the pipe that becomes readable when a lint has finished.
    var wakeFd: Int32 { pipeFds[0] }

    init() {
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
        pipeFds = fds
    }

    deinit {
        close(pipeFds[0])
        close(pipeFds[1])
    }

    func submit(_ job: Job) {
        guardQueue.sync { latest[job.uri] = job.version }
        work.async {
            guard self.guardQueue.sync(execute: { self.latest[job.uri] == job.version }) else { return }
            let findings = job.run()
            self.guardQueue.sync { self.done.append(Done(uri: job.uri, version: job.version, findings: findings)) }
            var byte: UInt8 = 1
            _ = write(self.pipeFds[1], &byte, 1)
        }
    }

    /// The finished lints since the last call.
    func take() -> [Done] {
        var sink = [UInt8](repeating: 0, count: 64)
        while read(pipeFds[0], &sink, sink.count) > 0 {}
        return guardQueue.sync {
            defer { done.removeAll() }
            return done
        }
    }

    /// Waits until every submitted lint has finished.
    func wait() { work.sync {} }
}
