/// SHA-1 (FIPS 180-4), for the transform's stable logical ids: aws-sam-translator names a Lambda
/// version, an API deployment or a layer version after the SHA-1 of what it holds, and a
/// deployed stack keeps its resources only if the names stay the same.
struct SHA1 {
    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)

    /// The digest of `bytes`, as 40 lower-case hex digits.
    static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var state = SHA1()
        var message = Array(bytes)
        let bitLength = UInt64(message.count) * 8
        message.append(0x80)
        while message.count % 64 != 56 { message.append(0) }
        for i in (0..<8).reversed() { message.append(UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8))) }
        var w = [UInt32](repeating: 0, count: 80)
        message.withUnsafeBufferPointer { m in
            w.withUnsafeMutableBufferPointer { w in
                for block in stride(from: 0, to: m.count, by: 64) { state.compress(m, block, w) }
            }
        }
        let words = [state.h.0, state.h.1, state.h.2, state.h.3, state.h.4]
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(40)
        for word in words {
            for shift in stride(from: 28, through: 0, by: -4) { out.append(digits[Int((word >> UInt32(shift)) & 0xF)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func compress(_ m: UnsafeBufferPointer<UInt8>, _ start: Int, _ w: UnsafeMutableBufferPointer<UInt32>) {
        for t in 0..<16 {
            let i = start + t * 4
            w[t] = UInt32(m[i]) << 24 | UInt32(m[i + 1]) << 16 | UInt32(m[i + 2]) << 8 | UInt32(m[i + 3])
        }
        for t in 16..<80 {
            let x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]
            w[t] = x << 1 | x >> 31
        }
        var (a, b, c, d, e) = h
        // One round: the four stages differ only in f and k (a loop each, no switch per step).
        @inline(__always) func step(_ f: UInt32, _ k: UInt32, _ wt: UInt32) {
            let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ wt
            e = d
            d = c
            c = b << 30 | b >> 2
            b = a
            a = temp
        }
        for t in 0..<20 { step((b & c) | (~b & d), 0x5A82_7999, w[t]) }
        for t in 20..<40 { step(b ^ c ^ d, 0x6ED9_EBA1, w[t]) }
        for t in 40..<60 { step((b & c) | (b & d) | (c & d), 0x8F1B_BCDC, w[t]) }
        for t in 60..<80 { step(b ^ c ^ d, 0xCA62_C1D6, w[t]) }
        h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
    }
}
