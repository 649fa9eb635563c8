/// The detail screen's wrapped rows, built once per change of what they depend on: a
/// 64 KB JSON body costs one pretty-print and wrap, not one per key press or frame.
public struct DetailRowsCache: Sendable {
    struct Key: Sendable, Equatable {
        var exchangeID: Int?
        var exists: Bool
        var answered: Bool
        /// With "forward and override" the app's answer can arrive after the sender's.
        var forwarded: Bool
        var tab: DetailState.Tab
        var bodyView: BodyView?
        var width: Int
        var settings: DisplaySettings
        /// The Attempts tab reads other exchanges: it follows the store.
        var generation: UInt64?
    }

    let key: Key
    public let rows: [StyledLine]
}

extension AppState {
    var detailCacheKey: DetailRowsCache.Key {
        let exchange = detailExchange
        return DetailRowsCache.Key(
            exchangeID: detail.exchangeID, exists: exchange != nil, answered: exchange?.response != nil,
            forwarded: exchange?.upstream != nil,
            tab: detail.tab, bodyView: detail.bodyView, width: size.width, settings: settings,
            generation: detail.tab == .attempts ? snapshot.generation : nil
        )
    }

    /// The detail rows for the current state, from the cache when it is current.
    var detailRows: [StyledLine] {
        if let cache = detailCache, cache.key == detailCacheKey { return cache.rows }
        return DetailDocument.rows(for: self)
    }

    mutating func refreshDetailCache() {
        guard screen == .detail else {
            detailCache = nil
            return
        }
        let key = detailCacheKey
        if detailCache?.key != key {
            detailCache = DetailRowsCache(key: key, rows: DetailDocument.rows(for: self))
        }
    }
}
