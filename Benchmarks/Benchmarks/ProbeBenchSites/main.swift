import Foundation
import LoopbackServers
import NIOCore

// Serves `TestSites` on loopback, every answer delayed by DELAY_MS (default 50, a stand-in for a network round
// trip), prints one line per `--connect-to` rule, then `ca-file PATH`, then `ready`, and serves until its
// standard input closes.
let delay = Int64(ProcessInfo.processInfo.environment["DELAY_MS"] ?? "50") ?? 50
let sites = try await TestSites.start(delay: .milliseconds(delay), threads: 2)
for rule in sites.connectTo { print("connect-to \(rule)") }
print("ca-file \(sites.caFile)")
print("ready")
fflush(nil)  // every stream: `stdout` is a global var Swift 6 will not touch
while readLine() != nil {}
await sites.stop()
