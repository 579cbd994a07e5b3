import ArgumentParser
import Foundation
import HSTSPreload
import HSTSProbe
import NIOCore

/// The options of a live audit.
struct LiveOptions: ParsableArguments {
    @Option(
        name: .customLong("connect-to"),
        help: ArgumentHelp(
            "Connect to ADDRESS:PORT2 for requests to HOST:PORT1 (curl's syntax; empty HOST or PORT1 matches any; repeatable).",
            valueName: "host:port1:address:port2"
        )
    )
    var connectTo: [String] = []

    @Option(
        name: .customLong("ca-file"),
        help: ArgumentHelp("Also trust the certificates in this PEM file (staging and test CAs).", valueName: "pem")
    )
    var caFile: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Seconds each request may take (connect and TLS handshake: at most 5 s each; default 10).",
            valueName: "seconds"
        )
    )
    var timeout: Double?

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
    var isSet: Bool { !connectTo.isEmpty || caFile != nil || timeout != nil || saveEvidence != nil }

    func validate() throws {
        for rule in connectTo where ConnectTo(parsing: rule) == nil {
            throw ValidationError(
                "--connect-to '\(rule)' is not HOST:PORT:ADDRESS:PORT (ports 1-65535, IPv6 addresses in brackets)"
            )
        }
        if let timeout, !(timeout > 0 && timeout <= 600) {
            throw ValidationError("--timeout must be between 0 and 600 seconds")
        }
        guard (1...1024).contains(concurrency) else { throw ValidationError("--concurrency must be 1 to 1024") }
    }

    /// A prober configured by these options, for `domains` as given (normalized here; invalid ones are skipped).
    func prober(for domains: [String]) throws -> Prober {
        var configuration = ProbeConfiguration()
        configuration.connectTo = connectTo.compactMap(ConnectTo.init(parsing:))
        if let timeout {
            let request = TimeAmount.nanoseconds(Int64(timeout * 1e9))
            configuration.requestTimeout = request
            configuration.connectTimeout = min(configuration.connectTimeout, request)
            configuration.tlsTimeout = min(configuration.tlsTimeout, request)
        }
        if let caFile {
            let bytes = try ListLocator.readFile(caFile)
            do {
                configuration.additionalTrustRoots = try Prober.trustRoots(pem: bytes)
            } catch {
                throw CLIError("\(caFile): not a PEM certificate file (\(error))")
            }
            if configuration.additionalTrustRoots.isEmpty {
                throw CLIError("\(caFile): no PEM certificate in the file")
            }
        }
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
