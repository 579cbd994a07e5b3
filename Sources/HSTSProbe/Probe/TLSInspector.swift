internal import Foundation
internal import NIOConcurrencyHelpers
internal import NIOCore
internal import NIOPosix
internal import NIOSSL
internal import NIOTLS
internal import SwiftASN1
internal import X509

/// TLS handshakes made directly on SwiftNIO, for what an HTTP client does not expose: whether a failed handshake
/// fails only because of the certificate, the verified chain, and which protocol versions and suites the server
/// accepts.
struct TLSInspector: Sendable {
    /// How a handshake ended.
    enum Outcome: Sendable {
        /// Completed; the presented chain, leaf first, when it was read.
        case established(chain: [NIOSSLCertificate], version: TLSVersion?)
        /// No TCP connection.
        case tcpFailed(String)
        /// Connected, but the handshake failed.
        case tlsFailed(String)
    }

    let group: any EventLoopGroup
    let configuration: ProbeConfiguration
    let verified: NIOSSLContext
    let unverified: NIOSSLContext
    let modernTLS12: NIOSSLContext
    /// Verification on, but through a callback that records the presented chain and accepts it: used only after
    /// a normal handshake has succeeded, to read the chain (NIOSSL does not expose it otherwise).
    let chainReading: NIOSSLContext

    /// The ECDHE key exchanges with AEAD ciphers the reference counts as modern for TLS 1.2.
    static let modernSuites: [NIOTLSCipher] = [
        .TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, .TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        .TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, .TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        .TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, .TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ]

    init(group: any EventLoopGroup, configuration: ProbeConfiguration) throws {
        self.group = group
        self.configuration = configuration
        var verifiedTLS = TLSConfiguration.makeClientConfiguration()
        if !configuration.additionalTrustRoots.isEmpty {
            verifiedTLS.additionalTrustRoots = [.certificates(configuration.additionalTrustRoots)]
        }
        verified = try NIOSSLContext(configuration: verifiedTLS)
        chainReading = verified
        var unverifiedTLS = TLSConfiguration.makeClientConfiguration()
        unverifiedTLS.certificateVerification = .none
        unverified = try NIOSSLContext(configuration: unverifiedTLS)
        var modern = unverifiedTLS
        modern.maximumTLSVersion = .tlsv12
        modern.cipherSuiteValues = Self.modernSuites
        modernTLS12 = try NIOSSLContext(configuration: modern)
    }

    /// Whether `host` (through any `--connect-to` rule) accepts a TCP connection on `port`.
    func acceptsTCP(host: String, port: Int) async -> Bool {
        let target = configuration.target(host: host, port: port)
        do {
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(configuration.connectTimeout)
                .connect(host: target.address, port: target.port).get()
            try? await channel.close()
            return true
        } catch {
            return false
        }
    }

    /// One handshake with `host` on port 443 using `context`; with `readingChain`, the presented chain (leaf first)
    /// is returned and not verified.
    func handshake(host: String, context: NIOSSLContext, readingChain: Bool = false) async -> Outcome {
        let target = configuration.target(host: host, port: 443)
        let chain = NIOLockedValueBox<[NIOSSLCertificate]>([])
        let serverName = Self.isIPAddress(host) ? nil : host
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(configuration.connectTimeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let tls =
                            readingChain
                            ? try NIOSSLClientHandler(context: context, serverHostname: serverName) {
                                presented,
                                promise in
                                chain.withLockedValue { $0 = presented }
                                promise.succeed(.certificateVerified)
                            }
                            : try NIOSSLClientHandler(context: context, serverHostname: serverName)
                        try channel.pipeline.syncOperations.addHandler(tls)
                        try channel.pipeline.syncOperations.addHandler(
                            HandshakeWatcher(promise: channel.eventLoop.makePromise())
                        )
                    }
                }
                .connect(host: target.address, port: target.port).get()
        } catch {
            return .tcpFailed(Self.describe(error))
        }
        defer { channel.close(promise: nil) }
        do {
            let watcher = try await channel.pipeline.handler(type: HandshakeWatcher.self).get()
            let timeout = configuration.tlsTimeout
            let done = watcher.promise.futureResult
            let timer = channel.eventLoop.scheduleTask(in: timeout) {
                watcher.promise.fail(
                    ProbeFailure("the TLS handshake timed out after \(timeout.nanoseconds / 1_000_000_000) s")
                )
            }
            try await done.get()
            timer.cancel()
            let version = try? await channel.nioSSL_tlsVersion().get()
            return .established(chain: chain.withLockedValue { $0 }, version: version)
        } catch {
            return .tlsFailed(Self.describe(error))
        }
    }

    /// The subjects of the certificates in `chain` (as presented, leaf first) signed with SHA-1, skipping a
    /// self-signed root: a root's own signature is not checked by anyone.
    static func sha1Signed(_ chain: [NIOSSLCertificate]) -> [String] {
        chain.compactMap { certificate -> String? in
            guard let bytes = try? certificate.toDERBytes(), let parsed = try? Certificate(derEncoded: bytes),
                parsed.subject != parsed.issuer
            else { return nil }
            let algorithm = parsed.signatureAlgorithm
            guard algorithm == .sha1WithRSAEncryption else { return nil }
            return parsed.subject.description
        }
    }

    static func isIPAddress(_ host: String) -> Bool {
        host.contains(":")
            || (host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { UInt8($0) != nil })
    }

    /// A short reason for a connection or handshake error.
    static func describe(_ error: any Error) -> String {
        if let failure = error as? ProbeFailure { return failure.reason }
        if let ssl = error as? NIOSSLError {
            switch ssl {
            case .handshakeFailed(let inner):
                // NIOSSL keeps BoringSSL's error codes private; the reason name in the text is all it exposes.
                let text = "\(inner)"
                if text.contains("CERTIFICATE_VERIFY_FAILED") { return "certificate verification failed" }
                return "TLS handshake failed (\(text))"
            case .uncleanShutdown: return "the server closed the connection during the TLS handshake"
            default: return "TLS error (\(ssl))"
            }
        }
        if let channel = error as? ChannelError {
            switch channel {
            case .connectTimeout(let amount):
                return "connection timed out after \(amount.nanoseconds / 1_000_000_000) s"
            case .eof, .outputClosed, .inputClosed: return "the server closed the connection"
            default: return "\(channel)"
            }
        }
        switch ConnectionFailure(error) {
        case .refused: return "connection refused"
        case .hostNotFound: return "cannot resolve the host name"
        case .reset: return "connection reset"
        case .timedOut: return "connection timed out"
        case nil: return "\(error)"
        }
    }
}

/// An error the probe makes itself, with its reason.
struct ProbeFailure: Error, CustomStringConvertible {
    let reason: String
    init(_ reason: String) { self.reason = reason }
    var description: String { reason }
}

/// Completes its promise when the TLS handshake completes, fails it on an error or an early close.
final class HandshakeWatcher: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let promise: EventLoopPromise<Void>

    init(promise: EventLoopPromise<Void>) {
        self.promise = promise
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event { promise.succeed(()) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.eof)
        context.fireChannelInactive()
    }

    // A channel whose connect failed never becomes active; its promise must still complete (a later completion
    // of a completed promise is ignored).
    func handlerRemoved(context: ChannelHandlerContext) {
        promise.fail(ChannelError.ioOnClosedChannel)
    }
}
