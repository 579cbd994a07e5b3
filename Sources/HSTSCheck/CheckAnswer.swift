package import HSTSMechanisms
package import HSTSPreload

/// One target's answer: the decision under the run's rule and under the other, the redirect, every mechanism's.
///
/// `json(explain:)` is the object `hstsq check --json` prints and `GET /api/v2/check` returns.
package struct CheckAnswer {
    /// The target as given.
    package let input: String
    package let target: LookupTarget
    /// The decision under the context's rule.
    package let decision: UpgradeDecision
    /// The decision under the other rule (to say when the two disagree).
    package let other: UpgradeDecision
    package let redirect: InternalRedirect?
    package let mechanisms: MechanismAnswers
    /// The DevTools view, when the context names a request method.
    package let devTools: DevToolsView?
    private let context: CheckContext

    package init(input: String, target: LookupTarget, context: CheckContext) {
        self.input = input
        self.target = target
        self.context = context
        let list = context.answering.list
        let otherSemantics: MatchingSemantics = context.semantics == .chromium ? .anyAncestor : .chromium
        switch target.host {
        case .name(let name):
            decision = list.decision(for: name, semantics: context.semantics)
            other = list.decision(for: name, semantics: otherSemantics)
        case .ip:
            decision = .noEntry(context.semantics)
            other = .noEntry(otherSemantics)
        }
        redirect = target.internalRedirect(for: decision)
        let mechanisms = context.mechanisms(target: target, decision: decision)
        self.mechanisms = mechanisms
        devTools = context.method.map {
            DevToolsView(method: $0, target: target, mechanisms: mechanisms, browser: context.browser)
        }
    }

    /// The answer for a target that does not parse: `{"input","error":{"code":"host.invalid","message"}}`.
    package static func invalidJSON(input: String, reason: String) -> String {
        JSONOutput.object([
            ("input", .string(input)),
            ("error", .object([("code", .string("host.invalid")), ("message", .string(reason))])),
        ]).rendered
    }

    /// The answer as one line of JSON (no newline); `explain` adds `considered` and each mechanism's reasons.
    package func json(explain: Bool) -> String {
        let list = context.answering.list
        var fields: [(String, JSONOutput)] = [
            ("input", .string(input)),
            ("host", .string(target.host.text)),
            ("upgrade", .bool(decision.upgrade)),
            ("match", .optional(decision.match?.rawValue)),
            ("entry", Self.entryJSON(decision.entry, target: target, list: list)),
        ]
        if let redirect {
            fields.append(
                ("redirect", .object([("status", .int(redirect.status)), ("location", .string(redirect.location))]))
            )
        }
        fields.append(("semantics", .string(context.semantics.rawValue)))
        fields.append(("disagrees", .bool(other.upgrade != decision.upgrade)))
        if explain {
            fields.append(("considered", consideredJSON()))
            fields.append(("mechanisms", mechanisms.explainedJSON(browser: context.browser)))
            if let devTools { fields.append(("devtools", devTools.json)) }
            fields.append(("list", .rendered(context.listJSON)))
        } else {
            var compact = ""
            mechanisms.compactJSON(into: &compact)
            fields.append(("list", .rendered(context.listJSON)))
            fields.append(("mechanisms", .rendered(compact)))
            if let devTools { fields.append(("devtools", devTools.json)) }
        }
        return JSONOutput.object(fields).rendered
    }

    package static func entryJSON(_ entry: MatchedEntry?, target: LookupTarget, list: PreloadList) -> JSONOutput {
        guard let entry, case .name(let host) = target.host else { return .null }
        return .object([
            ("name", .string(String(entry.name(in: host)))),
            ("mode", .optional(entry.mode?.rawValue)),
            ("include_subdomains", .bool(entry.includeSubdomains)),
            ("policy", .optional(entry.policy?.rawValue)),
            ("pins", .optional(entry.pinsetIndex.flatMap { list.pinsetName(at: $0) })),
        ])
    }

    /// Each level from the TLD down: the entry there, if any.
    package var considered: [(name: String, entry: MatchedEntry?)] {
        guard case .name(let host) = target.host else { return [] }
        let entries = context.answering.list.matchingEntries(for: host)
        let labels = host.labels
        var result: [(String, MatchedEntry?)] = []
        for depth in 1...labels.count {
            let name = labels.suffix(depth).joined(separator: ".")
            result.append((name, entries.first { $0.nameLength == name.utf8.count }))
        }
        return result
    }

    private func consideredJSON() -> JSONOutput {
        let list = context.answering.list
        return .array(
            considered.map { level in
                .object([
                    ("name", .string(level.name)),
                    ("entry", Self.entryJSON(level.entry, target: target, list: list)),
                    ("decides", .bool(level.entry != nil && level.entry?.nameLength == decision.entry?.nameLength)),
                ])
            }
        )
    }
}
