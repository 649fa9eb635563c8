/// A delivery in one provider's shape, for `hookscope send`: the body (the seed's example
/// payload where the documentation gives one, else a small placeholder), the companion
/// headers (event, delivery id) and the signature by the provider's recipe.
public struct SampleDelivery: Sendable, Equatable {
    public var method = "POST"
    public var headers: [HeaderField]
    public var body: [UInt8]
    public var event: String?
    public var deliveryID: String?
    /// What a person should know about how faithful this is (unsigned, placeholder body).
    public var notes: [String]

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// - Parameters:
    ///   - event: the event type; the provider's documented example when nil.
    ///   - body: the body to send as is (`--body-file`); a sample when nil.
    ///   - secret: signs the delivery; nil sends it unsigned (with a note).
    ///   - deliveryID: the delivery id; a fresh one in the provider's form when nil.
    ///   - timestamp: unix seconds for signed timestamps and the payload's time fields.
    ///   - url: where the delivery goes, for recipes that sign the URL.
    ///   - extraHeaders: headers to send as well (`--header`), e.g. one the recipe signs
    ///     whose value hookscope cannot make up.
    public init(
        profile: ProviderProfile, event: String? = nil, body: [UInt8]? = nil, secret: ProviderSecret?,
        deliveryID: String? = nil, timestamp: Int64, url: String? = nil, extraHeaders: [HeaderField] = [],
        random: inout some RandomNumberGenerator
    ) throws {
        let event = event ?? SamplePayloads.defaultEvent(for: profile.name)
        let id = deliveryID ?? SamplePayloads.newDeliveryID(for: profile.name, random: &random)
        self.event = event
        // Only where the provider has a delivery id (Productive's documents name none).
        let carriesID = profile.deliveryID != nil || profile.signature?.message.parts.contains(.id) == true
        self.deliveryID = carriesID ? id : nil
        notes = []
        if let body {
            self.body = body
        } else {
            let sample = SamplePayloads.body(for: profile, event: event, id: id, timestamp: timestamp)
            self.body = sample.bytes
            if let note = sample.note { notes.append(note) }
        }
        headers = [
            HeaderField("Content-Type", "application/json"),
            HeaderField("User-Agent", "hookscope-send/\(HARExport.creatorVersion) (emulating \(profile.displayName))"),
        ]
        headers += extraHeaders
        if let recipe = profile.signature, let secret, recipe.bodyPath != nil {
            do {
                self.body = try ProviderSigner.signedBody(recipe: recipe, secret: secret, body: self.body, timestamp: timestamp)
            } catch let error as ProviderSigner.SigningError {
                throw Failure(description: error.description)
            }
            if case .header(let name)? = profile.event { headers.append(HeaderField(name, event)) }
            if case .header(let name)? = profile.deliveryID { headers.append(HeaderField(name, id)) }
        } else if let recipe = profile.signature, let secret {
            do {
                headers += try ProviderSigner.headers(
                    for: profile, secret: secret, body: self.body, timestamp: timestamp,
                    id: recipe.message.parts.contains(.id) || profile.deliveryID.isHeader ? id : nil,
                    event: event, url: url, method: method, sentHeaders: extraHeaders
                )
            } catch let error as ProviderSigner.SigningError {
                throw Failure(description: error.description)
            }
        } else {
            if profile.signature == nil {
                notes.append("\(profile.displayName)'s documentation says deliveries are signed but not how: sent unsigned")
            } else {
                notes.append(profile.signature?.kind.isAsymmetric == true ? "no --private-key given: sent unsigned" : "no secret given: sent unsigned")
            }
            // The event and delivery id headers still go where the provider puts them.
            if case .header(let name)? = profile.event { headers.append(HeaderField(name, event)) }
            if case .header(let name)? = profile.deliveryID { headers.append(HeaderField(name, id)) }
        }
    }
}

extension Optional where Wrapped == FieldSource {
    var isHeader: Bool {
        if case .header? = self { return true }
        return false
    }
}
