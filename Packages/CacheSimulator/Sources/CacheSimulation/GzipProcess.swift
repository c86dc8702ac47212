import Foundation

/// Decompresses a file by running `gzip -dc` on it and handing its output over in chunks.
enum GzipProcess {
    /// Runs `gzip -dc path`, calling `body` with each chunk of its output as it arrives, until
    /// the output ends or `body` returns `false` (then `gzip` is stopped).
    ///
    /// - Throws: ``TraceError/decompressionFailed(path:reason:)`` when `gzip` is not on the
    ///   `PATH` or exits with an error (its message is included), or what `body` throws.
    static func decompress(path: String, _ body: (Data) throws(TraceError) -> Bool) throws(TraceError) {
        guard let gzip = executable(named: "gzip") else {
            throw .decompressionFailed(path: path, reason: "no gzip executable on the PATH; decompress the file first")
        }
        let process = Process()
        process.executableURL = gzip
        process.arguments = ["-dc", "--", path]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .decompressionFailed(path: path, reason: error.localizedDescription)
        }
        let reader = output.fileHandleForReading
        var failure: TraceError?
        var stopped = false
        while true {
            let chunk: Data
            do {
                chunk = try reader.read(upToCount: 1 << 20) ?? Data()
            } catch {
                failure = .decompressionFailed(path: path, reason: error.localizedDescription)
                break
            }
            if chunk.isEmpty { break }
            do {
                stopped = try !body(chunk)
            } catch {
                failure = error
            }
            if stopped || failure != nil { break }
        }
        if (stopped || failure != nil) && process.isRunning { process.terminate() }
        try? reader.close()
        process.waitUntilExit()
        if let failure { throw failure }
        guard stopped || process.terminationStatus == 0 else {
            let message = (try? errors.fileHandleForReading.readToEnd()).flatMap { String(data: $0, encoding: .utf8) }
            let reason = message?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            throw .decompressionFailed(
                path: path,
                reason: reason.isEmpty ? "gzip exited with status \(process.terminationStatus)" : reason
            )
        }
    }

    /// The first executable called `name` in the directories of `PATH`.
    private static func executable(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
