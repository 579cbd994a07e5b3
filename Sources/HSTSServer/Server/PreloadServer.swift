public import HSTSMechanisms
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// `hstsq serve`: the API on Hummingbird, run in a ServiceGroup that shuts down gracefully on SIGINT and
/// SIGTERM (requests in flight finish), with the store watcher beside it.
public struct PreloadServer: Sendable {
    /// The responder the server runs.
    public let api: PreloadAPI

    /// A server answering from `lists`, with `eligibility` for preloadable and removable and `topLevelDomains` for
    /// `check`'s HTTPS-Upgrades answer.
    public init(
        lists: ListProvider,
        eligibility: EligibilityAnswers,
        topLevelDomains: TopLevelDomains,
        configuration: ServerConfiguration
    ) {
        api = PreloadAPI(
            lists: lists,
            eligibility: eligibility,
            topLevelDomains: topLevelDomains,
            configuration: configuration
        )
    }

    /// Runs until SIGINT or SIGTERM (or the task is cancelled); `onListening` gets the bound port (useful with
    /// port 0).
    public func run(
        signals: Bool = true,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let configuration = api.configuration
        var logger = Logger(label: "hstsq.serve")
        // Hummingbird logs a cancelled shutdown's child channels as errors; the access log is hstsq's own.
        logger.logLevel = .critical
        let idle = TimeAmount.nanoseconds(
            configuration.idleTimeout.components.seconds * 1_000_000_000
                + configuration.idleTimeout.components.attoseconds / 1_000_000_000
        )
        let application = Application(
            responder: api,
            server: .http1(
                configuration: .init(
                    idleTimeout: idle,
                    // A request line up to 1 MiB reaches the API, so an over-long domain gets its JSON error;
                    // beyond that the HTTP parser answers an empty 400 and closes the connection.
                    httpDecoderConfiguration: .init(
                        maxHeaderFieldSize: configuration.maximumRequestHeadBytes,
                        maxHeaderListSize: configuration.maximumRequestHeadBytes
                    )
                )
            ),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: nil
            ),
            onServerRunning: { channel in
                await onListening(channel.localAddress?.port ?? configuration.port)
            },
            logger: logger
        )
        var services: [any Service] = [application]
        if api.lists.store != nil {
            let quiet = configuration.quiet
            services.append(
                StoreWatcher(lists: api.lists, interval: configuration.storePollInterval) { message in
                    if !quiet { StandardError.write("hstsq serve: \(message)\n") }
                }
            )
        }
        let group = ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup) },
                gracefulShutdownSignals: signals ? [.sigterm, .sigint] : [],
                logger: logger
            )
        )
        try await group.run()
    }
}
