import Crypto
import Foundation
public import NIOSSL
import SwiftASN1
import Synchronization
public import X509

/// A certificate authority made at run time: its root in PEM (for `--ca-file`), and leaf certificates issued on
/// demand for any host name, valid or expired.
public final class TestCertificateAuthority: Sendable {
    private let key: P256.Signing.PrivateKey
    private let name: DistinguishedName
    /// The root certificate.
    public let certificate: Certificate
    private let issued = Mutex<[String: (chain: [NIOSSLCertificate], key: NIOSSLPrivateKey)]>([:])

    /// A new CA with a fresh P-256 key.
    public init(commonName: String = "hstsq test CA") throws {
        key = P256.Signing.PrivateKey()
        name = try DistinguishedName { CommonName(commonName) }
        let now = Date()
        certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(86_400 * 30),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: Certificate.PrivateKey(key)
        )
    }

    /// The root certificate in PEM.
    public func rootPEM() throws -> String {
        try certificate.serializeAsPEM().pemString
    }

    /// Writes the root certificate to a PEM file and returns its path.
    public func writeRootPEM() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-ca-\(UUID().uuidString).pem")
            .path
        try rootPEM().write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A leaf certificate for `host` (cached per host and validity), with its key, for NIOSSL.
    public func leaf(
        for host: String,
        expired: Bool = false
    ) throws -> (chain: [NIOSSLCertificate], key: NIOSSLPrivateKey) {
        let cacheKey = (expired ? "expired:" : "") + host
        if let cached = issued.withLock({ $0[cacheKey] }) { return cached }
        let leafKey = P256.Signing.PrivateKey()
        let now = Date()
        let leaf = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(leafKey.publicKey),
            notValidBefore: now.addingTimeInterval(expired ? -86_400 * 60 : -3600),
            notValidAfter: now.addingTimeInterval(expired ? -86_400 * 30 : 86_400 * 30),
            issuer: name,
            subject: try DistinguishedName { CommonName(host) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([.dnsName(host)])
            },
            issuerPrivateKey: Certificate.PrivateKey(key)
        )
        var serializer = DER.Serializer()
        try serializer.serialize(leaf)
        let result = (
            chain: [try NIOSSLCertificate(bytes: serializer.serializedBytes, format: .der)],
            key: try NIOSSLPrivateKey(bytes: Array(leafKey.derRepresentation), format: .der)
        )
        issued.withLock { $0[cacheKey] = result }
        return result
    }
}
