import Synchronization

/// How many SCIM writes may wait for the store at once. Every write goes through SQLite's single writer, so when
/// clients send writes faster than it commits them, they queue; past `bound`, a new write is answered 503 with
/// `Retry-After` at once instead of joining a queue it would time out in, and reads (which do not wait for the
/// writer) keep being answered.
final class WriteAdmission: Sendable {
    let bound: Int
    private let inFlight = Atomic<Int>(0)

    init(bound: Int) {
        self.bound = max(1, bound)
    }

    /// Admits a write unless `bound` are already in flight; an admitted write must ``leave()``.
    func enter() -> Bool {
        let now = inFlight.wrappingAdd(1, ordering: .relaxed).newValue
        if now > bound {
            inFlight.wrappingSubtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    func leave() {
        inFlight.wrappingSubtract(1, ordering: .relaxed)
    }

    /// Writes in flight now.
    var pending: Int { inFlight.load(ordering: .relaxed) }
}
