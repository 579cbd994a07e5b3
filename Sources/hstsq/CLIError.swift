/// An error the CLI reports as one `hstsq: error:` line and exit code 3 (usage or unreadable input).
struct CLIError: Error, CustomStringConvertible {
    /// The whole message, naming the input and the place.
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
