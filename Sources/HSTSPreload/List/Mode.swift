/// The `mode` of an entry.
public enum Mode: String, Sendable, Hashable, CaseIterable {
    /// `"force-https"`: plain HTTP is rewritten to HTTPS with an internal redirect.
    case forceHTTPS = "force-https"
}
