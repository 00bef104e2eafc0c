import CFNModel

#if canImport(Glibc)
import Glibc
#endif

/// Output to the terminal: results on stdout, problems on stderr.
enum Console {
    static func out(_ s: String) {
        out(bytes: Array((s + "\n").utf8))
    }

    static func out(bytes: [UInt8]) {
        write(1, bytes)
    }

    static func err(_ s: String) {
        write(2, Array((s + "\n").utf8))
    }

    static func err(bytes: [UInt8]) {
        write(2, bytes)
    }

    private static func write(_ fd: Int32, _ bytes: [UInt8]) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            done += n
        }
    }
}

/// The exit code of a command over several files: 2 (could not do its job) wins over 1 (found something).
struct ExitStatus {
    private(set) var code: Int32 = 0

    mutating func found() { code = max(code, 1) }

    mutating func failed(_ error: any Error) {
        if let e = error as? CFNError {
            Console.err("\(e)")
        } else if let f = error as? TransformFailure {
            for e in f.located { Console.err("\(e)") }
        } else {
            Console.err("error: \(error)")
        }
        code = 2
    }

    /// A failure already reported in the output (an E0000 finding): exit 2 without another message.
    mutating func failedInReport() { code = 2 }

    func exit() throws {
        if code != 0 { throw ExitCode(code) }
    }
}
