import Foundation

/// The members of a JSON object as the exchange's decoders read them, so that one decoder
/// serves both of the forms an object comes in: `JSONObjectText` (a JSON Lines line, a
/// store row, a forwarder's answer: read from the bytes, per delivery) and Foundation's
/// `[String: Any]` (HAR's `_hookscope`, inside a HAR file `JSONSerialization` has read).
/// Each requirement says the cast it stands for; the two must agree (the property tests
/// hold `JSONObjectText` to `JSONSerialization`).
protocol ExchangeFields {
    /// The member is there, whatever its value (`null` included).
    func has(_ key: String) -> Bool
    /// `as? String`.
    func string(_ key: String) -> String?
    /// `(as? String).map { Array($0.utf8) }`.
    func stringBytes(_ key: String) -> [UInt8]?
    /// `(as? NSNumber)?.intValue` (`true` is 1).
    func int(_ key: String) -> Int?
    /// `(as? NSNumber)?.doubleValue`.
    func double(_ key: String) -> Double?
    /// `as? Bool` (a number that is exactly 0 or 1 is one).
    func bool(_ key: String) -> Bool?
    /// `as? [String: Any]`.
    func object(_ key: String) -> Self?
    /// The `[[name, value], …]` list at `key`; `field` names it in the errors.
    func headerPairs(_ key: String, field: String) throws -> [HeaderField]
}

extension Dictionary: ExchangeFields where Key == String, Value == Any {
    func has(_ key: String) -> Bool { self[key] != nil }
    func string(_ key: String) -> String? { self[key] as? String }
    func stringBytes(_ key: String) -> [UInt8]? { string(key).map { Array($0.utf8) } }
    func int(_ key: String) -> Int? { (self[key] as? NSNumber)?.intValue }
    func double(_ key: String) -> Double? { (self[key] as? NSNumber)?.doubleValue }
    func bool(_ key: String) -> Bool? { self[key] as? Bool }
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }

    func headerPairs(_ key: String, field: String) throws -> [HeaderField] {
        guard let list = self[key] as? [Any] else { throw ExchangeJSONLines.missing(field) }
        return try list.enumerated().map { index, item in
            guard let pair = item as? [Any], pair.count == 2,
                  let name = pair[0] as? String, let value = pair[1] as? String else {
                throw ExchangeJSONLines.notAPair(field, index)
            }
            return HeaderField(name, value)
        }
    }
}

extension JSONObjectText: ExchangeFields {
    func headerPairs(_ key: String, field: String) throws -> [HeaderField] {
        guard let range = value(key), let list = elements(at: range) else { throw ExchangeJSONLines.missing(field) }
        var headers: [HeaderField] = []
        headers.reserveCapacity(list.count)
        for (index, item) in list.enumerated() {
            guard let pair = pair(at: item), let name = string(at: pair.0), let value = string(at: pair.1) else {
                throw ExchangeJSONLines.notAPair(field, index)
            }
            headers.append(HeaderField(name, value))
        }
        return headers
    }
}
