import HSTSPreload
import Testing

/// `TrieFile(borrowingForever:)`: compiled bytes read in place (hstsq's embedded list), without a copy.
@Suite struct BorrowedBytesTests {
    /// `bytes` in memory that is never freed, as the embedded list's is not.
    static func forever(_ bytes: [UInt8]) -> UnsafeRawBufferPointer {
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        unsafe storage.copyBytes(from: bytes)
        return UnsafeRawBufferPointer(storage)
    }

    @Test func bytesReadInPlaceAnswerAsACopy() throws {
        let bytes = try Fixtures.data("preload-2026-06-01.hstsq")
        let borrowed = try PreloadList(file: unsafe TrieFile(borrowingForever: Self.forever(bytes)))
        let copied = try PreloadList(compiledBytes: bytes)
        #expect(borrowed.entryCount == copied.entryCount)
        for text in ["figma.com", "sub.figma.com", "a.www.figma.com", "example.com", "google", "xn--p1ai", "com"] {
            let host = try HostName(text)
            for semantics in [MatchingSemantics.chromium, .anyAncestor] {
                #expect(
                    borrowed.decision(for: host, semantics: semantics)
                        == copied.decision(for: host, semantics: semantics)
                )
            }
        }
        #expect(borrowed.decision(for: try HostName("figma.com")).upgrade)
    }

    @Test func corruptedBytesAreRejectedAsACopyIs() throws {
        var bytes = try Fixtures.data("preload-2026-06-01.hstsq")
        bytes[bytes.count / 2] ^= 0x40
        #expect(throws: TrieFileError.self) {
            try PreloadList(file: unsafe TrieFile(borrowingForever: Self.forever(bytes)))
        }
        #expect(throws: TrieFileError.self) { try PreloadList(compiledBytes: bytes) }
        #expect(throws: TrieFileError.self) {
            try PreloadList(file: unsafe TrieFile(borrowingForever: Self.forever(Array(bytes.prefix(100)))))
        }
    }
}
