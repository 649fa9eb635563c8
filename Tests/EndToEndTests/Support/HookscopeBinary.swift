import Foundation

/// Where the built `hookscope` executable is: beside the test bundle in the build folder
/// (`swift build` / `swift test` put both there, whatever --scratch-path says).
enum HookscopeBinary {
    static var path: String {
        if let override = ProcessInfo.processInfo.environment["HOOKSCOPE_BINARY"] { return override }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        // The runner may be inside `hookscopePackageTests.xctest/...`; walk up to the build folder.
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("hookscope")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate.path
            }
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("hookscope").path
    }
}
