/// Decoding every entry, in key order: for `PreloadList.entries()`, verification and building the hash index.
extension TrieFile {
    /// Calls `body` with every entry's name (as written in the source) and class, TLD by TLD in key order.
    ///
    /// - Throws: `TrieFileError.corrupt` when the data cannot be decoded.
    package func forEachEntry(
        _ body: (_ name: [UInt8], _ classIndex: Int) throws(TrieFileError) -> Void
    ) throws(TrieFileError) {
        for tld in 0..<tldCount {
            let record = tldsOffset + TrieFileFormat.tldRecordSize * tld
            let tldName = name(ofTLD: tld)
            let selfClass = loadU32(record + 4) >> 16
            if selfClass != 0 { try body(tldName, selfClass - 1) }
            let firstBlock = loadU32(record + 8)
            let entries = loadU32(record + 12)
            var previousKey: [UInt8]? = nil
            var lastKey: [UInt8]? = nil
            var currentBit = 0
            var headers = HeaderReader(boundary: 0)
            for entry in 0..<entries {
                let block = firstBlock + entry / blockSize
                var previous: [UInt8]
                if entry % blockSize == 0 {
                    // A block starts from its head bytes.
                    let head = loadU32(blockHeadsOffset + 4 * block)
                    let blockOffset = loadU32(blockOffsetsOffset + 4 * block)
                    currentBit = blockOffset * 8
                    headers = HeaderReader(boundary: dataOffset + blockOffset)
                    previous = []
                    for i in 0..<4 {
                        let headByte = UInt8(truncatingIfNeeded: head >> (24 - 8 * i))
                        if headByte == 0 { break }
                        previous.append(headByte)
                    }
                } else {
                    guard let earlier = previousKey else { throw .corrupt("block \(block): no previous key") }
                    previous = earlier
                }
                var bit = currentBit
                guard let header = nextHeader(&headers), header.lcp <= previous.count else {
                    throw .corrupt("block \(block): bad entry header")
                }
                var key = Array(previous[0..<header.lcp])
                let end = bit + header.suffixBits
                while bit < end {
                    guard let symbol = decodeByte(&bit), key.count < 253 else {
                        throw .corrupt("block \(block): bad key data")
                    }
                    key.append(symbol)
                }
                guard bit == end else { throw .corrupt("block \(block): key longer than its header says") }
                let classIndex = header.classIndex
                if let last = lastKey, !last.lexicographicallyPrecedes(key) {
                    throw .corrupt("block \(block): keys out of order")
                }
                lastKey = key
                currentBit = bit
                previousKey = key
                try body(TrieKey.name(tld: tldName, key: key), classIndex)
            }
        }
    }

    /// The name of TLD `tld` (its record's string, validated at open to lie in the string table).
    func name(ofTLD tld: Int) -> [UInt8] {
        let record = tldsOffset + TrieFileFormat.tldRecordSize * tld
        let nameOffset = stringsOffset + loadU32(record)
        let nameLength = Int(UInt16(truncatingIfNeeded: loadU32(record + 4)))
        return (0..<nameLength).map { byte(nameOffset + $0) }
    }
}
