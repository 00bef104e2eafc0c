import CFNModel

/// One entry of a SAM function's (or state machine's) `Events`.
struct SAMEvent {
    /// The event's name under `Events` (`GetUser`).
    var name: String
    /// The logical id of what it makes: the resource's id and the name (`GetUserFnGetUser`).
    var logicalId: String
    /// Its `Type` (`Api`, `SQS`, ...).
    var type: String
    /// Its `Properties`.
    var properties: Map
    /// The event's mapping.
    var node: Node
    /// Where the event's name is written.
    var range: SourceRange
    /// The SAM resource it belongs to.
    var owner: SAMResource

    /// A property, if set (null counts as unset).
    subscript(_ name: String) -> Node? {
        guard let value = properties[name], !value.isNull else { return nil }
        return value
    }

    /// An error about this event, reported on its resource (`[Fn] Event with id [E] is invalid. ...`).
    func error(_ message: String, at property: String? = nil) -> SAMError {
        let at = property.flatMap { properties[entry: $0]?.keyRange } ?? range
        return SAMError(message, logicalId: owner.logicalId, event: name, range: at)
    }

    /// `sam_expect` on one of this event's properties (errors name the event).
    func expect(_ value: Node?, _ path: String) -> Expect {
        Expect(
            value: value,
            logicalId: owner.logicalId,
            path: path,
            event: name,
            isAttribute: false,
            range: properties[entry: path.split(separator: ".").first.map(String.init) ?? path]?.keyRange ?? range
        )
    }

    /// The origin of what this event makes.
    var origin: Origin { Origin(logicalId: owner.logicalId, type: owner.type, event: name, range: range) }

    /// A resource made by this event.
    func resource(
        _ logicalId: String,
        _ type: String,
        _ properties: [(String, Node?)] = [],
        attributes: [(String, Node)] = []
    )
        -> CFNResource
    {
        CFNResource(logicalId, type, origin: origin, properties: properties, attributes: attributes)
    }
}

extension SAMEvent {
    /// The event written as `entry` under `owner`'s `Events`, of type `type`; its `Properties`
    /// must be a mapping (or absent, or null).
    init(_ entry: Map.Entry, type: String, owner: SAMResource) throws(SAMError) {
        let node = entry.value
        if let p = node["Properties"], p.mapValue == nil, !p.isNull {
            throw SAMError("Properties of a resource must be an object.", logicalId: owner.logicalId + entry.key, range: p.range)
        }
        self.init(
            name: entry.key,
            logicalId: owner.logicalId + entry.key,
            type: type,
            properties: node["Properties"]?.mapValue ?? Map(),
            node: node,
            range: entry.keyRange,
            owner: owner
        )
    }
}

/// What a function event connects to: the function (or its alias, when it has one) and its role.
struct FunctionTarget {
    /// The Lambda function (or the alias that `AutoPublishAlias` made): what the event invokes.
    var function: CFNResource
    /// The generated execution role, when SAM made one (events add their policies to it).
    var role: CFNResource?
    /// The SAM function.
    var resource: SAMResource
    /// The passthrough attributes (Condition, DeletionPolicy, UpdateReplacePolicy) of the function.
    var attributes: [(String, Node)] { resource.passthroughAttributes }
}

/// One type of function event (`SQS`, `Api`, `Schedule`, ...).
protocol FunctionEventSource {
    /// The event `Type`.
    static var type: String { get }
    /// The properties the event takes, checked before `translate`.
    static var properties: PropertyTable { get }
    /// Checks or changes other resources before the function is translated (aws-sam-translator's
    /// `resources_to_link`): the default does nothing.
    static func link(_ event: SAMEvent, _ context: inout TransformContext) throws(SAMError)
    /// The resources the event makes; it may add policies to `target.role`.
    static func translate(
        _ event: SAMEvent,
        _ target: inout FunctionTarget,
        _ context: inout TransformContext
    ) throws(SAMError)
        -> [CFNResource]
}

extension FunctionEventSource {
    static func link(_ event: SAMEvent, _ context: inout TransformContext) throws(SAMError) {}
}

/// The function event types the transform knows.
enum FunctionEvents {
    static func source(for type: String) -> (any FunctionEventSource.Type)? {
        switch type {
        case HttpApiEvent.type: return HttpApiEvent.self
        case S3Event.type: return S3Event.self
        case SNSEvent.type: return SNSEvent.self
        case ScheduleEvent.type: return ScheduleEvent.self
        case ScheduleV2Event.type: return ScheduleV2Event.self
        case CloudWatchEventEvent.type: return CloudWatchEventEvent.self
        case EventBridgeRuleEvent.type: return EventBridgeRuleEvent.self
        case CloudWatchLogsEvent.type: return CloudWatchLogsEvent.self
        case IoTRuleEvent.type: return IoTRuleEvent.self
        case AlexaSkillEvent.type: return AlexaSkillEvent.self
        case CognitoEvent.type: return CognitoEvent.self
        case KinesisEvent.type: return KinesisEvent.self
        case DynamoDBEvent.type: return DynamoDBEvent.self
        case SQSEvent.type: return SQSEvent.self
        case MSKEvent.type: return MSKEvent.self
        case MQEvent.type: return MQEvent.self
        case SelfManagedKafkaEvent.type: return SelfManagedKafkaEvent.self
        case DocumentDBEvent.type: return DocumentDBEvent.self
        case ApiEvent.type: return ApiEvent.self
        default: return nil
        }
    }

    /// The events of `resource`, checked: each a mapping with a known `Type` and known properties.
    /// Unknown properties are reported on the event's own logical id (function id + event name),
    /// as aws-sam-translator reports them.
    static func events(
        of resource: SAMResource,
        known: (String) -> (any FunctionEventSource.Type)? = source(for:)
    ) throws(SAMError)
        -> [(SAMEvent, any FunctionEventSource.Type)]
    {
        guard let events = resource["Events"]?.mapValue else { return [] }
        var out: [(SAMEvent, any FunctionEventSource.Type)] = []
        for entry in events {
            let node = entry.value
            let fail = { (message: String) in SAMError(message, logicalId: resource.logicalId, event: entry.key, range: entry.keyRange) }
            guard let type = node["Type"]?.stringValue, let source = known(type) else {
                throw fail(
                    "Resource dict has missing or invalid value for key Type. Event Type is: \(node["Type"].map(pythonLiteral) ?? "None")."
                )
            }
            let event = try SAMEvent(entry, type: type, owner: resource)
            try source.properties.validate(event)
            out.append((event, source))
        }
        return out
    }

    /// How aws-sam-translator orders a function's events before translating them: by `Path`
    /// (so an HTTP API's `$default` comes before `/`), else by name.
    static func sorted(_ events: [(SAMEvent, any FunctionEventSource.Type)]) -> [(SAMEvent, any FunctionEventSource.Type)] {
        events.enumerated().sorted { a, b in
            let ka = a.element.0["Path"]?.stringValue ?? a.element.0.name
            let kb = b.element.0["Path"]?.stringValue ?? b.element.0.name
            if ka != kb { return ka.unicodeScalars.lexicographicallyPrecedes(kb.unicodeScalars) }
            return a.offset < b.offset
        }.map(\.element)
    }
}

extension PropertyTable {
    /// Checks an event's properties, as for a resource; errors name the event's own logical id.
    func validate(_ event: SAMEvent) throws(SAMError) {
        var pseudo = SAMResource(
            logicalId: event.logicalId,
            entry: Map.Entry(key: event.logicalId, value: event.node, keyRange: event.range)
        )
        pseudo.type = event.type
        try validate(pseudo)
    }
}
