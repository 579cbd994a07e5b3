/// The checks that go beyond the checksum: every entry decodes, keys are in order, every TLD is reachable.
extension TrieFile {
    /// Decodes every entry and checks the invariants lookups rely on (order, heads, class numbers).
    ///
    /// - Throws: `TrieFileError.corrupt` naming the first inconsistency.
    package func verify() throws(TrieFileError) {
        try verifyTLDs()
        var count = 0
        try forEachEntry { _, classIndex throws(TrieFileError) in
            guard classIndex < classes.count else { throw .corrupt("class \(classIndex) out of range") }
            count += 1
        }
        guard count == entryCount else { throw .corrupt("\(count) entries decoded, header says \(entryCount)") }
    }

    /// Checks that each TLD's name is one label that the TLD hash finds at its own record, so lookups
    /// reach every entry that enumeration yields.
    ///
    /// - Throws: `TrieFileError.corrupt` naming the first TLD that fails.
    package func verifyTLDs() throws(TrieFileError) {
        for tld in 0..<tldCount {
            // Empty for a name written with a trailing dot (kept as written; no host reaches it).
            let name = name(ofTLD: tld)
            guard !name.contains(UInt8(ascii: ".")) else { throw .corrupt("TLD \(tld): not one label") }
            guard findTLD(named: name) == tld else { throw .corrupt("TLD \(tld): the TLD hash does not lead to it") }
        }
    }
}
