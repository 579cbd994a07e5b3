import CHSTSQ
import HSTSPreload

/// What an `hstsq_list *` points at: an opened list and the label `hstsq_list_info` reports.
///
/// The C caller owns one retain, taken by `hstsq_open*` and given back by `hstsq_close`; the list is immutable, so
/// lookups on many threads share one handle.
final class ListHandle: Sendable {
    let list: PreloadList
    let label: String
    /// Each attribute class's mode, flags, policy and pinset as `hstsq_decision` fields, by class index, so that a
    /// lookup copies them instead of converting the entry's attributes.
    private let classAnswers: [hstsq_decision]

    init(list: PreloadList, label: String) {
        self.list = list
        self.label = label
        classAnswers = list.file.classes.map { hstsq_decision.entryFields($0.attributes, pinsetIndex: $0.pinsetIndex) }
    }

    /// The precomputed fields of class `classIndex`; a crafted file's missing class answers as an entry without
    /// attributes, as `PreloadList` does.
    @inline(__always)
    func entryAnswer(classIndex: Int) -> hstsq_decision {
        classAnswers.indices.contains(classIndex)
            ? classAnswers[classIndex] : hstsq_decision.entryFields(EntryAttributes(), pinsetIndex: nil)
    }

    /// The label of a list opened from `path`: its file name without the directory and `.hstsq`.
    static func label(forPath path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        return name.hasSuffix(".hstsq") ? String(name.dropLast(".hstsq".count)) : name
    }
}
