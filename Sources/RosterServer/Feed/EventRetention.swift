import Foundation
import Logging
import RosterStore
import ServiceLifecycle

/// Prunes change events older than ``ServerConfiguration/eventRetention``, every
/// ``ServerConfiguration/eventPruneInterval`` (the store deletes them in small transactions, so
/// writers are never held up for long).
///
/// Several servers on one database may all prune: pruning is idempotent.
final class EventRetention: Service, Sendable {
    private let store: any Store
    private let configuration: ServerConfiguration
    private let logger: Logger

    init(store: any Store, configuration: ServerConfiguration, logger: Logger) {
        self.store = store
        self.configuration = configuration
        self.logger = logger
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.prune()
                try? await Task.sleep(for: self.configuration.eventPruneInterval)
            }
        }
    }

    func prune() async {
        do {
            let deleted = try await store.pruneEvents(olderThan: Date().addingTimeInterval(-configuration.eventRetention))
            if deleted > 0 { logger.info("Pruned change events past retention", metadata: ["deleted": "\(deleted)"]) }
        } catch {
            logger.error("Could not prune change events", metadata: ["error": "\(error)"])
        }
    }
}
