/// Writing text into a caller's `char` buffer.
enum CText {
    /// Copies `text` into `buffer` with a NUL, truncated to `size`; nothing when `buffer` is NULL or `size` is 0.
    static func write(_ text: String, to buffer: UnsafeMutablePointer<CChar>?, size: Int) {
        guard let buffer = unsafe buffer, size > 0 else { return }
        var count = 0
        for byte in text.utf8 where count < size - 1 {
            unsafe buffer[count] = CChar(bitPattern: byte)
            count += 1
        }
        unsafe buffer[count] = 0
    }

    /// Copies `text` into the fixed-size `char` array `field` of a C struct, truncated, NUL-terminated.
    static func write<Field>(_ text: String, into field: inout Field) {
        unsafe withUnsafeMutableBytes(of: &field) { raw in
            let bytes = unsafe raw.bindMemory(to: CChar.self)
            unsafe write(text, to: bytes.baseAddress, size: bytes.count)
        }
    }
}
