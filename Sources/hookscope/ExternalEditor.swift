import Foundation

/// Runs the user's editor on a file and waits for it: `$VISUAL`, else `$EDITOR`, else
/// `vi`, through `/bin/sh` so `EDITOR="code --wait"` works as it does for git (`exec`, so
/// the process waited for is the editor itself and its Ctrl-Z is seen).
///
/// The editor runs as a job of its own, as a shell would run it: in its own process group,
/// given the terminal, so Ctrl-C or Ctrl-\ typed into it reach the editor and not the
/// server behind it; Ctrl-Z in the editor stops hookscope as a whole, and `fg` resumes
/// both.
enum ExternalEditor {
    /// nil when the editor ran and exited 0, else why not.
    static func edit(_ path: String, environment: [String: String]) -> String? {
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let pid: pid_t
        // The child stops itself first and the editor starts only once it has the terminal:
        // a Ctrl-C typed at once must reach the editor, never hookscope.
        switch spawn(["/bin/sh", "-c", "kill -STOP $$; exec " + editor + " \"$1\"", "sh", path], environment: environment) {
        case .success(let spawned): pid = spawned
        case .failure(let code): return "could not start the editor (\(editor)): \(String(cString: strerror(code.code.rawValue)))"
        }
        let ownGroup = getpgrp()
        let inForeground = tcgetpgrp(STDIN_FILENO) == ownGroup
        if inForeground { giveTerminal(to: pid) }
        defer { if inForeground { giveTerminal(to: ownGroup) } }
        var status: Int32 = 0
        while true {
            guard waitpid(pid, &status, WUNTRACED) != -1 else {
                if errno == EINTR { continue }
                return "lost track of the editor (\(editor)); nothing sent"
            }
            guard status & 0xFF == 0x7F else { break }   // stopped, not ended
            let stopSignal = (status >> 8) & 0xFF
            if inForeground, stopSignal == SIGTSTP {
                // Ctrl-Z in the editor: the user wants the shell, so all of hookscope stops.
                giveTerminal(to: ownGroup)
                stopThisProcess()
                giveTerminal(to: pid)
            }
            // Also the stop at the start, or a read before the terminal was handed over: go on.
            kill(-pid, SIGCONT)
        }
        let signal = status & 0x7F
        if signal != 0 { return "the editor (\(editor)) ended by signal \(signal); nothing sent" }
        let exitCode = (status >> 8) & 0xFF
        if exitCode == 127 { return "the editor (\(editor)) was not found: set $EDITOR; nothing sent" }
        if exitCode != 0 { return "the editor (\(editor)) exited with status \(exitCode); nothing sent" }
        return nil
    }

    /// Starts the command in a new process group with the signal settings of a program
    /// started from the shell (the UI thread blocks the stop signals and ignores Ctrl-Z).
    private static func spawn(_ arguments: [String], environment: [String: String]) -> Result<pid_t, POSIXError> {
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnvironment.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        ChildSpawn.closeInheritedDescriptors(&actions)
        var pid: pid_t = 0
        let result = ChildSpawn.withJobAttributes { posix_spawn(&pid, arguments[0], &actions, &$0, cArguments, cEnvironment) }
        guard result == 0 else { return .failure(POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO)) }
        return .success(pid)
    }

    /// Makes `group` the terminal's foreground job. A process outside the foreground job
    /// that does this gets SIGTTOU unless it blocks it, hence the mask around the call.
    private static func giveTerminal(to group: pid_t) {
        var ttou = sigset_t(), saved = sigset_t()
        sigemptyset(&ttou)
        sigaddset(&ttou, SIGTTOU)
        pthread_sigmask(SIG_BLOCK, &ttou, &saved)
        tcsetpgrp(STDIN_FILENO, group)
        pthread_sigmask(SIG_SETMASK, &saved, nil)
    }

    /// Stops hookscope until the shell continues it (`fg`), as Ctrl-Z on the list does.
    private static func stopThisProcess() {
        var stop = sigset_t(), saved = sigset_t()
        sigemptyset(&stop)
        sigaddset(&stop, SIGTSTP)
        pthread_sigmask(SIG_UNBLOCK, &stop, &saved)
        signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        signal(SIGTSTP, SIG_IGN)
        pthread_sigmask(SIG_SETMASK, &saved, nil)
    }
}
