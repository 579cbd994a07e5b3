public import HSTSPreload

/// The object `hstsq check --json TARGET` prints, for `GET /api/v2/check?target=TARGET`: same fields, same
/// order, same bytes (a test compares the two).
public struct CheckAnswer: Sendable {
    /// The object, or the `host.invalid` error object when `input` is not a valid target.
    package let json: ResponseJSON
    /// Whether `input` was a valid target.
    public let isValid: Bool

    /// The answer for `input` (a host or URL) in `list`.
    public init(_ input: String, list: PreloadList, semantics: MatchingSemantics = .chromium) {
        let target: LookupTarget
        do {
            target = try LookupTarget(parsing: input)
        } catch {
            json = .object([
                .init("input", .string(input)),
                .init(
                    "error",
                    .object([.init("code", .string("host.invalid")), .init("message", .string(error.description))])
                ),
            ])
            isValid = false
            return
        }
        isValid = true
        let otherSemantics: MatchingSemantics = semantics == .chromium ? .anyAncestor : .chromium
        let decision: UpgradeDecision
        let other: UpgradeDecision
        switch target.host {
        case .name(let name):
            decision = list.decision(for: name, semantics: semantics)
            other = list.decision(for: name, semantics: otherSemantics)
        case .ip:
            decision = .noEntry(semantics)
            other = .noEntry(otherSemantics)
        }
        var fields: [ResponseJSON.Field] = [
            .init("input", .string(input)),
            .init("host", .string(target.host.text)),
            .init("upgrade", .bool(decision.upgrade)),
            .init("match", .optional(decision.match?.rawValue)),
            .init("entry", Self.entryJSON(decision.entry, target: target, list: list)),
        ]
        if let redirect = target.internalRedirect(for: decision) {
            fields.append(
                .init(
                    "redirect",
                    .object([.init("status", .int(redirect.status)), .init("location", .string(redirect.location))])
                )
            )
        }
        fields.append(.init("semantics", .string(semantics.rawValue)))
        fields.append(.init("disagrees", .bool(other.upgrade != decision.upgrade)))
        json = .object(fields)
    }

    static func entryJSON(_ entry: MatchedEntry?, target: LookupTarget, list: PreloadList) -> ResponseJSON {
        guard let entry, case .name(let host) = target.host else { return .null }
        return .object([
            .init("name", .string(String(entry.name(in: host)))),
            .init("mode", .optional(entry.mode?.rawValue)),
            .init("include_subdomains", .bool(entry.includeSubdomains)),
            .init("policy", .optional(entry.policy?.rawValue)),
            .init("pins", .optional(entry.pinsetIndex.flatMap { list.pinsetName(at: $0) })),
        ])
    }
}
