import ArgumentParser

/// `--index`: what a compiled file holds beside its compact blocks (`compile`, `import`).
enum FileIndexOption: String, ExpressibleByArgument, CaseIterable {
    /// The blocks only: about 6 bytes per entry.
    case compact
    /// Also a lookup-index section: a hash index used straight from the mapping, about 46 bytes per entry more.
    case hash

    static let help = ArgumentHelp(
        "compact: blocks only (about 6 bytes per entry); hash: also a lookup-index section for the fastest lookups (about 52)."
    )
}
