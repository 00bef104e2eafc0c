import CFNModel

/// What the HTTP API translators share over a template. Today nothing: an `HttpApi` event writes
/// its route into the API's resource in `TransformContext.template`, and the record set groups of
/// custom domains are shared with the REST APIs (`TransformContext.recordSetGroups`).
struct HttpApiState {}
