import Foundation

/// Runs the user's editor on a file and waits for it: `$VISUAL`, else `$EDITOR`, else
/// `vi`, through `/bin/sh` so `EDITOR="code --wait"` works as it does for git.
enum ExternalEditor {
    /// nil when the editor ran (whatever it did to the file), else why it could not.
    static func edit(_ path: String, environment: [String: String]) -> String? {
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let arguments = ["/bin/sh", "-c", editor + " \"$1\"", "sh", path]
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The UI thread blocks the stop signals and ignores Ctrl-Z for itself; the editor
        // must get them as a program started from the shell would (Ctrl-Z in vim works).
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnvironment.forEach { free($0) } }
        let spawned = posix_spawn(&pid, "/bin/sh", nil, &attributes, cArguments, cEnvironment)
        guard spawned == 0 else { return "could not start the editor (\(editor)): \(String(cString: strerror(spawned)))" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let exitCode = (status >> 8) & 0xFF
        if status & 0x7F != 0 { return "the editor (\(editor)) was killed by signal \(status & 0x7F); nothing sent" }
        if exitCode == 127 { return "the editor (\(editor)) was not found: set $EDITOR; nothing sent" }
        if exitCode != 0 { return "the editor (\(editor)) exited with status \(exitCode); nothing sent" }
        return nil
    }
}
