/// A canonical, length-limited Huffman code: built from symbol counts by the writer, rebuilt from code lengths by
/// the reader (DEFLATE's canonical assignment, RFC 1951 §3.2.2), so the file stores only one length per symbol.
package struct HuffmanCode: Sendable {
    /// Code length in bits per symbol (0: symbol unused).
    package let lengths: [UInt8]
    /// Codes per symbol, right-aligned in `lengths[s]` bits.
    package let codes: [UInt16]

    /// Builds a code with no length over `maximumLength` for `counts` (a count per symbol).
    ///
    /// Lengths come from a plain Huffman tree; while the longest exceeds the limit, counts are halved (keeping
    /// non-zero ones at least 1) and the tree is rebuilt, which loses little because only rare symbols are long.
    package init(counts: [Int], maximumLength: Int) {
        var scaled = counts
        var lengths = HuffmanCode.treeLengths(scaled)
        while (lengths.max() ?? 0) > maximumLength {
            scaled = scaled.map { $0 == 0 ? 0 : max(1, $0 / 2) }
            lengths = HuffmanCode.treeLengths(scaled)
        }
        self.init(lengths: lengths.map(UInt8.init))
    }

    /// Rebuilds the canonical code from its lengths; `nil` when the lengths do not describe a prefix code.
    package init?(validating lengths: [UInt8], maximumLength: Int) {
        var kraft = 0
        for length in lengths where length > 0 {
            guard Int(length) <= maximumLength else { return nil }
            kraft += 1 << (maximumLength - Int(length))
        }
        guard kraft <= 1 << maximumLength else { return nil }
        self.init(lengths: lengths)
    }

    private init(lengths: [UInt8]) {
        self.lengths = lengths
        var codes = [UInt16](repeating: 0, count: lengths.count)
        let maxLength = Int(lengths.max() ?? 0)
        var countPerLength = [Int](repeating: 0, count: maxLength + 2)
        for length in lengths where length > 0 { countPerLength[Int(length)] += 1 }
        var next = [Int](repeating: 0, count: maxLength + 2)
        var code = 0
        if maxLength > 0 {
            for bits in 1...maxLength {
                code = (code + countPerLength[bits - 1]) << 1
                next[bits] = code
            }
        }
        for (symbol, length) in lengths.enumerated() where length > 0 {
            codes[symbol] = UInt16(truncatingIfNeeded: next[Int(length)])
            next[Int(length)] += 1
        }
        self.codes = codes
    }

    /// A table indexed by the next `bits` bits of the stream: `symbol << 4 | length`, or 0 for no code.
    package func decodeTable(bits: Int) -> [UInt16] {
        var table = [UInt16](repeating: 0, count: 1 << bits)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            let shift = bits - Int(length)
            let first = Int(codes[symbol]) << shift
            let value = UInt16(truncatingIfNeeded: symbol << 4 | Int(length))
            for i in first..<(first + (1 << shift)) { table[i] = value }
        }
        return table
    }

    /// Huffman code lengths for `counts`; a lone used symbol gets length 1.
    private static func treeLengths(_ counts: [Int]) -> [Int] {
        var lengths = [Int](repeating: 0, count: counts.count)
        // Nodes: leaves first, then internal nodes; parent links give each leaf's depth.
        var weights: [Int] = []
        var parent: [Int] = []
        var heap: [(weight: Int, node: Int)] = []
        var leafOfSymbol: [Int: Int] = [:]
        for (symbol, count) in counts.enumerated() where count > 0 {
            leafOfSymbol[symbol] = weights.count
            heap.append((count, weights.count))
            weights.append(count)
            parent.append(-1)
        }
        if heap.count == 1, let only = leafOfSymbol.keys.first {
            lengths[only] = 1
            return lengths
        }
        // A sorted array used as a priority queue: alphabets here have at most a few thousand symbols.
        heap.sort { ($0.weight, $0.node) > ($1.weight, $1.node) }
        while heap.count > 1 {
            let a = heap.removeLast()
            let b = heap.removeLast()
            let node = weights.count
            weights.append(a.weight + b.weight)
            parent.append(-1)
            parent[a.node] = node
            parent[b.node] = node
            let item = (weight: a.weight + b.weight, node: node)
            let index = heap.firstIndex { ($0.weight, $0.node) < (item.weight, item.node) } ?? heap.count
            heap.insert(item, at: index)
        }
        for (symbol, leaf) in leafOfSymbol {
            var depth = 0
            var node = leaf
            while parent[node] >= 0 {
                depth += 1
                node = parent[node]
            }
            lengths[symbol] = depth
        }
        return lengths
    }
}

/// Appends codes to a big-endian bit stream (most significant bit first), as the reader's 64-bit peeks expect.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var accumulator: UInt64 = 0
    private var bitCount = 0

    mutating func write(_ code: UInt16, length: UInt8) {
        accumulator = accumulator << UInt64(length) | UInt64(code)
        bitCount += Int(length)
        while bitCount >= 8 {
            bitCount -= 8
            bytes.append(UInt8(truncatingIfNeeded: accumulator >> UInt64(bitCount)))
        }
    }

    /// Pads with zero bits to the next byte boundary (blocks start on bytes).
    mutating func alignToByte() {
        if bitCount > 0 {
            bytes.append(UInt8(truncatingIfNeeded: accumulator << UInt64(8 - bitCount)))
            bitCount = 0
        }
        accumulator = 0
    }
}
