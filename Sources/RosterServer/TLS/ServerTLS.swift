import Logging
import NIOCertificateReloading
import NIOSSL
import ServiceLifecycle
import Synchronization
import X509

/// HTTPS for the SCIM listener: a PEM certificate chain and private key read from files, and read again without a
/// restart, so that a renewal (Let's Encrypt rewrites both files every few weeks) needs no downtime.
///
/// The pair is re-read every ``ServerTLSFiles/refreshInterval`` and whenever ``reload()`` is called (`roster serve`
/// calls it on `SIGHUP`). Each new handshake gets the latest good pair; connections already open keep theirs. A new
/// pair that does not load (a missing file, bad PEM, a key that does not match the certificate, half of a renewal
/// written) is refused with a log line and the previous pair keeps serving. TLS 1.2 is the oldest version offered.
public struct ServerTLS: Sendable {
    /// The server-side TLS configuration handed to the HTTP server; its context callback asks ``reloader`` for the
    /// current pair on each handshake.
    let configuration: TLSConfiguration
    private let reloader: TimedCertificateReloader

    /// Reads and checks the pair once.
    /// - Throws: when the files cannot be read or parsed, or the key is not the certificate's, so that a server never
    ///   starts without a certificate.
    public init(files: ServerTLSFiles, logger: Logger) throws {
        let events = ReloadEvents(files: files, logger: logger)
        let reloaderConfiguration = TimedCertificateReloader.Configuration(
            refreshInterval: files.refreshInterval,
            certificateSource: .init(location: .file(path: files.certificatePath), format: .pem),
            privateKeySource: .init(location: .file(path: files.keyPath), format: .pem)
        ) {
            $0.onCertificateLoaded = { events.loaded($0) }
            $0.onCertificateLoadFailed = { events.failed($0) }
        }
        let reloader = try TimedCertificateReloader.makeReloaderValidatingSources(configuration: reloaderConfiguration)
        var configuration = try TLSConfiguration.makeServerConfiguration(certificateReloader: reloader)
        configuration.minimumTLSVersion = .tlsv12
        configuration.applicationProtocols = ["http/1.1"]
        self.configuration = configuration
        self.reloader = reloader
    }

    /// Reads the pair now; a pair that does not load is logged and the current one kept.
    public func reload() {
        try? reloader.reload()
    }

    /// The service that re-reads the pair periodically; the application runs it.
    var refresher: some Service { reloader }
}

/// Where the certificate chain and key are, and how often they are read again.
public struct ServerTLSFiles: Sendable, Equatable {
    /// PEM: the server certificate first, then any intermediates.
    public var certificatePath: String
    /// PEM: the private key of the first certificate (PKCS#8, or SEC1/PKCS#1).
    public var keyPath: String
    /// How often the files are read again to pick up a renewal.
    public var refreshInterval: Duration

    public init(certificatePath: String, keyPath: String, refreshInterval: Duration = .seconds(60)) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.refreshInterval = refreshInterval
    }
}

/// Turns the reloader's callbacks into log lines an operator can act on. The reloader reports every periodic read,
/// so a line is written only when something changed: a different certificate went live, or loading started failing
/// (or failed differently) — not once a minute while a half-renewed pair sits on disk.
private final class ReloadEvents: Sendable {
    private let files: ServerTLSFiles
    private let logger: Logger
    private let lastFailure = Mutex<String?>(nil)

    init(files: ServerTLSFiles, logger: Logger) {
        self.files = files
        self.logger = logger
    }

    func loaded(_ diff: TimedCertificateReloader.CertificateChainAndKeyPairReloadDiff) {
        let recovered = lastFailure.withLock { failure in
            defer { failure = nil }
            return failure != nil
        }
        guard let current = diff.currentX509CertificateChain.first else { return }
        let previous = diff.previousX509CertificateChain?.first
        guard previous != current || recovered else { return }
        logger.notice(
            previous == nil ? "TLS certificate loaded" : "TLS certificate reloaded",
            metadata: [
                "subject": "\(current.subject)", "notValidAfter": "\(current.notValidAfter)",
                "certificate": "\(files.certificatePath)",
            ])
    }

    func failed(_ failure: TimedCertificateReloader.CertificateChainAndKeyPairReloadFailure) {
        let reason = "\(failure.error)"
        let isNew = lastFailure.withLock { last in
            defer { last = reason }
            return last != reason
        }
        guard isNew else { return }
        logger.error(
            "TLS certificate or key refused; the previous pair keeps serving",
            metadata: ["error": "\(reason)", "certificate": "\(files.certificatePath)", "key": "\(files.keyPath)"])
    }
}
