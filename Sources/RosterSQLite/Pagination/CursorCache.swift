import GRDB
import RosterStore
import SCIM
import Synchronization

/// Where recent list pages ended, so that the next page seeks instead of skipping rows.
///
/// SCIM pages by position (`startIndex`), which SQL serves with OFFSET: page 5,000 of an Okta
/// import of 1,000,000 members would skip 500,000 rows (15–36 ms). When a page is served, the
/// sort key of its last row is remembered under the position that follows it; a request for
/// that position (the next page, as Okta asks for it) then seeks with `(key, rowid) > (?, ?)`
/// at the cost of the first page. Totals are remembered the same way, so later pages skip the
/// `count(*)`.
///
/// Entries are tagged with the organization's generation counter, which triggers bump on every
/// write to its members, teams or memberships, from any process; an entry from another
/// generation is ignored. A seek therefore returns exactly the rows OFFSET would, and a miss falls back to OFFSET.
final class CursorCache: Sendable {
    /// A list request without its position.
    struct Query: Hashable, Sendable {
        var kind: ResourceKind
        var organizationID: String
        var filter: Filter?
        var sortBy: String?
        var descending: Bool
    }

    /// The sort key and rowid of the row just before a position.
    struct Cursor: Sendable {
        var generation: Int64
        var sortKey: DatabaseValue
        var rowid: Int64
    }

    private struct Position: Hashable {
        var query: Query
        var startIndex: Int
    }

    private struct State {
        var cursors: [Position: Cursor] = [:]
        var cursorOrder: [Position] = []
        var totals: [Query: (generation: Int64, total: Int)] = [:]
        var totalOrder: [Query] = []
    }

    private let state = Mutex(State())
    /// Entries kept per kind of entry; the oldest goes first.
    let capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = capacity
    }

    func cursor(_ query: Query, startIndex: Int, generation: Int64) -> Cursor? {
        state.withLock { state in
            guard let cursor = state.cursors[Position(query: query, startIndex: startIndex)], cursor.generation == generation else {
                return nil
            }
            return cursor
        }
    }

    func remember(_ cursor: Cursor, for query: Query, startIndex: Int) {
        let position = Position(query: query, startIndex: startIndex)
        let capacity = capacity
        state.withLock { state in
            if state.cursors.updateValue(cursor, forKey: position) == nil {
                state.cursorOrder.append(position)
                if state.cursorOrder.count > capacity {
                    state.cursors[state.cursorOrder.removeFirst()] = nil
                }
            }
        }
    }

    func total(_ query: Query, generation: Int64) -> Int? {
        state.withLock { state in
            guard let entry = state.totals[query], entry.generation == generation else { return nil }
            return entry.total
        }
    }

    func remember(total: Int, for query: Query, generation: Int64) {
        let capacity = capacity
        state.withLock { state in
            if state.totals.updateValue((generation, total), forKey: query) == nil {
                state.totalOrder.append(query)
                if state.totalOrder.count > capacity {
                    state.totals[state.totalOrder.removeFirst()] = nil
                }
            }
        }
    }
}
