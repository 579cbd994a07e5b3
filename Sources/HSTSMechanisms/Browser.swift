/// A browser engine whose upgrade rules `check` applies.
public enum Browser: String, Sendable, Hashable, CaseIterable {
    /// Chromium (Chrome, Edge, Brave, Opera): the static list's most specific entry decides.
    case chromium
    /// Firefox: its own list, derived from Chromium's; any ancestor with includeSubDomains applies.
    case firefox
    /// Safari (WebKit): its list is not published; hstsq answers from Chromium's.
    case safari

    /// The engine's name as users know it.
    public var displayName: String {
        switch self {
        case .chromium: "Chromium"
        case .firefox: "Firefox"
        case .safari: "Safari"
        }
    }
}
