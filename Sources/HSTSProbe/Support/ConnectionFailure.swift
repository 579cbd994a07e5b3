internal import Foundation
internal import NIOCore
internal import NIOPosix

/// Why a TCP connection failed, told apart by the types and `errno` values SwiftNIO throws rather than by their
/// text.
enum ConnectionFailure: Sendable, Equatable {
    /// The host name resolved to no address.
    case hostNotFound
    /// An address refused the connection.
    case refused
    /// Connecting took longer than the connect timeout.
    case timedOut
    /// The peer reset or closed the connection.
    case reset

    /// The failure `error` reports, or `nil` when it is not a connection failure of these kinds.
    init?(_ error: any Error) {
        switch error {
        case let error as NIOConnectionError:
            // Happy Eyeballs tried every address it resolved (none, when resolution failed).
            if error.connectionErrors.isEmpty && (error.dnsAError != nil || error.dnsAAAAError != nil) {
                self = .hostNotFound
                return
            }
            let kinds = error.connectionErrors.compactMap { ConnectionFailure($0.error) }
            if kinds.contains(.refused) {
                self = .refused
            } else if let first = kinds.first {
                self = first
            } else {
                return nil
            }
        case is SocketAddressError.UnknownHost:
            self = .hostNotFound
        case let error as ChannelError:
            guard case .connectTimeout = error else { return nil }
            self = .timedOut
        case let error as IOError:
            switch error.errnoCode {
            case ECONNREFUSED: self = .refused
            case ETIMEDOUT: self = .timedOut
            case ECONNRESET, EPIPE: self = .reset
            default: return nil
            }
        default:
            return nil
        }
    }
}
