import ArgumentParser
import Foundation
import HSTSPreload
import HSTSProbe

/// The options of a live audit.
struct LiveOptions: ParsableArguments {
    @OptionGroup var probe: ProbeOptions

    @Option(name: .long, help: ArgumentHelp("With --batch: domains audited at once.", valueName: "n"))
    var concurrency = 16

    @Option(
        name: .customLong("save-evidence"),
        help: ArgumentHelp(
            "Write what was observed to DIR/DOMAIN.har (replay with --offline --evidence, or --evidence-dir).",
            valueName: "dir"
        )
    )
    var saveEvidence: String?

    /// Whether any option that only a live audit uses was given.
    var isSet: Bool { probe.isSet || saveEvidence != nil }

    func validate() throws {
        try probe.validate()
        guard (1...1024).contains(concurrency) else { throw ValidationError("--concurrency must be 1 to 1024") }
    }

    /// A prober configured by these options, for `domains` as given (normalized here; invalid ones are skipped).
    func prober(for domains: [String]) throws -> Prober {
        let configuration = try probe.configuration()
        if let saveEvidence {
            do {
                try FileManager.default.createDirectory(atPath: saveEvidence, withIntermediateDirectories: true)
            } catch {
                throw CLIError("\(saveEvidence): cannot create the evidence folder (\(error.localizedDescription))")
            }
        }
        do {
            return try Prober(
                configuration: configuration,
                domains: domains.compactMap { try? HostName($0).value }
            )
        } catch {
            throw CLIError("cannot set up TLS: \(error)")
        }
    }
}
