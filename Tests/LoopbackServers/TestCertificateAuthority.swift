import Crypto
import Foundation
import NIOConcurrencyHelpers
public import NIOSSL
import SwiftASN1
public import X509
import _CryptoExtras

/// A certificate authority made at run time: its root in PEM (for `--ca-file`), and leaf certificates issued on
/// demand for any host name, valid or expired.
public final class TestCertificateAuthority: Sendable {
    private let key: Certificate.PrivateKey
    private let leafSignature: Certificate.SignatureAlgorithm
    private let name: DistinguishedName
    /// The root certificate.
    public let certificate: Certificate
    // NIO's lock, not Synchronization.Mutex: on Linux, Mutex's futex is invisible to ThreadSanitizer, which then
    // reports every access under it as a race (scripts/sanitize thread).
    private let issued = NIOLockedValueBox<[String: (chain: [NIOSSLCertificate], key: NIOSSLPrivateKey)]>([:])

    /// A new CA with a fresh P-256 key; with `signsWithSHA1`, an RSA-2048 key that signs its leaf certificates
    /// with SHA-1 (sha1WithRSAEncryption), as certificates hstspreload.org flags with `domain.tls.sha1`.
    public init(commonName: String = "hstsq test CA", signsWithSHA1: Bool = false) throws {
        let rootSignature: Certificate.SignatureAlgorithm
        if signsWithSHA1 {
            key = Certificate.PrivateKey(try _RSA.Signing.PrivateKey(keySize: .bits2048))
            rootSignature = .sha256WithRSAEncryption
            leafSignature = .sha1WithRSAEncryption
        } else {
            key = Certificate.PrivateKey(P256.Signing.PrivateKey())
            rootSignature = .ecdsaWithSHA256
            leafSignature = .ecdsaWithSHA256
        }
        name = try DistinguishedName { CommonName(commonName) }
        let now = Date()
        certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: key.publicKey,
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(86_400 * 30),
            issuer: name,
            subject: name,
            signatureAlgorithm: rootSignature,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            },
            issuerPrivateKey: key
        )
    }

    /// The root certificate in PEM.
    public func rootPEM() throws -> String {
        try certificate.serializeAsPEM().pemString
    }

    /// Writes the root certificate (and those of `others`) to a PEM file and returns its path; the file is removed
    /// when the process exits, if not before.
    public func writeRootPEM(alongWith others: [TestCertificateAuthority] = []) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hstsq-ca-\(UUID().uuidString).pem")
            .path
        TemporaryFiles.add(path)
        try ([self] + others).map { try $0.rootPEM() }.joined(separator: "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A leaf certificate for `host` (cached per host and validity), with its key, for NIOSSL.
    public func leaf(
        for host: String,
        expired: Bool = false
    ) throws -> (chain: [NIOSSLCertificate], key: NIOSSLPrivateKey) {
        let cacheKey = (expired ? "expired:" : "") + host
        if let cached = issued.withLockedValue({ $0[cacheKey] }) { return cached }
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
            signatureAlgorithm: leafSignature,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([.dnsName(host)])
            },
            issuerPrivateKey: key
        )
        var serializer = DER.Serializer()
        try serializer.serialize(leaf)
        let result = (
            chain: [try NIOSSLCertificate(bytes: serializer.serializedBytes, format: .der)],
            key: try NIOSSLPrivateKey(bytes: Array(leafKey.derRepresentation), format: .der)
        )
        issued.withLockedValue { $0[cacheKey] = result }
        return result
    }
}
