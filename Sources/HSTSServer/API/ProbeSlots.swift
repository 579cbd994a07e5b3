/// At most `limit` live probes at once; a request waits a bounded time for a slot.
actor ProbeSlots {
    let limit: Int
    private var inUse = 0

    init(limit: Int) { self.limit = limit }

    func acquire(waitingAtMost wait: Duration) async throws(APIError) {
        let deadline = ContinuousClock.now + wait
        while inUse >= limit {
            if ContinuousClock.now >= deadline { throw .probesBusy(limit: limit) }
            try? await Task.sleep(for: .milliseconds(50))
        }
        inUse += 1
    }

    func release() { inUse -= 1 }
}
