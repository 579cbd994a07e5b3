import HSTSPreload
import Testing

/// Known answers for the core's own SHA-256: the FIPS 180-2 / 180-4 example messages, and messages whose lengths
/// sit around the block and padding boundaries, against digests computed with coreutils' `sha256sum`.
@Suite struct SHA256Tests {
    struct KnownAnswer: CustomTestStringConvertible, Sendable {
        var name: String
        var message: [UInt8]
        var digest: String

        var testDescription: String { name }
    }

    /// FIPS 180-2 appendix B (and the NIST example values for FIPS 180-4): one block, two blocks, many blocks.
    static let fipsExamples: [KnownAnswer] = [
        KnownAnswer(
            name: "abc",
            message: Array("abc".utf8),
            digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        ),
        KnownAnswer(
            name: "448 bits",
            message: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
            digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        KnownAnswer(
            name: "896 bits",
            message: Array(
                ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                    + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8
            ),
            digest: "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
        KnownAnswer(
            name: "one million a",
            message: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000),
            digest: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        ),
    ]

    /// The bytes 0, 1, 2, … (mod 256) of each length, so that byte order within a word matters.
    ///
    /// 55 bytes is the longest message whose padding fits its block; 56 through 63 push the length field into a
    /// second block; 64 fills a block exactly.
    static let boundaryLengths: [KnownAnswer] = [
        (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"),
        (55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"),
        (56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"),
        (57, "2fe741af801cc238602ac0ec6a7b0c3a8a87c7fc7d7f02a3fe03d1c12eac4d8f"),
        (63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"),
        (64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"),
        (65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"),
        (119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6"),
        (120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c"),
        (127, "92ca0fa6651ee2f97b884b7246a562fa71250fedefe5ebf270d31c546bfea976"),
        (128, "471fb943aa23c511f6f72f8d1652d9c880cfa392ad80503120547703e56a2be5"),
        (129, "5099c6a56203f9687f7d33f4bfdf576d31dc91f6b695ecea38b2770c87631135"),
    ].map { length, digest in
        KnownAnswer(
            name: "\(length) bytes",
            message: (0..<length).map { UInt8(truncatingIfNeeded: $0) },
            digest: digest
        )
    }

    /// The same digests for the same bytes of `a`, the usual way to write these lengths.
    static let boundaryLengthsOfA: [KnownAnswer] = [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
    ].map { length, digest in
        KnownAnswer(
            name: "\(length) times a",
            message: [UInt8](repeating: UInt8(ascii: "a"), count: length),
            digest: digest
        )
    }

    @Test(arguments: fipsExamples + boundaryLengths + boundaryLengthsOfA)
    func digestOfTheWholeMessage(_ answer: KnownAnswer) {
        #expect(SHA256.hex(SHA256.hash(answer.message)) == answer.digest)
        #expect(SHA256.hash(answer.message).count == 32)
    }

    @Test(arguments: boundaryLengths + boundaryLengthsOfA + fipsExamples.prefix(3))
    func digestFedInTwoPartsAtEverySplit(_ answer: KnownAnswer) {
        for split in 0...answer.message.count {
            var hasher = SHA256()
            hasher.update(answer.message[..<split])
            hasher.update(answer.message[split...])
            #expect(SHA256.hex(hasher.finalize()) == answer.digest, "split at \(split)")
        }
    }

    @Test(arguments: [7, 63, 64, 65, 1000, 4096])
    func oneMillionAFedInChunks(_ chunk: Int) {
        var hasher = SHA256()
        var remaining = 1_000_000
        while remaining > 0 {
            let count = min(chunk, remaining)
            hasher.update(repeatElement(UInt8(ascii: "a"), count: count))
            remaining -= count
        }
        #expect(
            SHA256.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        )
    }

    @Test func hexIsLowerCaseTwoDigitsPerByte() {
        #expect(SHA256.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(SHA256.hex([]) == "")
    }
}
