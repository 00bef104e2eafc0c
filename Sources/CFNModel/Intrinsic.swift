/// An intrinsic function call: `Ref`, `Fn::GetAtt`, `Fn::Sub`, `Condition`, ...
///
/// `!GetAtt A.B`, `!GetAtt [A, B]`, `{"Fn::GetAtt": ["A", "B"]}` and `{"Fn::GetAtt": "A.B"}` all
/// decode to the same intrinsic with a two-item list argument; `form` and `dotted` remember which
/// of them the source used.
public struct Intrinsic: Sendable {
    /// How the call was written.
    public enum Form: UInt8, Sendable, Hashable {
        /// A YAML tag: `!Ref X`.
        case short
        /// A one-key mapping: `Ref: X`, `{"Ref": "X"}`.
        case long
    }

    /// The function.
    public var name: FunctionName
    /// The argument, as written (a `Fn::GetAtt` argument is always a list).
    public var argument: Node
    /// Short (tag) or long (key) form.
    public var form: Form
    /// For `Fn::GetAtt`: the source wrote `A.B` as one string.
    public var dotted: Bool
    /// For the long form: where the function's key was read from.
    public var keyRange: SourceRange

    /// Creates an intrinsic.
    public init(_ name: FunctionName, _ argument: Node, form: Form = .long, dotted: Bool = false, keyRange: SourceRange = .unknown) {
        self.name = name
        self.argument = argument
        self.form = form
        self.dotted = dotted
        self.keyRange = keyRange
    }

    /// For `Ref`: the name referenced.
    public var refTarget: String? {
        name == .ref ? argument.stringValue : nil
    }

    /// For `Fn::GetAtt`: the resource and attribute, when both are plain strings.
    public var getAttTarget: (resource: String, attribute: String)? {
        guard name == .getAtt, let items = argument.listValue, items.count == 2,
            let r = items[0].stringValue, let a = items[1].stringValue
        else { return nil }
        return (r, a)
    }
}

/// The name of an intrinsic function in its long form (`Ref`, `Condition`, `Fn::Sub`, ...).
public struct FunctionName: RawRepresentable, Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The long-form key, e.g. `Fn::Sub`.
    public var rawValue: String

    /// Creates a name from its long-form key.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a name from its long-form key.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The long-form key.
    public var description: String { rawValue }

    /// The YAML short-form tag without `!`: `Ref`, `Sub`, `Rain::Embed`.
    public var tag: String {
        rawValue.hasPrefix("Fn::") ? String(rawValue.dropFirst(4)) : rawValue
    }

    /// The long-form name for a YAML tag (without `!`): `Ref` and `Condition` stay, others get `Fn::`.
    public init(tag: String) {
        rawValue = (tag == "Ref" || tag == "Condition") ? tag : "Fn::" + tag
    }

    /// Whether CloudFormation has a YAML short form for this function.
    public var hasShortForm: Bool { !FunctionName.longOnly.contains(self) }

    /// Whether this is one of CloudFormation's functions (a one-key mapping with this key is a call).
    public var isKnown: Bool { FunctionName.known.contains(self) }

    /// `Ref`.
    public static let ref: FunctionName = "Ref"
    /// `Condition` (a condition reference inside conditions).
    public static let condition: FunctionName = "Condition"
    /// `Fn::GetAtt`.
    public static let getAtt: FunctionName = "Fn::GetAtt"
    /// `Fn::Sub`.
    public static let sub: FunctionName = "Fn::Sub"
    /// `Fn::Join`.
    public static let join: FunctionName = "Fn::Join"
    /// `Fn::Select`.
    public static let select: FunctionName = "Fn::Select"
    /// `Fn::Split`.
    public static let split: FunctionName = "Fn::Split"
    /// `Fn::If`.
    public static let `if`: FunctionName = "Fn::If"
    /// `Fn::Equals`.
    public static let equals: FunctionName = "Fn::Equals"
    /// `Fn::And`.
    public static let and: FunctionName = "Fn::And"
    /// `Fn::Or`.
    public static let or: FunctionName = "Fn::Or"
    /// `Fn::Not`.
    public static let not: FunctionName = "Fn::Not"
    /// `Fn::FindInMap`.
    public static let findInMap: FunctionName = "Fn::FindInMap"
    /// `Fn::Base64`.
    public static let base64: FunctionName = "Fn::Base64"
    /// `Fn::Cidr`.
    public static let cidr: FunctionName = "Fn::Cidr"
    /// `Fn::GetAZs`.
    public static let getAZs: FunctionName = "Fn::GetAZs"
    /// `Fn::ImportValue`.
    public static let importValue: FunctionName = "Fn::ImportValue"
    /// `Fn::Transform`.
    public static let transform: FunctionName = "Fn::Transform"
    /// `Fn::ToJsonString`.
    public static let toJsonString: FunctionName = "Fn::ToJsonString"
    /// `Fn::Length`.
    public static let length: FunctionName = "Fn::Length"
    /// `Fn::GetStackOutput`: an output of another stack, possibly in another account or region.
    public static let getStackOutput: FunctionName = "Fn::GetStackOutput"
    /// `Fn::ForEach` (only as `Fn::ForEach::Name` keys, which stay plain keys).
    public static let forEach: FunctionName = "Fn::ForEach"

    /// Every function CloudFormation (with its language extensions and the Rules section) knows.
    public static let known: Set<FunctionName> = [
        .ref, .condition, .getAtt, .sub, .join, .select, .split, .if, .equals, .and, .or, .not,
        .findInMap, .base64, .cidr, .getAZs, .importValue, .transform, .toJsonString, .length, .getStackOutput,
        "Fn::Contains", "Fn::EachMemberEquals", "Fn::EachMemberIn", "Fn::RefAll", "Fn::ValueOf",
        "Fn::ValueOfAll",
    ]

    /// Functions written only in long form.
    static let longOnly: Set<FunctionName> = [.forEach]
}
