/// The capture files evidence is read from.
public enum CaptureFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A HAR 1.2 file: a browser's devtools export, or what a live audit saved.
    case har
    /// The text `curl -sSI -L URL` prints: status lines and headers of every response in the chain.
    case curl

    /// The format of the capture `bytes`, read from `fileName`: HAR when the name ends in `.har` (in any case) or
    /// the first byte after blanks opens a JSON object; curl text otherwise.
    public init(fileName: String, bytes: some Collection<UInt8>) {
        let blanks: [UInt8] = [0x20, 0x0A, 0x0D, 0x09]
        let opensObject = bytes.first(where: { !blanks.contains($0) }) == UInt8(ascii: "{")
        self = fileName.lowercased().hasSuffix(".har") || opensObject ? .har : .curl
    }

    /// `har` or `curl`.
    public var description: String { rawValue }
}
