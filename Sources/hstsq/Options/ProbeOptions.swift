import ArgumentParser
import Foundation
import HSTSProbe
import NIOCore

/// Where and how long a live probe connects: shared by `audit` and `serve`.
struct ProbeOptions: ParsableArguments {
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

    /// Whether any of these options was given.
    var isSet: Bool { !connectTo.isEmpty || caFile != nil || timeout != nil }

    func validate() throws {
        for rule in connectTo where ConnectTo(parsing: rule) == nil {
            throw ValidationError(
                "--connect-to '\(rule)' is not HOST:PORT:ADDRESS:PORT (ports 1-65535, IPv6 addresses in brackets)"
            )
        }
        if let timeout, !(timeout > 0 && timeout <= 600) {
            throw ValidationError("--timeout must be between 0 and 600 seconds")
        }
    }

    /// The probe configuration these options describe; reads the `--ca-file`.
    func configuration() throws -> ProbeConfiguration {
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
        return configuration
    }
}
