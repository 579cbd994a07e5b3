import Foundation
import HSTSProbe
import LoopbackServers
import NIOCore
import Testing

/// `ListDownloader` against real HTTP and HTTPS servers on loopback: what it returns for the plain and base64
/// forms, and the typed error for every way a download fails.
@Suite struct ListDownloaderTests {
    static let list = #"{"entries": [{"name": "example.com", "policy": "custom", "mode": "force-https"}]}"#

    /// A server answering each path with a fixed behaviour (404 for any other path).
    static func server(_ routes: [String: ServerBehavior]) async throws -> LoopbackServer {
        try await LoopbackServer.start { request in
            routes[request.path] ?? .respond(status: 404, body: "not found")
        }
    }

    @Test func returnsThePlainListAndDecodesBase64() async throws {
        let base64 = Data(Self.list.utf8).base64EncodedString()
        let wrapped = stride(from: 0, to: base64.count, by: 60).map {
            String(base64.dropFirst($0).prefix(60))
        }.joined(separator: "\n")
        let server = try await Self.server([
            "/list.json": .respond(status: 200, body: "\u{FEFF}" + Self.list),
            "/list?format=TEXT": .respond(status: 200, body: wrapped + "\n"),
            "/moved": .respond(status: 301, headers: [("location", "/list.json")]),
        ])
        defer { Task { await server.stop() } }
        let base = "http://127.0.0.1:\(server.port)"
        let downloader = ListDownloader(timeout: .seconds(10))
        #expect(try await downloader.download(from: "\(base)/list.json") == Array(("\u{FEFF}" + Self.list).utf8))
        #expect(try await downloader.download(from: "\(base)/list?format=TEXT") == Array(Self.list.utf8))
        #expect(try await downloader.download(from: "\(base)/moved") == Array(("\u{FEFF}" + Self.list).utf8))
    }

    @Test func badAnswersAreTypedErrors() async throws {
        let server = try await Self.server([
            "/empty": .respond(status: 200),
            "/garbage": .respond(status: 200, body: "<html><body>Service Unavailable</body></html>"),
            "/large": .respond(status: 200, body: String(repeating: " ", count: 4096) + Self.list),
            "/loop": .respond(status: 302, headers: [("location", "/loop")]),
        ])
        defer { Task { await server.stop() } }
        let base = "http://127.0.0.1:\(server.port)"
        let downloader = ListDownloader(timeout: .seconds(10), maximumBytes: 1024)
        let cases: [(path: String, error: ListDownloadError)] = [
            ("/missing.json", .httpStatus(url: "\(base)/missing.json", code: 404, reasonPhrase: "Not Found")),
            ("/empty", .emptyBody(url: "\(base)/empty")),
            ("/garbage", .notAList(url: "\(base)/garbage")),
            ("/large", .bodyTooLarge(url: "\(base)/large", limit: 1024)),
        ]
        for (path, expected) in cases {
            await #expect(throws: expected) { try await downloader.download(from: base + path) }
        }
        await #expect {
            try await downloader.download(from: "\(base)/loop")
        } throws: { error in
            guard case .redirects(let url, _) = error as? ListDownloadError else { return false }
            return url == "\(base)/loop"
        }
        #expect(
            ListDownloadError.httpStatus(url: "http://x/", code: 404, reasonPhrase: "Not Found").description
                == "http://x/: HTTP 404 Not Found"
        )
        #expect(
            ListDownloadError.bodyTooLarge(url: "http://x/", limit: 64 << 20).description
                == "http://x/: the answer is larger than 64 MiB"
        )
    }

    @Test func networkFailuresAreToldApartByType() async throws {
        let server = try await Self.server(["/silent": .neverAnswer, "/reset": .resetMidResponse])
        defer { Task { await server.stop() } }
        let base = "http://127.0.0.1:\(server.port)"
        let downloader = ListDownloader(timeout: .seconds(1))
        await #expect(throws: ListDownloadError.timeout(url: "\(base)/silent")) {
            try await downloader.download(from: "\(base)/silent")
        }
        await #expect(throws: ListDownloadError.connectionClosed(url: "\(base)/reset")) {
            try await downloader.download(from: "\(base)/reset")
        }

        // A port that was just listening and is now closed.
        let closed = try await Self.server([:])
        let port = closed.port
        await closed.stop()
        let refused = "http://127.0.0.1:\(port)/list.json"
        await #expect(throws: ListDownloadError.connectionRefused(url: refused)) {
            try await downloader.download(from: refused)
        }
        #expect(
            ListDownloadError.connectionRefused(url: refused).description
                == "\(refused): download failed (connection refused)"
        )

        await #expect(throws: ListDownloadError.invalidURL("file:///etc/passwd")) {
            try await downloader.download(from: "file:///etc/passwd")
        }
    }

    @Test func anUntrustedCertificateIsATLSFailure() async throws {
        let authority = try TestCertificateAuthority(commonName: "not a trusted CA")
        let server = try await LoopbackServer.start(tls: .issued(by: authority)) { _ in
            .respond(status: 200, body: Self.list)
        }
        defer { Task { await server.stop() } }
        let url = "https://127.0.0.1:\(server.port)/list.json"
        await #expect {
            try await ListDownloader(timeout: .seconds(10)).download(from: url)
        } throws: { error in
            guard case .tlsFailure(let failedURL, let reason) = error as? ListDownloadError else { return false }
            return failedURL == url && !reason.isEmpty
        }
    }
}
