/// Finds the first profile whose header rule a request meets without walking every rule
/// of every profile: an index from header name (lowercased) to the profiles with a rule
/// naming it, so a request's handful of headers decide which few rules are checked in full.
/// With 50 catalogue entries this costs what the 9 built-ins cost by walking.
struct ProviderDetection: Sendable {
    /// Lowercased header name → indices of profiles with a rule naming it, ascending.
    private let index: [String: [Int]]
    /// Each profile's header rules, by profile index.
    private let recognitions: [ProviderRecognition]

    init(_ profiles: [ProviderProfile]) {
        var index: [String: [Int]] = [:]
        for (position, profile) in profiles.enumerated() {
            for name in Set(profile.recognition.headerRules.joined().map { $0.lowercased() }) {
                index[name, default: []].append(position)
            }
        }
        self.index = index
        self.recognitions = profiles.map(\.recognition)
    }

    /// The indices of every profile one of whose header rules the headers meet in full, in
    /// detection order: senders that share headers (the Svix family) are then told apart
    /// by their payload rules.
    func matches(_ headers: [HeaderField]) -> [Int] {
        var found: [Int] = []
        for field in headers {
            guard let positions = index[field.name.lowercased()] else { continue }
            for position in positions where !found.contains(position) && recognitions[position].matchesHeaders(headers) {
                found.append(position)
            }
        }
        return found.sorted()
    }

}
