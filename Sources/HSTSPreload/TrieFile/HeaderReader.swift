/// Position in one block's header stream, with a 64-bit look-ahead buffer (most significant bit next).
struct HeaderReader {
    /// Absolute offset where the block's (byte-reversed) header stream ends and its suffix stream begins.
    let boundary: Int
    /// Logical bits consumed.
    var bit = 0
    var buffer: UInt64 = 0
    /// Valid bits at the top of `buffer`.
    var available = 0

    init(boundary: Int) {
        self.boundary = boundary
    }
}
