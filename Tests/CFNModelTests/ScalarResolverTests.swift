import CFNModel
import Testing

@Suite("YAML 1.1 scalars, as cfn-lint and CloudFormation read them")
struct ScalarResolverTests {
    @Test("booleans: yes/no/on/off/true/false in three cases")
    func booleans() {
        for word in ["yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"] {
            #expect(ScalarResolver.resolve(word) == .bool(true), "\(word)")
        }
        for word in ["no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"] {
            #expect(ScalarResolver.resolve(word) == .bool(false), "\(word)")
        }
        for word in ["y", "n", "yEs", "oN", "truth", "offline"] {
            #expect(ScalarResolver.resolve(word) == .string, "\(word)")
        }
    }

    @Test("integers: decimal, octal 0755, hex, binary, underscores, sexagesimal")
    func integers() {
        let cases: [(String, String)] = [
            ("0755", "493"), ("0", "0"), ("-0", "0"), ("+1", "1"), ("42", "42"), ("-17", "-17"),
            ("0x1F", "31"), ("0b101", "5"), ("1_000", "1000"), ("1:30", "90"), ("00", "0"),
            ("123456789012", "123456789012"),
        ]
        for (text, value) in cases {
            #expect(ScalarResolver.resolve(text) == .number(.integer, canonical: value), "\(text)")
        }
    }

    @Test("floats: 1.10, .inf, signed exponents; 1e3 stays a string")
    func floats() {
        let cases: [(String, String)] = [
            ("1.10", "1.1"), ("1.0e+3", "1000.0"), ("1.", "1.0"), (".5", "0.5"), (".inf", "Infinity"),
            ("-.inf", "-Infinity"), ("+.inf", "Infinity"), (".nan", "NaN"), ("1:30.5", "90.5"), ("0.", "0.0"),
        ]
        for (text, value) in cases {
            #expect(ScalarResolver.resolve(text) == .number(.float, canonical: value), "\(text)")
        }
        for text in ["1e3", "1.0e3", "-.5", "._1", "08", "0o17", "1.2.3", "1:", "v1.0", "1-2"] {
            #expect(ScalarResolver.resolve(text) == .string, "\(text) should stay a string")
        }
    }

    @Test("nulls: ~, null, empty; dates stay strings")
    func nullsAndDates() {
        for text in ["~", "null", "Null", "NULL", ""] {
            #expect(ScalarResolver.resolve(text) == .null, "\(text)")
        }
        for text in ["2010-09-09", "2001-12-14t21:59:43.10-05:00", "nil", "None"] {
            #expect(ScalarResolver.resolve(text) == .string, "\(text)")
        }
        #expect(ScalarResolver.resolve("<<") == .merge)
    }
}
