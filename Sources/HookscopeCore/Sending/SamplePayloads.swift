/// Example payloads and delivery ids per provider. The seeds give GitProductivity's
/// `developer.added` and ProductLift's `vote.created` payloads in full; for the others the
/// documents do not describe the body, so a small placeholder carries the event and id
/// where the provider's profile reads them.
public enum SamplePayloads {
    public struct Sample: Sendable, Equatable {
        public var bytes: [UInt8]
        public var note: String?
    }

    public static func defaultEvent(for provider: String) -> String {
        switch provider {
        case "gitproductivity": return "developer.added"
        case "productlift": return "vote.created"
        case "teamwork": return "deals.created"
        case "productive": return "Deal created"
        case "github": return "ping"
        case "shopify": return "orders/create"
        case "slack": return "app_mention"
        default: return "test.event"
        }
    }

    /// A fresh id in the form the provider uses: `evt_...` (GitProductivity), a UUID in the
    /// `Delivery` header (Teamwork), 16 letters and digits (ProductLift), `msg_...` else.
    public static func newDeliveryID(for provider: String, random: inout some RandomNumberGenerator) -> String {
        func hex(_ count: Int) -> String {
            Hex.encode((0..<count).map { _ in UInt8.random(in: 0...255, using: &random) })
        }
        switch provider {
        case "gitproductivity":
            return "evt_" + hex(6)
        case "teamwork", "github", "shopify":
            let h = Array(hex(16))
            // Version 4 UUID layout.
            return "\(String(h[0..<8]))-\(String(h[8..<12]))-4\(String(h[13..<16]))-a\(String(h[17..<20]))-\(String(h[20..<32]))"
        case "productlift":
            let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
            return String((0..<16).map { _ in letters[Int.random(in: 0..<letters.count, using: &random)] })
        default:
            return "msg_" + hex(12)
        }
    }

    public static func body(for profile: ProviderProfile, event: String, id: String, timestamp: Int64) -> Sample {
        let time = secondsRFC3339(timestamp)
        switch profile.name {
        case "gitproductivity":
            // The seed's example, with this delivery's id, type and time.
            return Sample(bytes: Array("""
            {"id":\(json(id)),"type":\(json(event)),"created_at":\(json(time)),\
            "data":{"developer_id":"dev_456","name":"Jane Doe","email":"jane@example.com"}}
            """.utf8), note: event == "developer.added" ? nil : "the payload's data is the documented developer.added example")
        case "productlift":
            return Sample(bytes: Array("""
            {"id":\(json(id)),"creation_time":\(json(time)),"event":\(json(event)),"data":{\
            "vote":{"id":500,"created_at":\(json(time)),"voter":{"id":48,"name":"Rubenb","email":"ruben@abc.nl","role":"admin",\
            "counter_votes":2,"counter_comments":18,"counter_posts":12,"counter_comment_votes":0}},\
            "post":{"id":99,"title":"This is a great idea","description":"Wow. This is the best idea I have ever seen!",\
            "author":{"id":48,"name":"Rubenb","email":"ruben@abc.nl","role":"admin","counter_votes":2,"counter_comments":18,\
            "counter_posts":12,"counter_comment_votes":0}},"portal":{"id":4,"title":"Test Portal"}}}
            """.utf8), note: event == "vote.created" ? nil : "the payload's data is the documented vote.created example")
        default:
            var fields: [(String, String)] = []
            if case .body(let path)? = profile.event { fields.append((path, event)) }
            if case .body(let path)? = profile.deliveryID { fields.append((path, id)) }
            // A signature carried in the body (Mailgun): its fields, filled in by the signer;
            // the signed body fields (Mailgun's token) get the delivery id.
            if let recipe = profile.signature, let path = recipe.bodyPath {
                for case .field(let signed) in recipe.message.parts { fields.append((signed, id)) }
                if let stamp = recipe.timestampField { fields.append((stamp, "")) }
                fields.append((path, ""))
            }
            fields.append(("created_at", time))
            return Sample(
                bytes: Array(placeholder(fields).utf8),
                note: "\(profile.displayName)'s documentation does not describe the payload: a placeholder body was sent (use --body-file for a real one)"
            )
        }
    }

    /// A JSON object with these (possibly dotted) paths set to strings, plus a marker.
    static func placeholder(_ fields: [(String, String)]) -> String {
        var top: [(String, String)] = [("hookscope_sample", "true")]
        var nested: [(String, [(String, String)])] = []
        for (path, value) in fields {
            let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                if let i = nested.firstIndex(where: { $0.0 == parts[0] }) {
                    nested[i].1.append((parts[1], json(value)))
                } else {
                    nested.append((parts[0], [(parts[1], json(value))]))
                }
            } else if !top.contains(where: { $0.0 == path }) {
                top.append((path, json(value)))
            }
        }
        let members = top.map { "\(json($0.0)):\($0.1)" }
            + nested.map { "\(json($0.0)):{\($0.1.map { "\(json($0.0)):\($0.1)" }.joined(separator: ","))}" }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func json(_ text: String) -> String {
        var w = JSONWriter(reservingCapacity: text.utf8.count + 2)
        w.string(text)
        return w.string
    }

    /// `2026-03-19T10:30:00Z`, as the seeds' payloads write times.
    static func secondsRFC3339(_ seconds: Int64) -> String {
        let full = Timestamp(nanosecondsSinceEpoch: seconds * 1_000_000_000).rfc3339
        return String(full.prefix(19)) + "Z"
    }
}
