/// A `--connect-to HOST:PORT:ADDRESS:PORT` rule, as in curl: requests for HOST:PORT connect to ADDRESS:PORT instead,
/// while TLS (SNI, certificate names) and the `Host` header still use HOST.
///
/// An empty HOST or PORT matches any; an IPv6 address is written in brackets.
public struct ConnectTo: Sendable, Hashable, CustomStringConvertible {
    /// The requested host this rule applies to (`nil`: any).
    public var host: String?
    /// The requested port this rule applies to (`nil`: any).
    public var port: Int?
    /// Where to connect instead.
    public var address: String
    /// The port to connect to instead.
    public var targetPort: Int

    /// A rule from its parts.
    public init(host: String?, port: Int?, address: String, targetPort: Int) {
        self.host = host?.lowercased()
        self.port = port
        self.address = address
        self.targetPort = targetPort
    }

    /// Parses `HOST:PORT:ADDRESS:PORT`; `nil` when malformed.
    public init?(parsing text: String) {
        var fields: [String] = []
        var current = ""
        var inBrackets = false
        for character in text {
            switch character {
            case "[": inBrackets = true
            case "]": inBrackets = false
            case ":" where !inBrackets:
                fields.append(current)
                current = ""
            default: current.append(character)
            }
        }
        fields.append(current)
        guard fields.count == 4, !fields[2].isEmpty, let targetPort = Int(fields[3]), (1...65_535).contains(targetPort)
        else { return nil }
        var port: Int?
        if !fields[1].isEmpty {
            guard let parsed = Int(fields[1]), (1...65_535).contains(parsed) else { return nil }
            port = parsed
        }
        self.init(host: fields[0].isEmpty ? nil : fields[0], port: port, address: fields[2], targetPort: targetPort)
    }

    /// Whether the rule applies to `host`:`port`.
    public func matches(host: String, port: Int) -> Bool {
        (self.host == nil || self.host == host.lowercased()) && (self.port == nil || self.port == port)
    }

    /// The rule as `HOST:PORT:ADDRESS:PORT`.
    public var description: String {
        let address = self.address.contains(":") ? "[\(self.address)]" : self.address
        return "\(host ?? ""):\(port.map(String.init) ?? ""):\(address):\(targetPort)"
    }
}
