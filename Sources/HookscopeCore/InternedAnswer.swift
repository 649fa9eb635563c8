/// The previous answer's headers and (small) body, for `CaptureBuffer` to share with the
/// next answer when they are equal: the default answer's headers are the same for every
/// delivery, and so is a rule's fixed body, so storing them once per exchange would cost
/// a few hundred bytes each for nothing.
struct InternedAnswer {
    /// Bodies up to this size are compared; larger ones are rarely equal and costly to check.
    static let maxBody = 4096

    private var headers = InternedHeaders()
    private var body: [UInt8] = []

    /// The response with its headers and body replaced by equal stored ones where possible;
    /// otherwise its own become the ones to share next time.
    mutating func intern(_ response: ExchangeResponse) -> ExchangeResponse {
        var shared = response
        shared.headers = headers.intern(response.headers)
        if response.body.count <= Self.maxBody {
            if response.body == body {
                shared.body = body
            } else {
                body = response.body
            }
        }
        return shared
    }
}
