import Foundation
import HSTSServer
import LoopbackServers
import NIOHTTP1
import Testing

/// `hstsq serve` as a process: real curl and a standard-library Python client talk to it, SIGTERM stops it.
@Suite("hstsq serve, with curl and Python clients")
struct ServeProcessTests {
    /// A running `hstsq serve` and the URL it listens on.
    final class RunningServe {
        let process = Process()
        let stderr = Pipe()
        var base = ""
        var log = ""

        init(_ extra: [String] = []) throws {
            process.executableURL = URL(fileURLWithPath: try ServerHarness.hstsq())
            process.arguments =
                ["serve", "--bind", "127.0.0.1:0", "--list", ServerHarness.dataFile("preload-2026-06-01.hstsq")] + extra
            process.standardError = stderr
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let handle = stderr.fileHandleForReading
            while !log.contains("\n") {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                log += String(decoding: chunk, as: UTF8.self)
            }
            let line = try #require(log.split(separator: "\n").first { $0.contains("listening on ") })
            let url = try #require(line.split(separator: " ").first { $0.hasPrefix("http://") })
            base = String(url)
        }

        /// Sends `signal`, waits for the exit, returns the status and everything written to standard error.
        func stop(_ signal: Int32 = SIGTERM) -> (Int32, String) {
            kill(process.processIdentifier, signal)
            let rest = stderr.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, log + String(decoding: rest, as: UTF8.self))
        }
    }

    static let domains = ["figma.com", "example.com", "a.b.figma.com", "www.figma.com", "xn--bcher-kva.example"]

    @Test("curl and a Python client get the same bytes as AsyncHTTPClient; SIGTERM stops it cleanly with an access log")
    func clients() async throws {
        let serve = try RunningServe()
        var ahc: [String] = []
        for domain in Self.domains {
            ahc.append(try await ServerHarness.request(serve.base + "/api/v2/status?domain=" + domain).body)
        }
        for (index, domain) in Self.domains.enumerated() {
            let (status, stdout, _) = try await ServerHarness.run(
                "/usr/bin/env",
                ["curl", "-sS", serve.base + "/api/v2/status?domain=" + domain]
            )
            #expect(status == 0)
            #expect(stdout == ahc[index], "curl \(domain)")
        }
        let python = """
            import sys, urllib.request, urllib.error
            base = sys.argv[1]
            for domain in sys.argv[2:]:
                with urllib.request.urlopen(base + "/api/v2/status?domain=" + domain) as response:
                    sys.stdout.write(response.read().decode("utf-8"))
            try:
                urllib.request.urlopen(base + "/api/v2/status")
            except urllib.error.HTTPError as error:
                sys.stdout.write("%d %s" % (error.code, error.read().decode("utf-8")))
            """
        let (status, stdout, stderr) = try await ServerHarness.run(
            "/usr/bin/env",
            ["python3", "-c", python, serve.base] + Self.domains
        )
        #expect(status == 0, "\(stderr)")
        #expect(stdout.hasPrefix(ahc.joined()))
        #expect(
            stdout.hasSuffix(
                "400 {\n  \"error\": {\n    \"code\": \"parameter.missing\",\n    \"message\": \"Domain not specified.\"\n  }\n}\n"
            )
        )
        let (exit, log) = serve.stop()
        #expect(exit == 0)
        #expect(log.contains("GET /api/v2/status?domain=figma.com 200 "))
        #expect(log.contains("GET /api/v2/status 400 "))
        #expect(log.contains("hstsq serve: stopped"))
    }

    @Test("live preloadable and removable probe loopback sites through --connect-to and --ca-file")
    func liveProbes() async throws {
        let sites = try await TestSites.start()
        defer { Task { await sites.stop() } }
        let serve = try RunningServe(
            sites.connectTo.flatMap { ["--connect-to", $0] } + ["--ca-file", sites.caFile, "--timeout", "10"]
        )
        func codes(_ path: String) async throws -> (errors: [String], object: [String: Any]) {
            let reply = try await ServerHarness.request(serve.base + path)
            #expect(reply.status == 200, "\(path): \(reply.body)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any],
                "\(path): \(reply.body)"
            )
            let errors = (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            return (errors, object)
        }
        let eligible = try await codes("/api/v2/preloadable?domain=eligible.com")
        #expect(eligible.errors.isEmpty)
        #expect(eligible.object["eligible"] as? Bool == true)
        #expect(try await codes("/api/v2/preloadable?domain=noredirect.com").errors == ["redirects.http.no_redirect"])
        #expect(try await codes("/api/v2/preloadable?domain=untrusted.com").errors == ["domain.tls.invalid_cert_chain"])
        // The good header still says preload, so the site cannot be removed yet (eligible-7.com: eligible.com
        // itself is on the real list, protected).
        let removable = try await codes("/api/v2/removable?domain=eligible-7.com")
        #expect(removable.errors == ["header.removable.contains.preload"])
        #expect(removable.object["header"] as? String == TestSites.goodHeader)
        #expect(try await codes("/api/v2/removable?domain=noheader.com").errors == ["response.no_header"])
        let (exit, log) = serve.stop()
        #expect(exit == 0)
        #expect(log.contains("GET /api/v2/preloadable?domain=eligible.com 200 "))
    }

    @Test("SIGINT lets a request in flight finish, then the server exits 0")
    func gracefulShutdown() async throws {
        let serve = try RunningServe(["--quiet"])
        // A bulk request whose body arrives in two parts, with SIGINT sent in between: the request is in flight
        // when the signal arrives, and must still be answered.
        let python = """
            import os, signal, socket, sys, time
            host, port = sys.argv[1].split("//")[1].split(":")
            body = b'["figma.com", "example.com"]'
            connection = socket.create_connection((host, int(port)))
            connection.sendall(b"POST /api/v2/status HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: %d\\r\\n\\r\\n" % len(body))
            connection.sendall(body[:10])
            time.sleep(0.3)
            os.kill(int(sys.argv[2]), signal.SIGINT)
            time.sleep(0.5)
            connection.sendall(body[10:])
            answer = b""
            while True:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                answer += chunk
            sys.stdout.write(answer.decode("utf-8"))
            """
        let (status, stdout, stderr) = try await ServerHarness.run(
            "/usr/bin/env",
            ["python3", "-c", python, serve.base, String(serve.process.processIdentifier)]
        )
        #expect(status == 0, "\(stderr)")
        #expect(stdout.hasPrefix("HTTP/1.1 200 OK"), "\(stdout)")
        #expect(stdout.contains("\"status\": \"preloaded\""))
        let (exit, log) = serve.stop(SIGINT)
        #expect(exit == 0)
        #expect(log.contains("hstsq serve: stopped"))
    }

    @Test("usage errors exit 3")
    func usage() async throws {
        let hstsq = try ServerHarness.hstsq()
        for arguments in [
            ["serve", "--bind", "nowhere"], ["serve", "--evidence-dir", "/tmp"], ["serve", "--max-bulk", "0"],
            ["serve", "--offline", "--connect-to", "a.com:443:127.0.0.1:1"], ["serve", "--connect-to", "nonsense"],
        ] {
            let (status, _, stderr) = try await ServerHarness.run(hstsq, arguments)
            #expect(status == 3, "\(arguments)")
            #expect(stderr.hasPrefix("hstsq: error: "), "\(arguments)")
        }
    }
}
