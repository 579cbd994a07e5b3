// Shared by the har-evidence and curl-evidence targets: the properties every accepted capture must have, whatever
// format it was read from.

package import HSTSEligibility

/// Traps unless `evidence` survives a HAR round trip unchanged (written as `--save-evidence` writes it, read back,
/// written again); the audit rules run on it first.
package func checkEvidenceProperties(_ evidence: Evidence) {
    _ = EvidenceRules.evaluate(evidence, domain: "example.com", policy: .bulk1Year, checkWWW: true)
    let written = evidence.harDocument(creatorVersion: "fuzz")
    guard let again = try? Evidence.readHAR(Array(written.utf8), fileName: "again.har", domain: "example.com") else {
        preconditionFailure("the HAR written for accepted evidence does not read back: \(written)")
    }
    precondition(again.harDocument(creatorVersion: "fuzz") == written, "HAR round trip changed the evidence")
}
