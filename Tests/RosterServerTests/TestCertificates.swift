import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// A certificate authority made in the test, and server certificates for `localhost` it signs, written as the PEM
/// files `roster serve --tls-cert/--tls-key` reads. No `openssl` on the machine needed.
struct TestCertificateAuthority {
    let name: String
    private let key = P256.Signing.PrivateKey()
    let certificate: Certificate

    init(name: String) throws {
        self.name = name
        let subject = try DistinguishedName { CommonName(name) }
        let now = Date()
        certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86_400, issuer: subject, subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true))
            },
            issuerPrivateKey: .init(key))
    }

    /// A `localhost` server certificate and its key, as PEM: the chain is the server certificate then this CA's.
    func issueServerPair() throws -> (chainPEM: String, keyPEM: String) {
        let serverKey = P256.Signing.PrivateKey()
        let now = Date()
        let server = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(serverKey.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86_400, issuer: certificate.subject,
            subject: try DistinguishedName { CommonName("localhost") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                SubjectAlternativeNames([.dnsName("localhost")])
                try ExtendedKeyUsage([.serverAuth])
            },
            issuerPrivateKey: .init(key))
        let chain = try server.serializeAsPEM().pemString + "\n" + certificate.serializeAsPEM().pemString + "\n"
        return (chain, serverKey.pemRepresentation + "\n")
    }

    /// A client TLS configuration that trusts this CA only.
    func clientConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        let der = try certificate.serializeAsPEM().derBytes
        configuration.trustRoots = .certificates([try NIOSSLCertificate(bytes: der, format: .der)])
        return configuration
    }
}

/// PEM files in a fresh temporary directory, rewritten as a renewal would.
struct TLSFilePair {
    let directory: URL
    var certificatePath: String { directory.appendingPathComponent("cert.pem").path }
    var keyPath: String { directory.appendingPathComponent("key.pem").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("roster-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func write(chainPEM: String, keyPEM: String) throws {
        try Data(chainPEM.utf8).write(to: URL(fileURLWithPath: certificatePath), options: .atomic)
        try Data(keyPEM.utf8).write(to: URL(fileURLWithPath: keyPath), options: .atomic)
    }
}
