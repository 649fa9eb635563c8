import Foundation
import HookscopeCore
import HookscopeFiles

extension TerminalSession {
    /// Writes the export, unless the file exists and the user has not said to replace it;
    /// a prompt that failed comes back with its text.
    func performExport(_ order: ExportOrder) {
        guard mayWrite(order.path, overwrite: order.overwrite, reopen: order.reopen) else { return }
        report(Self.export(order), reopen: order.reopen)
    }

    /// `w` on the detail screen: the whole body, whatever the screen showed of it.
    func performSaveBody(path: String, bytes: [UInt8], what: String, overwrite: Bool, reopen: TextInput) {
        guard mayWrite(path, overwrite: overwrite, reopen: reopen) else { return }
        do {
            try OutputFile.write(bytes, to: (path as NSString).expandingTildeInPath, waitForReader: false)
            report(StatusMessage("saved \(what) (\(ByteCountText.format(bytes.count))) to \(path)"), reopen: reopen)
        } catch {
            report(StatusMessage("\(error)", isError: true), reopen: reopen)
        }
    }

    /// False (and the prompt asks again) when a regular file (or a link to one) is there
    /// and the user has not yet said to replace it. A FIFO or a device is written into,
    /// not replaced: nothing to ask.
    private func mayWrite(_ typedPath: String, overwrite: Bool, reopen: TextInput?) -> Bool {
        let path = (typedPath as NSString).expandingTildeInPath
        var info = stat()
        let isRegularFile = stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        guard !overwrite, isRegularFile, var field = reopen else { return true }
        field.confirmed = typedPath
        apply(.reopenInput(field, StatusMessage("\(typedPath) exists: Enter again replaces it", isError: true)))
        return false
    }

    /// A write that failed opens its prompt again with the reason, so the path can be fixed.
    private func report(_ result: StatusMessage, reopen: TextInput?) {
        if result.isError, let field = reopen {
            apply(.reopenInput(field, result))
        } else {
            apply(.effectFinished(result))
        }
    }

    /// Writes the export; returns the message line's text.
    static func export(_ order: ExportOrder) -> StatusMessage {
        let path = (order.path as NSString).expandingTildeInPath
        let count = CountWords.format(order.exchanges.count, "exchange")
        var files: [(path: String, bytes: [UInt8])]
        switch order.format {
        case .har: files = [(path, Array(HARExport.encode(order.exchanges, baseURL: order.baseURL).utf8))]
        case .raw: files = [(path, RawHTTPExport.bytes(of: order.exchanges))]
        case .curl:
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            let script = CurlExport.script(order.exchanges, baseURL: order.baseURL, routed: order.routed, bodyFilesBeside: absolute)
            files = [(path, Array(script.text.utf8))] + script.bodyFiles
        }
        for file in files {
            do {
                try OutputFile.write(file.bytes, to: file.path, waitForReader: false)
            } catch {
                return StatusMessage("\(error)", isError: true)
            }
        }
        let extra = files.count > 1 ? " (+\(CountWords.format(files.count - 1, "body file")) beside it)" : ""
        return StatusMessage("exported \(count) as \(order.format.title) to \(order.path)\(extra)")
    }
}
