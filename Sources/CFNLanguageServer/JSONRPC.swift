import CFNSchema

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension JSONValue {
    /// Compact JSON text of the value (integral numbers without a fraction).
    func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out)
        return out
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .number(let d):
            if d == d.rounded(), abs(d) < 9e15 {
                out += String(Int(d)).utf8
            } else if d.isFinite {
                out += "\(d)".utf8
            } else {
                out += "null".utf8
            }
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: out += Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 15)]]
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// An object built from pairs whose nil values are left out.
    static func object(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(pairs.compactMap { k, v in v.map { (k, $0) } })
    }

    /// The value as an integer, when it is one.
    var int: Int? {
        guard let d = number, d == d.rounded(), abs(d) < 9e15 else { return nil }
        return Int(d)
    }

    /// The value as a boolean.
    var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
}

/// JSON-RPC error codes of the Language Server Protocol.
enum ErrorCode {
    static let parseError = -32700
    static let invalidRequest = -32600
    static let methodNotFound = -32601
    static let invalidParams = -32602
    static let internalError = -32603
    static let serverNotInitialized = -32002
    static let requestCancelled = -32800
    static let requestFailed = -32803
}

/// A request the handler refuses, answered as a JSON-RPC error.
struct ResponseError: Error {
    var code: Int
    var message: String
}

/// Splits a byte stream into the bodies of `Content-Length` framed messages.
struct MessageFramer {
    private var buffer: [UInt8] = []
    private var start = 0

    /// The largest body accepted: a bigger announced length is a framing error, not an allocation.
    static let maxBody = 64 << 20

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { buffer.append(contentsOf: bytes) }

    mutating func append(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

    enum Next {
        case message([UInt8])
        case needMore
        /// A header the framing cannot read: the bytes up to the next blank line are dropped.
        case malformed(String)
    }

    /// The next complete message, if the buffer holds one.
    mutating func next() -> Next {
        defer { compact() }
        // The header ends at the first CRLF CRLF (a bare LF LF is accepted too).
        var i = start
        var headerEnd: Int? = nil
        var bodyStart = 0
        while i < buffer.count {
            if buffer[i] == 0x0A {
                if i + 1 < buffer.count, buffer[i + 1] == 0x0A {
                    headerEnd = i
                    bodyStart = i + 2
                    break
                }
                if i + 2 < buffer.count, buffer[i + 1] == 0x0D, buffer[i + 2] == 0x0A {
                    headerEnd = i
                    bodyStart = i + 3
                    break
                }
            }
            i += 1
        }
        guard let headerEnd else {
            if buffer.count - start > 8192 {
                start = buffer.count
                return .malformed("a message header longer than 8 KB")
            }
            return .needMore
        }
        let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
        var length: Int? = nil
        for line in header.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingSpaces.lowercased() == "content-length" {
                length = Int(parts[1].trimmingSpaces)
            }
        }
        guard let length, length >= 0, length <= MessageFramer.maxBody else {
            start = bodyStart
            return .malformed("a message header without a valid Content-Length")
        }
        guard buffer.count - bodyStart >= length else { return .needMore }
        let body = Array(buffer[bodyStart..<bodyStart + length])
        start = bodyStart + length
        return .message(body)
    }

    private mutating func compact() {
        if start > 0 && (start == buffer.count || start > 1 << 16) {
            buffer.removeFirst(start)
            start = 0
        }
    }
}

extension StringProtocol {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}

/// Frames a message body for the wire.
func framed(_ body: [UInt8]) -> [UInt8] {
    Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
}

/// Writes all of `bytes` to a file descriptor.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { raw in
        var done = 0
        while done < raw.count {
            let n = write(fd, raw.baseAddress! + done, raw.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            done += n
        }
    }
}

extension String {
    /// The range of the last occurrence of `needle`.
    func lastRange(of needle: String) -> Range<String.Index>? {
        let n = needle.count
        guard n > 0, count >= n else { return nil }
        var i = index(endIndex, offsetBy: -n)
        while true {
            let j = index(i, offsetBy: n)
            if self[i..<j] == needle { return i..<j }
            if i == startIndex { return nil }
            i = index(before: i)
        }
    }
}
