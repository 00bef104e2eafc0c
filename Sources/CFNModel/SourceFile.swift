#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading template bytes from a file or standard input, with errors that name the path and the reason.
public enum SourceFile {
    /// Reads a whole file, or standard input for `-`.
    ///
    /// - Throws: `CFNError` (kind `.io`) for a missing file, a directory, no permission, or a file
    ///   larger than `maxBytes`.
    public static func read(_ path: String, maxBytes: Int = DecodeOptions().maxBytes) throws(CFNError) -> [UInt8] {
        let fd: Int32
        if path == "-" {
            fd = 0
        } else {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 { throw ioError(path, errno) }
        }
        defer { if fd != 0 { close(fd) } }
        var st = stat()
        if fstat(fd, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR {
                throw CFNError(file: path, position: start, message: "is a directory, not a template file", kind: .io)
            }
            if (st.st_mode & S_IFMT) == S_IFREG && Int(st.st_size) > maxBytes {
                throw tooBig(path, Int(st.st_size), maxBytes)
            }
        }
        var out: [UInt8] = []
        if (st.st_mode & S_IFMT) == S_IFREG { out.reserveCapacity(Int(st.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ioError(path, errno)
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if out.count > maxBytes { throw tooBig(path, out.count, maxBytes) }
        }
        return out
    }

    private static let start = SourcePosition(line: 1, column: 1, offset: 0)

    private static func tooBig(_ path: String, _ size: Int, _ limit: Int) -> CFNError {
        CFNError(
            file: path,
            position: start,
            message: "the file is \(size) bytes, over the \(limit)-byte limit (CloudFormation itself takes at most 1,000,000)",
            kind: .limit
        )
    }

    static func ioError(_ path: String, _ code: Int32) -> CFNError {
        let reason: String
        switch code {
        case ENOENT: reason = "no such file"
        case EACCES: reason = "permission denied"
        case EISDIR: reason = "is a directory, not a template file"
        case ENOTDIR: reason = "a part of the path is not a directory"
        default: reason = String(cString: strerror(code))
        }
        return CFNError(file: path, position: start, message: reason, kind: .io)
    }
}
