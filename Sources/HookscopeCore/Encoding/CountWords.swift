/// A count with its noun in the right number (`1 exchange`, `0 exchanges`, `2 retries`):
/// every message that prints a count says it this way, so none reads `1 exchanges`.
public enum CountWords {
    /// `plural` defaults to the singular with an `s`.
    public static func format(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}
