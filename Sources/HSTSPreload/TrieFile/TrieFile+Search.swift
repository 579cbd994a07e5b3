/// The search of the compiled blocks: the TLD hash, then a predecessor search among the TLD's front-coded keys
/// (see docs/trie-format.md, "Lookup").
extension TrieFile {
    /// The TLD record named `name`, as a lookup finds it.
    func findTLD(named name: [UInt8]) -> Int? {
        // A NUL after the name, so even an empty name has an address to search from.
        unsafe (name + [0]).withUnsafeBufferPointer { buffer in
            unsafe buffer.baseAddress.flatMap { unsafe findTLD($0, from: 0, to: name.count) }
        }
    }

    /// The TLD record of the top-level label `host[start..<end]`.
    @inline(__always)
    func findTLD(_ host: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var hash: UInt32 = 0x811c_9dc5
        for i in start..<end { hash = (hash ^ UInt32(unsafe host[i])) &* 0x0100_0193 }
        var slot = Int(hash) & tldHashMask
        // At least one slot is empty (checked at open), so probing ends.
        while true {
            let value = loadU32(tldHashOffset + 4 * slot)
            if value == 0 { return nil }
            let record = tldsOffset + TrieFileFormat.tldRecordSize * (value - 1)
            let nameOffset = stringsOffset + loadU32(record)
            let nameLength = Int(UInt16(truncatingIfNeeded: loadU32(record + 4)))
            if nameLength == end - start {
                var i = 0
                while i < nameLength {
                    if unsafe (byte(nameOffset + i) != host[start + i]) { break }
                    i += 1
                }
                if i == nameLength { return value - 1 }
            }
            slot = (slot + 1) & tldHashMask
        }
    }

    /// The most specific entry whose name is `name` (the host or one of its parents) or a parent of it at a label
    /// boundary (Chromium's rule).
    ///
    /// - Returns: the entry's name length (a suffix of the host) and attribute class, or `nil`.
    /// - Complexity: O(m + log b + k) for an m-byte host, b blocks under the TLD and k = `blockSize`; allocates nothing.
    func deepestMatch(_ host: ScratchHost, _ name: ScratchHost.Name) -> Match? {
        let count = host.length
        let lastDot = name.firstDot == host.dotCount ? name.start - 1 : Int(unsafe host.dots[host.dotCount - 1])
        guard let tld = unsafe findTLD(host.bytes, from: lastDot + 1, to: count) else { return nil }
        let record = tldsOffset + TrieFileFormat.tldRecordSize * tld
        let selfClass = loadU32(record + 4) >> 16
        let tldLength = count - lastDot - 1
        let fallback: Match? = selfClass == 0 ? nil : Match(nameLength: tldLength, classIndex: selfClass - 1)
        if name.firstDot == host.dotCount { return fallback }
        let firstBlock = loadU32(record + 8)
        let entries = loadU32(record + 12)
        let blocks = (entries + blockSize - 1) / blockSize
        // The key: the name's labels left of the TLD in reverse order ("www.example" under "com" → "example.www").
        let key = unsafe host.key
        var out = 0
        var labelEnd = lastDot
        var k = host.dotCount - 2
        while k >= name.firstDot - 1 {
            let labelStart = k < name.firstDot ? name.start : Int(unsafe host.dots[k]) + 1
            if out > 0 {
                unsafe key[out] = UInt8(ascii: ".")
                out += 1
            }
            var j = labelStart
            while j < labelEnd {
                unsafe key[out] = host.bytes[j]
                out += 1
                j += 1
            }
            labelEnd = labelStart - 1
            k -= 1
        }
        guard
            let found = unsafe searchKey(
                key,
                length: out,
                tld: tld,
                firstBlock: firstBlock,
                blocks: blocks,
                entries: entries
            )
        else { return fallback }
        return Match(nameLength: found.length + 1 + tldLength, classIndex: found.classIndex)
    }

    private enum BlockScan {
        case firstKeyGreater
        case scanned(predecessorLCP: Int, bestLength: Int, bestClass: Int)
        case corrupt
    }

    /// The deepest entry key that equals `key` or is a prefix of it at a label boundary, within one TLD.
    private func searchKey(
        _ key: UnsafeMutablePointer<UInt8>,
        length keyLength: Int,
        tld: Int,
        firstBlock: Int,
        blocks: Int,
        entries: Int
    ) -> (length: Int, classIndex: Int)? {
        var length = keyLength
        while length > 0 {
            // The scan's end-of-key sentinel (a shorter search overwrites the dot that ended this prefix).
            unsafe key[length] = 0
            // Last block whose head is <= the key's head; an equal head may still start above the key.
            var head: UInt32 = 0
            for i in 0..<4 { head = head << 8 | UInt32(i < length ? unsafe key[i] : 0) }
            var block = headsAtOrBelow(head, tld: tld, firstBlock: firstBlock, blocks: blocks) - 1
            if block >= 1
                && UInt32(truncatingIfNeeded: loadU32(blockHeadsOffset + 4 * (firstBlock + block - 1))) == head
            {
                // A run of blocks shares the key's head (every `com.` key under `au` has the head `com.`): find the
                // last one whose first key is not above the key by binary search on first keys, instead of stepping
                // back through the run. (A lone block with the key's head is scanned directly; if it starts above
                // the key, the loop below steps back once.) The key's first byte is not NUL, so head - 1 is its
                // predecessor.
                let runStart = headsAtOrBelow(head - 1, tld: tld, firstBlock: firstBlock, blocks: blocks)
                var low = runStart
                var high = block
                block = runStart - 1
                while low <= high {
                    let middle = (low + high) / 2
                    let first = unsafe scan(block: firstBlock + middle, entries: 1, key: key, length: length)
                    if case .firstKeyGreater = first {
                        high = middle - 1
                    } else {
                        block = middle
                        low = middle + 1
                    }
                }
            }
            var outcome = BlockScan.firstKeyGreater
            while block >= 0 {
                let inBlock = min(blockSize, entries - block * blockSize)
                outcome = unsafe scan(block: firstBlock + block, entries: inBlock, key: key, length: length)
                guard case .firstKeyGreater = outcome else { break }
                block -= 1
            }
            guard case .scanned(let predecessorLCP, let bestLength, let bestClass) = outcome else { return nil }
            // The deepest candidate is the longest label-boundary prefix of the key within the predecessor's
            // common prefix: keys between a prefix P and the key all start with P, so none can hide deeper.
            var boundary = min(predecessorLCP, length)
            while boundary > 0 && boundary < length {
                if unsafe key[boundary] == UInt8(ascii: ".") { break }
                boundary -= 1
            }
            if boundary == 0 { return nil }
            if bestLength == boundary { return (bestLength, bestClass) }
            length = boundary
        }
        return nil
    }

    /// The number of `tld`'s block heads at or below `head` (the TLD's blocks start at `firstBlock`).
    ///
    /// A large TLD's directory narrows the range to the heads sharing `head`'s first two bytes, then a branch-free
    /// binary search (conditional moves, no mispredictions) counts within it.
    @inline(__always)
    private func headsAtOrBelow(_ head: UInt32, tld: Int, firstBlock: Int, blocks: Int) -> Int {
        let (start, count) = headDirectory.range(tld: tld, head: head, blocks: blocks)
        let heads = blockHeadsOffset + 4 * (firstBlock + start)
        var low = 0
        var remaining = count
        while remaining > 1 {
            let half = remaining &>> 1
            let candidate = UInt32(truncatingIfNeeded: loadU32(heads &+ 4 &* (low &+ half)))
            // A mask instead of a select: the compiler emitted a branch for `?:`, mispredicted half the time.
            let below = Int(truncatingIfNeeded: (UInt64(candidate) &- UInt64(head) &- 1) >> 63)
            low &+= half & (0 &- below)
            remaining &-= half
        }
        if count > 0 && UInt32(truncatingIfNeeded: loadU32(heads + 4 * low)) <= head { low += 1 }
        return start + low
    }

    /// Front-coded predecessor search in one block (see docs/trie-format.md, "Lookup").
    ///
    /// `key[length]` must be 0: the key ends in a NUL sentinel, which no stored byte equals (checked at open), so the
    /// byte comparison needs no end-of-key test. An entry below the key at the current common prefix is tested for
    /// first, since most entries a scan passes are skipped that way.
    private func scan(block: Int, entries: Int, key: UnsafePointer<UInt8>, length: Int) -> BlockScan {
        let head = UInt32(truncatingIfNeeded: loadU32(blockHeadsOffset + 4 * block))
        let blockOffset = loadU32(blockOffsetsOffset + 4 * block)
        var headers = HeaderReader(boundary: dataOffset &+ blockOffset)
        // `bit` walks the suffix stream; each header says how far the entry's suffix reaches.
        var bit = blockOffset &* 8
        var headLength = 0
        while headLength < 4 && (head >> UInt32(24 - 8 * headLength)) & 0xFF != 0 { headLength += 1 }
        // m: common prefix of the previous key and the key; diverged: the previous key is below the key at m
        // (otherwise it is a prefix of the key, m its length). Entry 0 continues the block's head.
        var m = 0
        var diverged = false
        while m < headLength {
            let headByte = UInt8(truncatingIfNeeded: head >> UInt32(24 - 8 * m))
            let keyByte = unsafe key[m]
            if headByte != keyByte {
                // At the key's end the sentinel is below every head byte: the head is above the key.
                if headByte > keyByte { return .firstKeyGreater }
                diverged = true
                break
            }
            m += 1
        }
        var predecessorLCP = -1
        var bestLength = -1
        var bestClass = 0
        var entry = 0
        while entry < entries {
            guard let header = nextHeader(&headers) else { return .corrupt }
            let lcp = header.lcp
            let end = bit &+ header.suffixBits
            if lcp > m {
                // Below the key: it shares the previous key's byte at m (for entry 0, the head's), which is below
                // the key's.
                guard diverged, entry > 0 || lcp == headLength else { return .corrupt }
                predecessorLCP = m
                bit = end
                entry &+= 1
                continue
            }
            if entry == 0 {
                // The head matched the key: m is the head's length.
                if lcp != headLength { return .corrupt }
            } else if lcp < m {
                break
            }
            // lcp == m: compare the suffix with the key from byte m.
            var x = m
            var symbol: UInt8 = 0
            var keyByte: UInt8 = 0
            while bit < end {
                guard let decoded = decodeByte(&bit) else { return .corrupt }
                symbol = decoded
                keyByte = unsafe key[x]
                if symbol != keyByte { break }
                x &+= 1
            }
            if symbol != keyByte {
                if symbol > keyByte {
                    if entry == 0 { return .firstKeyGreater }
                    break
                }
                // Below the key from byte x on: x is its common prefix with the key.
                m = x
                diverged = true
                predecessorLCP = x
                bit = end
            } else {
                if bit != end { return .corrupt }
                // The whole suffix matched: the entry's key is key[0..<x], a prefix of the key or the key itself.
                predecessorLCP = x
                if x == length {
                    return .scanned(predecessorLCP: x, bestLength: x, bestClass: header.classIndex)
                }
                if unsafe key[x] == UInt8(ascii: ".") {
                    bestLength = x
                    bestClass = header.classIndex
                }
                m = x
                diverged = false
            }
            entry &+= 1
        }
        if entry == 0 { return .firstKeyGreater }
        return .scanned(predecessorLCP: predecessorLCP, bestLength: bestLength, bestClass: bestClass)
    }
}
