import Foundation
import HookscopeCore
import HookscopeFiles

extension TerminalSession {
    /// Writes the export, unless the file exists and the user has not said to replace it;
    /// a prompt that failed comes back with its text.
    func performExport(_ order: ExportOrder) {
        let path = (order.path as NSString).expandingTildeInPath
        if !order.overwrite, FileManager.default.fileExists(atPath: path), var field = order.reopen {
            field.confirmed = order.path
            apply(.reopenInput(field, StatusMessage("\(order.path) exists: Enter again replaces it", isError: true)))
            return
        }
        let result = Self.export(order)
        if result.isError, let field = order.reopen {
            apply(.reopenInput(field, result))
        } else {
            apply(.effectFinished(result))
        }
    }

    /// Writes the export; returns the message line's text.
    static func export(_ order: ExportOrder) -> StatusMessage {
        let path = (order.path as NSString).expandingTildeInPath
        let count = "\(order.exchanges.count) exchange\(order.exchanges.count == 1 ? "" : "s")"
        var files: [(path: String, bytes: [UInt8])]
        switch order.format {
        case .har: files = [(path, Array(HARExport.encode(order.exchanges, baseURL: order.baseURL).utf8))]
        case .raw: files = [(path, RawHTTPExport.bytes(of: order.exchanges))]
        case .curl:
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            let script = CurlExport.script(order.exchanges, baseURL: order.baseURL, bodyFilesBeside: absolute)
            files = [(path, Array(script.text.utf8))] + script.bodyFiles
        }
        for file in files {
            do {
                try OutputFile.write(file.bytes, to: file.path, waitForReader: false)
            } catch {
                return StatusMessage("\(error)", isError: true)
            }
        }
        let extra = files.count > 1 ? " (+\(files.count - 1) body file\(files.count == 2 ? "" : "s") beside it)" : ""
        return StatusMessage("exported \(count) as \(order.format.title) to \(order.path)\(extra)")
    }
}
