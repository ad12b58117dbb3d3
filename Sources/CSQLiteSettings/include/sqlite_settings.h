#ifndef ROSTER_SQLITE_SETTINGS_H
#define ROSTER_SQLITE_SETTINGS_H

/// Turns off SQLite's memory statistics (`SQLITE_CONFIG_MEMSTATUS`), which take a process-wide
/// mutex around every allocation SQLite makes. `sqlite3_config` is variadic, so Swift cannot call
/// it. Effective only before SQLite is first initialised in the process; returns SQLite's result
/// code (`SQLITE_MISUSE` when it was already initialised, which leaves the statistics on).
int roster_sqlite_disable_memory_statistics(void);

#endif
