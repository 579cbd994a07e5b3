import Foundation
public import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// What the server does with one request.
public enum ServerBehavior: Sendable {
    /// Answers with this status, headers and body, after `delay`.
    case respond(status: Int, headers: [(String, String)] = [], body: String = "", delay: TimeAmount = .zero)
    /// Reads the request and never answers (the connection stays open).
    case neverAnswer
    /// Writes the start of a response, then resets the connection (TCP RST).
    case resetMidResponse
}

/// One request as the server saw it.
public struct ServerRequest: Sendable {
    /// The `Host` header without a port, lower-case.
    public var host: String
    /// The request target.
    public var path: String
    /// Whether it came over TLS.
    public var overTLS: Bool
}

/// How the server speaks TLS.
public enum ServerTLS: Sendable {
    /// Plain HTTP (or, on a port a client expects TLS on, a server that accepts TCP but cannot do TLS).
    case none
    /// TLS with a leaf certificate for the requested name (SNI), issued by `authority`; expired if `expired`.
    case issued(by: TestCertificateAuthority, expired: Bool = false)
    /// As `issued`, but TLS 1.2 at most with only a CBC cipher suite (ECDHE-ECDSA-AES128-SHA): an obsolete setup.
    case legacy(by: TestCertificateAuthority)
}

/// A real HTTP/1.1 server on 127.0.0.1 and an ephemeral port, answering by a closure.
public final class LoopbackServer: Sendable {
    /// The port it listens on.
    public let port: Int
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup

    /// Starts a server; `respond` decides per request.
    public static func start(
        tls: ServerTLS = .none,
        threads: Int = 1,
        respond: @escaping @Sendable (ServerRequest) -> ServerBehavior
    ) async throws -> LoopbackServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        var sslContext: NIOSSLContext?
        var issuer: (authority: TestCertificateAuthority, expired: Bool, legacy: Bool)?
        switch tls {
        case .none: break
        case .issued(let authority, let expired): issuer = (authority, expired, false)
        case .legacy(let authority): issuer = (authority, false, true)
        }
        if let (authority, expired, legacy) = issuer {
            let fallback = try authority.leaf(for: "localhost", expired: expired)
            var configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: fallback.chain.map { .certificate($0) },
                privateKey: .privateKey(fallback.key)
            )
            if legacy {
                configuration.maximumTLSVersion = .tlsv12
                configuration.cipherSuites = "ECDHE-ECDSA-AES128-SHA"
            }
            // A certificate for whatever name the client asks for.
            configuration.sslContextCallback = { values, promise in
                do {
                    let leaf = try authority.leaf(for: values.serverHostname ?? "localhost", expired: expired)
                    var override = NIOSSLContextConfigurationOverride()
                    override.certificateChain = leaf.chain.map { .certificate($0) }
                    override.privateKey = .privateKey(leaf.key)
                    promise.succeed(override)
                } catch {
                    promise.fail(error)
                }
            }
            sslContext = try NIOSSLContext(configuration: configuration)
        }
        let context = sslContext
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let context {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(
                        ResponderHandler(overTLS: context != nil, respond: respond)
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return LoopbackServer(port: channel.localAddress?.port ?? 0, channel: channel, group: group)
    }

    private init(port: Int, channel: any Channel, group: MultiThreadedEventLoopGroup) {
        self.port = port
        self.channel = channel
        self.group = group
    }

    /// Closes the listener and stops its threads.
    public func stop() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }
}

/// Answers each request as the closure says.
final class ResponderHandler: ChannelInboundHandler, @unchecked Sendable {
    // @unchecked: used only on its channel's event loop.
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let overTLS: Bool
    private let respond: @Sendable (ServerRequest) -> ServerBehavior
    private var head: HTTPRequestHead?

    init(overTLS: Bool, respond: @escaping @Sendable (ServerRequest) -> ServerBehavior) {
        self.overTLS = overTLS
        self.respond = respond
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head else { return }
            let host =
                (head.headers.first(name: "host") ?? "").split(separator: ":").first.map { $0.lowercased() } ?? ""
            let behavior = respond(ServerRequest(host: host, path: head.uri, overTLS: overTLS))
            let keepAlive = head.isKeepAlive
            switch behavior {
            case .respond(let status, let headers, let body, let delay):
                let send = { [self] in
                    var responseHead = HTTPResponseHead(
                        version: head.version,
                        status: HTTPResponseStatus(statusCode: status)
                    )
                    for (name, value) in headers { responseHead.headers.add(name: name, value: value) }
                    responseHead.headers.replaceOrAdd(name: "content-length", value: String(body.utf8.count))
                    if !keepAlive { responseHead.headers.replaceOrAdd(name: "connection", value: "close") }
                    context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
                    context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
                    context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
                        if !keepAlive { context.close(promise: nil) }
                    }
                }
                if delay == .zero {
                    send()
                } else {
                    context.eventLoop.assumeIsolated().scheduleTask(in: delay) { send() }
                }
            case .neverAnswer:
                break
            case .resetMidResponse:
                // SO_LINGER 0: close() sends RST instead of FIN.
                let options = (context.channel as? any SocketOptionProvider)
                let set =
                    options?.setSoLinger(linger(l_onoff: 1, l_linger: 0)) ?? context.eventLoop.makeSucceededVoidFuture()
                set.assumeIsolated().whenComplete { _ in
                    var partial = HTTPResponseHead(version: head.version, status: .ok)
                    partial.headers.add(name: "content-length", value: "100000")
                    context.write(self.wrapOutboundOut(.head(partial)), promise: nil)
                    context.writeAndFlush(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "partial")))))
                        .assumeIsolated().whenComplete { _ in
                            context.close(promise: nil)
                        }
                }
            }
            self.head = nil
        }
    }
}
