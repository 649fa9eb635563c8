/// What provider rules ask of a JSON body: whether it has a top-level key, and the text at
/// a dotted path. The analyzer answers with `JSONFieldReader` (as far as the question
/// needs, on every request); `JSONPayload` answers for callers that validated the whole
/// body first.
protocol JSONFieldLookup {
    func has(_ key: String) -> Bool
    func string(at path: String) -> String?
}

extension JSONPayload: JSONFieldLookup {}
extension JSONFieldReader: JSONFieldLookup {}
