import HSTSPreload

/// What an `hstsq_list *` points at: an opened list and the label `hstsq_list_info` reports.
///
/// The C caller owns one retain, taken by `hstsq_open*` and given back by `hstsq_close`; the list is immutable, so
/// lookups on many threads share one handle.
final class ListHandle: Sendable {
    let list: PreloadList
    let label: String

    init(list: PreloadList, label: String) {
        self.list = list
        self.label = label
    }

    /// The label of a list opened from `path`: its file name without the directory and `.hstsq`.
    static func label(forPath path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        return name.hasSuffix(".hstsq") ? String(name.dropLast(".hstsq".count)) : name
    }
}
