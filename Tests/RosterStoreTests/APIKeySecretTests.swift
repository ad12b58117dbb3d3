import Foundation
import RosterStore
import Testing

@Suite struct APIKeySecretTests {
    @Test func generatedSecretsHaveTheDocumentedShape() {
        let (secret, prefix) = APIKeySecret.generate()
        #expect(secret.utf8.count == 4 + 8 + 1 + 40)
        #expect(prefix.utf8.count == 12 && secret.hasPrefix(prefix + "_") && prefix.hasPrefix("rst_"))
        #expect(prefix.dropFirst(4).allSatisfy { $0.isLowercase || $0.isNumber })
        #expect(APIKeySecret.prefix(of: secret) == prefix)
    }

    @Test func secretsDoNotRepeat() {
        let secrets = (0..<1000).map { _ in APIKeySecret.generate().secret }
        #expect(Set(secrets).count == 1000)
        #expect(Set(secrets.map { $0.prefix(12) }).count == 1000)
    }

    @Test func malformedSecretsHaveNoPrefix() {
        let (secret, _) = APIKeySecret.generate()
        for bad in ["", "rst_", String(secret.dropLast()), secret + "a", "xyz" + secret.dropFirst(3), secret.uppercased(),
            secret.replacingOccurrences(of: "_", with: "-"), " " + secret]
        {
            #expect(APIKeySecret.prefix(of: bad) == nil, "\(bad)")
        }
    }

    @Test func hashesMatchOnlyTheSameSecret() {
        let (secret, _) = APIKeySecret.generate()
        let stored = APIKeySecret.hash(secret)
        #expect(stored.count == 32)
        #expect(APIKeySecret.matches(secret, storedHash: stored))
        #expect(!APIKeySecret.matches(APIKeySecret.generate().secret, storedHash: stored))
        #expect(!APIKeySecret.matches(secret, storedHash: stored.dropLast()))
    }
}
