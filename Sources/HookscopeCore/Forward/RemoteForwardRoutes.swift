import Foundation

/// A forwarder's routes as it registers them in the shared store: the `--forward` values
/// it was given, as a JSON array of strings, which listeners read back with the same
/// parser (`ForwardRoute.parse`) to know what it takes.
public enum RemoteForwardRoutes {
    /// The routes of a forwarder that is quitting: still registered (its forwards in
    /// flight are answered), offered nothing new, and what it was offered is taken back.
    public static let withdrawn = "[]"

    public static func encode(_ values: [String]) -> String {
        var w = JSONWriter(reservingCapacity: 64)
        w.raw("[")
        for (index, value) in values.enumerated() {
            if index > 0 { w.raw(",") }
            w.string(value)
        }
        w.raw("]")
        return w.string
    }

    /// nil when the text is not such a list or a route does not parse (a forwarder of
    /// another version): such a forwarder is offered nothing rather than everything.
    public static func decode(_ json: String) -> ForwardRoutes? {
        guard let values = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String] else { return nil }
        return try? ForwardRoutes(values.map(ForwardRoute.parse))
    }
}
