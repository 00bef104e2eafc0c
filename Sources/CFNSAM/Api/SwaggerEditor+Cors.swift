import CFNModel

/// CORS on a REST API's document: an `OPTIONS` method with a mock integration answering the
/// preflight request with the `Access-Control-*` headers (the Lambda proxy integration cannot
/// add them to the preflight answer).
extension SwaggerEditor {
    /// The CORS settings of an API (`Cors`): each header's value as API Gateway takes it, a
    /// quoted string expression (`"'*'"`) or an intrinsic function.
    struct Cors {
        var allowOrigin: Node?
        var allowHeaders: Node?
        var allowMethods: Node?
        var maxAge: Node?
        var allowCredentials: Node?
    }

    /// Adds the preflight `OPTIONS` method to `path`, unless it has one.
    mutating func addCors(_ path: String, _ cors: Cors) throws(SAMError) {
        var methods = cors.allowMethods
        for content in try contents(paths[path]) where !SwaggerEditor.isDict(content) {
            throw fail("Value of '\(path)' path must be a dictionary according to Swagger spec.")
        }
        let editor = self
        try updatePathItems(path) { (item: inout Map) throws(SAMError) in
            if item["options"] != nil { return }
            guard let origin = cors.allowOrigin, origin.isTruthy else {
                throw editor.fail("Invalid input. Value for AllowedOrigins is required")
            }
            if !(methods?.isTruthy ?? false) {
                // SAM works the list out from the first item's methods, and keeps it for the others.
                methods = .string("'\(SwaggerEditor.allowedMethods(item))'")
            }
            let credentials = cors.allowCredentials.map { if case .bool(true) = $0.value { return true } else { return false } } ?? false
            item["options"] = SwaggerEditor.preflight(
                origin: origin,
                headers: cors.allowHeaders,
                methods: methods,
                maxAge: cors.maxAge,
                credentials: credentials
            )
        }
    }

    /// `Access-Control-Allow-Methods` for a path item: its methods and `OPTIONS`, or every HTTP
    /// method with API Gateway's any-method, upper case and sorted.
    static func allowedMethods(_ item: Map) -> String {
        var methods = item.keys
        if methods.contains(anyMethod) {
            methods = allHttpMethods
        } else {
            methods.append("options")
        }
        return Set(methods.map { $0.uppercased() }).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            .joined(separator: ",")
    }

    private static func preflight(origin: Node, headers: Node?, methods: Node?, maxAge: Node?, credentials: Bool) -> Node {
        func header(_ name: String) -> String { "method.response.header." + name }
        var parameters: [(String, Node)] = [(header("Access-Control-Allow-Origin"), origin)]
        var responseHeaders: [(String, Node)] = [("Access-Control-Allow-Origin", .map([("type", "string")]))]
        if let headers, headers.isTruthy {
            parameters.append((header("Access-Control-Allow-Headers"), headers))
            responseHeaders.append(("Access-Control-Allow-Headers", .map([("type", "string")])))
        }
        if let methods, methods.isTruthy {
            parameters.append((header("Access-Control-Allow-Methods"), methods))
            responseHeaders.append(("Access-Control-Allow-Methods", .map([("type", "string")])))
        }
        if let maxAge, !maxAge.isNull {
            parameters.append((header("Access-Control-Max-Age"), maxAge))
            responseHeaders.append(("Access-Control-Max-Age", .map([("type", "integer")])))
        }
        if credentials {
            parameters.append((header("Access-Control-Allow-Credentials"), "'true'"))
            responseHeaders.append(("Access-Control-Allow-Credentials", .map([("type", "string")])))
        }
        return .map([
            ("summary", "CORS support"),
            ("consumes", ["application/json"]),
            ("produces", ["application/json"]),
            (
                integrationKey,
                .map([
                    ("type", "mock"),
                    ("requestTemplates", .map([("application/json", "{\n  \"statusCode\" : 200\n}\n")])),
                    (
                        "responses",
                        .map([
                            (
                                "default",
                                .map([
                                    ("statusCode", "200"), ("responseParameters", .map(parameters)),
                                    ("responseTemplates", .map([("application/json", "{}\n")])),
                                ])
                            )
                        ])
                    ),
                ])
            ),
            (
                "responses",
                .map([("200", .map([("description", "Default response for CORS method"), ("headers", .map(responseHeaders))]))])
            ),
        ])
    }
}
