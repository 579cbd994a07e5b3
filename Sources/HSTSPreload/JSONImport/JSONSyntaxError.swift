/// A JSON syntax error: where, and what was expected there.
package struct JSONSyntaxError: Error, Sendable, Equatable {
    /// Byte offset of the offending byte.
    package var offset: Int
    /// What the reader expected, as in "',' or '}' after an object member".
    package var expected: String
}
