import Foundation
import Synchronization

/// The progress line `cachesim` keeps on standard error during long runs.
///
/// On a terminal it rewrites one line in place; otherwise (a log file, CI) it prints a line at
/// each tenth of the run, so logs stay short.
final class ProgressLine: Sendable {
    private let enabled: Bool
    private let isTerminal: Bool
    private let start = ContinuousClock.now
    private let lastTenth = Mutex(-1)

    init(enabled: Bool) {
        self.enabled = enabled
        self.isTerminal = isatty(STDERR_FILENO) != 0
    }

    /// Shows `message`; `fraction` is how much of the run is done, when known.
    func update(_ message: String, fraction: Double?) {
        guard enabled else { return }
        let elapsed = ContinuousClock.now - start
        let line = "\(message) (\(elapsed.components.seconds) s)"
        if isTerminal {
            write("\r\u{1B}[K" + line)
        } else if let fraction {
            let tenth = Int(fraction * 10)
            let isNew = lastTenth.withLock { last in
                guard tenth > last else { return false }
                last = tenth
                return true
            }
            if isNew { write(line + "\n") }
        } else {
            write(line + "\n")
        }
    }

    /// Clears the line.
    func finish() {
        guard enabled && isTerminal else { return }
        write("\r\u{1B}[K")
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
