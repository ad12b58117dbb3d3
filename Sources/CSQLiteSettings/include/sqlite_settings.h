#ifndef ROSTER_SQLITE_SETTINGS_H
#define ROSTER_SQLITE_SETTINGS_H

struct sqlite3;

/// Turns off SQLite's memory statistics (`SQLITE_CONFIG_MEMSTATUS`), which take a process-wide
/// mutex around every allocation SQLite makes. `sqlite3_config` is variadic, so Swift cannot call
/// it. Effective only before SQLite is first initialised in the process; returns SQLite's result
/// code (`SQLITE_MISUSE` when it was already initialised, which leaves the statistics on).
int roster_sqlite_disable_memory_statistics(void);

/// The number of transactions one connection has committed, counted by its WAL hook.
typedef struct roster_commit_counter roster_commit_counter;

/// Installs a WAL hook on `db` that counts its commits (see `roster_commit_count`), and returns
/// the counter; NULL when out of memory. The hook replaces SQLite's own, so it also does what
/// that one did: a passive checkpoint once the WAL holds `autocheckpoint_frames` frames (SQLite's
/// default is 1000). Running `PRAGMA wal_autocheckpoint` on `db` afterwards would replace it.
/// Remove it with `roster_commit_counter_remove` before the counter is freed.
roster_commit_counter *roster_commit_counter_install(struct sqlite3 *db, int autocheckpoint_frames);

/// The commits counted so far. A hook counts a commit after it has taken place and before the
/// statement that committed returns, so a caller told that a write committed reads a count that
/// includes it.
unsigned long long roster_commit_count(const roster_commit_counter *counter);

/// Puts SQLite's own WAL hook back on `db` (with the same checkpoint threshold) and frees `counter`.
void roster_commit_counter_remove(struct sqlite3 *db, roster_commit_counter *counter);

#endif
