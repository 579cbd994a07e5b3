#if canImport(FoundationEssentials)
internal import FoundationEssentials
#else
internal import Foundation
#endif

extension Evidence {
    /// The largest capture file `init(contentsOfFile:domain:maximumBytes:)` reads unless told otherwise.
    public static let defaultMaximumFileBytes = 128 << 20

    /// Reads a capture in either format, recognized by `CaptureFormat(fileName:bytes:)`; `captureFormat` says
    /// which it was.
    ///
    /// - Throws: `EvidenceError` naming the file and the place of the problem.
    public init(capture bytes: [UInt8], fileName: String, domain: String) throws(EvidenceError) {
        switch CaptureFormat(fileName: fileName, bytes: bytes) {
        case .har: self = try Evidence.readHAR(bytes, fileName: fileName, domain: domain)
        case .curl: self = try Evidence.readCurl(bytes, fileName: fileName, domain: domain)
        }
    }

    /// Reads the capture file at `path`, HAR or curl text, as `init(capture:fileName:domain:)` does.
    ///
    /// The file is read whole, so `maximumBytes` bounds the memory it takes; a larger file is refused before
    /// reading.
    /// - Throws: `EvidenceError.unreadable` or `.fileTooLarge` when the file cannot be read, else the reader's
    ///   error naming the place.
    public init(
        contentsOfFile path: String,
        domain: String,
        maximumBytes: Int = Evidence.defaultMaximumFileBytes
    ) throws(EvidenceError) {
        let bytes = try Self.contents(of: path, maximumBytes: maximumBytes)
        try self.init(capture: bytes, fileName: path, domain: domain)
    }

    private static func contents(of path: String, maximumBytes: Int) throws(EvidenceError) -> [UInt8] {
        let files = FileManager.default
        guard let attributes = try? files.attributesOfItem(atPath: path) else {
            throw .unreadable(file: path, reason: "no such file")
        }
        if attributes[.type] as? FileAttributeType == .typeDirectory {
            throw .unreadable(file: path, reason: "is a directory")
        }
        if let size = byteCount(attributes[.size]), size > maximumBytes {
            throw .fileTooLarge(file: path, size: size, limit: maximumBytes)
        }
        guard let data = files.contents(atPath: path) else {
            throw .unreadable(file: path, reason: "permission denied")
        }
        return Array(data)
    }

    /// A file size as Foundation reports it (`UInt` in FoundationEssentials, a bridged number elsewhere).
    private static func byteCount(_ value: Any?) -> Int? {
        switch value {
        case let size as Int: size
        case let size as UInt: Int(clamping: size)
        case let size as UInt64: Int(clamping: size)
        case let size as Int64: Int(clamping: size)
        default: nil
        }
    }
}
