import HookscopeCore

extension AppState {
    /// Export (`x`, `X`) and copy-as-curl (`Y`), on the list (the marked rows, else the
    /// selected one) and on the detail screen (the exchange shown).
    mutating func handleExportAction(_ action: AppAction) -> [AppEffect] {
        switch action {
        case .export, .exportShown:
            let ids = action == .exportShown ? (0..<list.count).map { list[$0].id } : actionIDs
            guard !ids.isEmpty else { return nothing("nothing to export") }
            if screen == .list, action == .export { marked = [] }
            let format = ExportFormat.har
            let name = ids.count == 1 ? "hookscope-\(ids[0])" : defaultSavePath.replacingSuffix(".jsonl", with: "")
            input = TextInput(purpose: .export(ids: ids, format: format), text: format.applied(to: name))
        case .copyCurl:
            guard let id = focusedID, let exchange = exchange(id: id) else { return nothing("nothing to copy") }
            let command = CurlExport.command(for: exchange, baseURL: curlBaseURL(for: exchange))
            return [.copy(bytes: Array(command.utf8), what: "#\(id) as a curl command")]
        default:
            break
        }
        return []
    }

    /// The typed path decides the format when its ending names one (`.har`, `.sh`, `.http`).
    mutating func acceptExport(_ field: TextInput, ids: [Int], format: ExportFormat) -> [AppEffect] {
        let path = field.text.trimmingSpaces
        guard !path.isEmpty else { return [] }
        let exchanges = ids.compactMap { exchange(id: $0) }
        guard !exchanges.isEmpty else { return nothing("those exchanges are no longer stored (evicted or cleared)") }
        let chosen = ExportFormat.named(byPath: path) ?? format
        // A HAR records where the requests went (their Host); a curl script is for sending
        // them again, so it points at the replay target when there is one.
        let curl = chosen == .curl ? curlTargets(for: exchanges) : (base: nil, routed: [:])
        let order = ExportOrder(path: path, format: chosen, exchanges: exchanges, baseURL: curl.base, routed: curl.routed,
                                overwrite: field.confirmed == path, reopen: field)
        return [.export(order)]
    }
}
