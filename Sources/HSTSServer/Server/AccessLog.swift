import Foundation
import Hummingbird

/// One line per request on standard error: method, path and query (cut at 200 bytes), status, duration.
struct AccessLog: Sendable {
    func record(request: Request, status: Int, started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        var target = request.uri.string
        if target.utf8.count > 200 { target = (String(target.utf8.prefix(200)) ?? "") + "…" }
        // The target is percent-encoded on the wire; control characters are escaped anyway so that one request
        // is always one line.
        let safe = target.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : String($0) }.joined()
        let line = "\(request.method.rawValue.prefix(32)) \(safe) \(status) \(micros)us\n"
        StandardError.write(line)
    }
}
