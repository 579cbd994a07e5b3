public import HSTSPreload

/// Writes a list's entries for other HSTS clients: curl's cache file, plain text, or Chromium's JSON layout.
public struct ListExporter: Sendable {
    /// The entries to write, in the order written.
    public var entries: [Entry]
    /// The pinsets (written by `chromium-json` only).
    public var pinsets: [PinSet]

    /// An exporter of these entries and pinsets.
    public init(entries: [Entry], pinsets: [PinSet] = []) {
        self.entries = entries
        self.pinsets = pinsets
    }

    /// The expiry written on every curl line: curl drops expired entries, and a preload entry does not expire.
    public static let curlExpiry = "99991231 23:59:59"

    /// The whole output in `format`.
    public func render(_ format: ExportFormat) -> String {
        switch format {
        case .curl: curlCache()
        case .text: text()
        case .chromiumJSON: chromiumJSON()
        }
    }

    /// curl's HSTS cache file (docs/HSTS.md in curl).
    ///
    /// One line `[.]hostname "YYYYMMDD HH:MM:SS"` per entry, a leading dot for include_subdomains. Only force-https entries: an entry without that mode upgrades nothing in Chromium,
    /// and curl has no way to say "not this name".
    public func curlCache() -> String {
        var out = "# HSTS preload list for curl --hsts, written by hstsq export; entries expire \(Self.curlExpiry).\n"
        out.reserveCapacity(entries.count * 40)
        for entry in entries where entry.mode == .forceHTTPS {
            if entry.includeSubdomains { out += "." }
            out += entry.name
            out += " \"\(Self.curlExpiry)\"\n"
        }
        return out
    }

    /// One name per line: the name, then its mode (`no-mode` when it has none) and its other attributes.
    public func text() -> String {
        var out = ""
        out.reserveCapacity(entries.count * 48)
        for entry in entries {
            out += entry.name
            out += " " + (entry.mode?.rawValue ?? "no-mode")
            if entry.includeSubdomains { out += " include_subdomains" }
            if let policy = entry.policy { out += " policy=" + policy.rawValue }
            if let pins = entry.pins { out += " pins=" + pins }
            if entry.includeSubdomainsForPinning { out += " include_subdomains_for_pinning" }
            if entry.expectCT { out += " expect_ct" }
            if entry.expectStaple { out += " expect_staple" }
            out += "\n"
        }
        return out
    }

    /// Chromium's layout: `pinsets`, then `entries`, one entry per line, keys in Chromium's order and only the
    /// ones that are set.
    public func chromiumJSON() -> String {
        var out = "{\n  \"pinsets\": ["
        for (index, pinset) in pinsets.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\n      \"name\": \(JSONStringLiteral.quoted(pinset.name))"
            out += ",\n      \"static_spki_hashes\": [" + Self.strings(pinset.staticSPKIHashes) + "]"
            if !pinset.badStaticSPKIHashes.isEmpty {
                out += ",\n      \"bad_static_spki_hashes\": [" + Self.strings(pinset.badStaticSPKIHashes) + "]"
            }
            if let reportURI = pinset.reportURI {
                out += ",\n      \"report_uri\": \(JSONStringLiteral.quoted(reportURI))"
            }
            out += "\n    }"
        }
        out += pinsets.isEmpty ? "],\n" : "\n  ],\n"
        out += "  \"entries\": ["
        out.reserveCapacity(entries.count * 100)
        for (index, entry) in entries.enumerated() {
            out += index == 0 ? "\n    " : ",\n    "
            out += Self.entryJSON(entry)
        }
        out += entries.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    static func entryJSON(_ entry: Entry) -> String {
        var fields = ["\"name\": " + JSONStringLiteral.quoted(entry.name)]
        if let policy = entry.policy { fields.append("\"policy\": \"\(policy.rawValue)\"") }
        if let mode = entry.mode { fields.append("\"mode\": \"\(mode.rawValue)\"") }
        if entry.includeSubdomains { fields.append("\"include_subdomains\": true") }
        if entry.includeSubdomainsForPinning { fields.append("\"include_subdomains_for_pinning\": true") }
        if let pins = entry.pins { fields.append("\"pins\": " + JSONStringLiteral.quoted(pins)) }
        if entry.expectCT { fields.append("\"expect_ct\": true") }
        if let uri = entry.expectCTReportURI {
            fields.append("\"expect_ct_report_uri\": " + JSONStringLiteral.quoted(uri))
        }
        if entry.expectStaple { fields.append("\"expect_staple\": true") }
        if entry.includeSubdomainsForExpectStaple { fields.append("\"include_subdomains_for_expect_staple\": true") }
        if let uri = entry.expectStapleReportURI {
            fields.append("\"expect_staple_report_uri\": " + JSONStringLiteral.quoted(uri))
        }
        return "{ " + fields.joined(separator: ", ") + " }"
    }

    static func strings(_ values: [String]) -> String {
        values.map { "\n        " + JSONStringLiteral.quoted($0) }.joined(separator: ",")
            + (values.isEmpty ? "" : "\n      ")
    }
}
