/// What `hstsq export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// curl's HSTS cache file (`curl --hsts FILE`).
    case curl
    /// One name per line with its flags.
    case text
    /// A list in Chromium's `transport_security_state_static.json` layout, which `hstsq import` reads back.
    case chromiumJSON = "chromium-json"
}
